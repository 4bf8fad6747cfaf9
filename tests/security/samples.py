"""Sample path parameters per URL pattern name, taken from the demo.

Every object belongs to Kunming (CNKMG) where the demo has one: the matrix then asks who, other
than Kunming's officer, may read or change it. A pattern whose parameters are only `code` gets
Kunming's code without an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

CITY = "CNKMG"


def _pk(model_path: str, **filters: Any) -> int:
    from django.apps import apps

    app, name = model_path.split(".")
    model: type[Model] = apps.get_model(app, name)
    row = model._default_manager.filter(**filters).order_by("pk").first()
    if row is None:
        raise LookupError(f"the demo holds no {model_path} with {filters}")
    return int(row.pk)


def _draft_number() -> int:
    from localgbf.web.plans.models import PlanVersion

    return PlanVersion.objects.get(plan__government__code=CITY, status="draft").number


def _in_draft(kind: str) -> dict[str, Any]:
    models = {"goal": "plans.Goal", "target": "plans.LocalTarget", "action": "plans.Action"}
    path = {"goal": "version", "target": "version", "action": "version"}[kind]
    filters = {f"{path}__plan__government__code": CITY, f"{path}__status": "draft"}
    return {"code": CITY, "number": _draft_number(), "pk": _pk(models[kind], **filters)}


def _national() -> dict[str, Any]:
    from localgbf.web.frameworks.models import Framework

    fw = Framework.objects.filter(kind="national").order_by("pk").first()
    if fw is None:
        raise LookupError("the demo holds no national framework")
    return {"slug": fw.slug, "version": fw.version}


def _assessment() -> int:
    return _pk("assessments.Assessment", government__code=CITY)


def _batch_result() -> dict[str, Any]:
    from localgbf.web.batches.models import BatchItem

    item = BatchItem.objects.select_related("government").order_by("pk").first()
    if item is None:
        raise LookupError("the demo holds no batch item")
    return {"pk": item.batch_id, "code": item.government.code}


def _consultation_input() -> dict[str, Any]:
    from localgbf.web.participation.models import ConsultationInput

    row = (
        ConsultationInput.objects.filter(consultation__country__code="CN", government__code=CITY)
        .order_by("pk")
        .first()
    )
    if row is None:
        raise LookupError("the demo holds no consultation input from Kunming")
    return {"pk": row.consultation_id, "input_pk": row.pk}


def _public_consultation() -> int:
    return _pk("participation.PublicConsultation", government__code=CITY)


def _public_comment() -> int:
    return _pk("participation.PublicComment", consultation__government__code=CITY)


Sample = Callable[[], dict[str, Any]]

SAMPLES: dict[str, Sample] = {
    "job": lambda: {"pk": _pk("jobs.Job", government__code="MCMON")},
    "job-status": lambda: {"pk": _pk("jobs.Job", government__code="MCMON")},
    "national-template": lambda: {"fmt": "xlsx"},
    "national-import": lambda: {"code": "CN"},
    "national-framework": _national,
    "capacity-close": lambda: {
        "kind": "need",
        "pk": _pk("plans.CapacityNeed", government__code=CITY),
    },
    "plans-template": lambda: {"kind": "actions"},
    "capacity-new": lambda: {"code": CITY, "kind": "need"},
    "plan-version": lambda: {"code": CITY, "number": _draft_number()},
    "plan-adopt": lambda: {"code": CITY, "number": _draft_number()},
    "plan-import": lambda: {"code": CITY, "number": _draft_number()},
    "plan-export": lambda: {"code": CITY, "number": _draft_number(), "fmt": "json"},
    "plan-step": lambda: {"code": CITY, "number": _draft_number(), "step": "targets"},
    "plan-goal-new": lambda: {"code": CITY, "number": _draft_number()},
    "plan-goal": lambda: _in_draft("goal"),
    "plan-target-new": lambda: {"code": CITY, "number": _draft_number()},
    "plan-target": lambda: _in_draft("target"),
    "plan-action-new": lambda: {"code": CITY, "number": _draft_number()},
    "plan-action": lambda: _in_draft("action"),
    "plan-delete": lambda: {**_in_draft("action"), "kind": "action"},
    "dataset": lambda: {"pk": _pk("datasets.Dataset", government__code="MCMON")},
    "dataset-download": lambda: {"pk": _pk("datasets.Dataset", government__code="MCMON")},
    "species-taxon": lambda: {"code": CITY, "name": "Ailurus fulgens"},
    "species-import": lambda: {"pk": _pk("species_web.SpeciesImport")},
    "species-fetch": lambda: {"pk": _pk("species_web.Fetch")},
    "computation": lambda: {"pk": _pk("computations.Computation")},
    "class-map": lambda: {"code": "MCMON", "pk": _pk("computations.SavedClassMap")},
    # The demo imports no band table: the pk of one that does not exist (404 for everyone).
    "band-table-file": lambda: {"pk": 999_999},
    "assessment": lambda: {"pk": _assessment()},
    "assessment-profile": lambda: {"pk": _assessment()},
    "assessment-complete": lambda: {"pk": _assessment()},
    "assessment-computation": lambda: {
        "pk": _assessment(),
        "record": _pk("assessments.ComputationRecord", assessment__government__code=CITY),
    },
    "assessment-indicator": lambda: {"pk": _assessment(), "number": 1},
    "assessment-scorecard": lambda: {"pk": _assessment()},
    "assessment-scorecard-pdf": lambda: {"pk": _assessment()},
    "assessment-scorecard-file": lambda: {"pk": _assessment(), "fmt": "csv"},
    "assessment-rescore": lambda: {"pk": _assessment()},
    "assessment-evidence": lambda: {"pk": _assessment(), "sha256": "0" * 64},
    "batches": lambda: {"code": "CN"},
    "batch": lambda: {"pk": _pk("batches.BatchRun")},
    "batch-summary": lambda: {"pk": _pk("batches.BatchRun"), "fmt": "csv"},
    "batch-result": _batch_result,
    "commitment": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "commitment-edit": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "commitment-kpis": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "commitment-submit": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "commitment-new-version": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "commitment-ort": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "progress-new": lambda: {"pk": _pk("commitments.Commitment", government__code=CITY)},
    "progress-report": lambda: {
        "pk": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "progress-edit": lambda: {
        "pk": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "progress-submit": lambda: {
        "pk": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "progress-evidence": lambda: {
        "pk": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "evidence-download": lambda: {"pk": _pk("commitments.Evidence")},
    "evidence-remove": lambda: {"pk": _pk("commitments.Evidence")},
    "review-queue": lambda: {"code": "CN"},
    "review-settings": lambda: {"code": "CN"},
    "review-decide": lambda: {
        "kind": "commitment",
        "pk": _pk("commitments.CommitmentVersion", commitment__government__code=CITY),
    },
    "national-report": lambda: {"code": "CN"},
    "national-report-file": lambda: {"code": "CN", "fmt": "csv"},
    "organisation": lambda: {"code": "cn-cities-network"},
    "cepa-edit": lambda: {"code": CITY, "pk": _pk("participation.CepaActivity")},
    "portal-target": lambda: {"code": "3"},
    "portal-download": lambda: {"code": CITY, "fmt": "csv"},
    "api-token-revoke": lambda: {"pk": _pk("api.ApiToken", user__username="kunming.officer")},
    "consultations": lambda: {"code": "CN"},
    "consultation-new": lambda: {"code": "CN"},
    "consultation": lambda: {"pk": _pk("participation.Consultation", country__code="CN")},
    "consultation-input": lambda: {"pk": _pk("participation.Consultation", country__code="CN")},
    "consultation-close": lambda: {"pk": _pk("participation.Consultation", country__code="CN")},
    "consultation-export": lambda: {
        "pk": _pk("participation.Consultation", country__code="CN"),
        "fmt": "xlsx",
    },
    "consultation-respond": _consultation_input,
    "plan-of-action-report": lambda: {"code": "CN"},
    "plan-of-action-export": lambda: {"code": "CN", "fmt": "json"},
    "network-report": lambda: {"code": "cn-cities-network"},
    "network-report-export": lambda: {"code": "cn-cities-network", "fmt": "json"},
    "member-support": lambda: {"code": "cn-cities-network", "government": CITY},
    "support-note-answer": lambda: {"pk": _pk("participation.SupportNote", government__code=CITY)},
    "public-consultation-new": lambda: {"code": CITY, "number": _draft_number()},
    "public-consultation": lambda: {"pk": _public_consultation()},
    "public-comment": lambda: {"pk": _public_consultation()},
    "public-consultation-close": lambda: {"pk": _public_consultation()},
    # A token nobody signed: refused for everyone, never a 500.
    "public-comment-confirm": lambda: {"token": "not-a-signed-token"},
    "public-comment-moderate": lambda: {"pk": _public_comment()},
    "public-comment-answer": lambda: {"pk": _public_comment()},
    "kmgbf-goal": lambda: {"code": "A"},
    "kmgbf-target": lambda: {"code": "3"},
    "singapore-index-edition": lambda: {"edition": "2021"},
    # The API's path parameters, by name.
    "get_government": lambda: {"code": CITY},
    "patch_government": lambda: {"code": CITY},
    "put_profile": lambda: {"code": CITY},
    # The API's "plan" is a plan version.
    "get_plan": lambda: {"plan_id": _pk("plans.PlanVersion", plan__government__code=CITY)},
    "get_action": lambda: {
        "action_id": _pk(
            "plans.Action", version__plan__government__code=CITY, version__status="draft"
        )
    },
    "patch_action": lambda: {
        "action_id": _pk(
            "plans.Action", version__plan__government__code=CITY, version__status="draft"
        )
    },
    "get_commitment": lambda: {
        "commitment_id": _pk("commitments.Commitment", government__code=CITY)
    },
    "start_progress": lambda: {
        "commitment_id": _pk("commitments.Commitment", government__code=CITY)
    },
    "get_progress": lambda: {
        "report_id": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "put_progress": lambda: {
        "report_id": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "submit_progress": lambda: {
        "report_id": _pk("commitments.ProgressReport", commitment__government__code=CITY)
    },
    "get_assessment": lambda: {"assessment_id": _assessment()},
    "enter_value": lambda: {"assessment_id": _assessment()},
}
