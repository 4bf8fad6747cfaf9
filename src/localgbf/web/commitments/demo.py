"""The commitments demo: official contacts, commitments of the demo cities and province in
every review state, with progress reports, so that the review queue, the national roll-up and
`localgbf export ort --government CN` show something real-looking.

States built (relative to the day the demo is first built, so that "pending" stays pending):
- Kunming C1 (from its plan's wetland target and action): accepted by the reviewer; its 2024
  report accepted, its 2025 report (pre-filled from 2024) awaiting review;
- Kunming C2 (from its parks target): never decided, accepted automatically after 28 days;
  its 2025 report accepted;
- Shenzhen C1: awaiting review, with a draft report;
- Yunnan C1: returned with a comment, with a draft report;
- Shanghai C1: version 1 accepted (report 2024 accepted), version 2 awaiting review.

Idempotent: once the demo commitments exist, nothing is added. The demo national targets get
made-up ORT record identifiers (the ORT export points at them), as if they had been imported
from the ORT.
"""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from localgbf.web.commitments import demo_data as data
from localgbf.web.commitments import progress, services
from localgbf.web.commitments.from_plan import create_from_plan
from localgbf.web.commitments.models import (
    Commitment,
    CommitmentVersion,
    Evidence,
    Kpi,
    OfficialContact,
    ProgressReport,
)
from localgbf.web.core.demo import DemoContext
from localgbf.web.datasets.models import file_store
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Plan
from localgbf.web.plans.services import current_national_framework

NAMESPACE = uuid.UUID("7f1c1f5e-4a53-4bb0-9c0e-6d0d3f1d2a10")


def _pair(value: tuple[str, str] | None) -> dict[str, str]:
    return {"en": value[0], "zh-hans": value[1]} if value else {}


def _ort_identifiers(country: Government) -> None:
    framework = current_national_framework(country)
    if framework is None:
        return
    for element in framework.elements.filter(kind="national_target", external_id=""):
        name = f"localgbf-demo:nationalTarget7:{country.code}:{framework.version}:{element.code}"
        element.external_id = str(uuid.uuid5(NAMESPACE, name)).upper()
        element.external_version = "1"
        element.save(update_fields=["external_id", "external_version"])


def _contacts(ctx: DemoContext) -> None:
    for code, spec in data.CONTACTS.items():
        government = ctx[f"government:{code}"]
        OfficialContact.objects.get_or_create(
            government=government,
            defaults={
                **{k: spec[k] for k in ("first_name", "last_name", "postal_code")},
                **{
                    k: _pair(spec[k])
                    for k in (
                        "designation",
                        "department",
                        "organization",
                        "organization_acronym",
                        "address",
                        "city",
                        "state",
                    )
                },
                "emails": spec["emails"],
                "phones": spec["phones"],
                "websites": spec["websites"],
            },
        )


def _complete(version: CommitmentVersion, key: str) -> CommitmentVersion:
    spec = data.COMPLETIONS[key]
    for name in ("title", "description", "partners", "progress_information"):
        setattr(version, name, _pair(spec[name]))
    version.international_frameworks = _pair(spec["international_frameworks"])
    version.progress_tracking_url = spec["progress_tracking_url"]
    version.is_funding_sufficient = spec["is_funding_sufficient"]
    version.is_progress_tracked = True
    if version.timeline_start is None:
        version.timeline_start = date(2023, 1, 1)
    if version.primary_global is None and spec.get("primary_global"):
        version.primary_global = FrameworkElement.objects.get(
            framework__slug="kmgbf",
            framework__is_current=True,
            kind="target",
            code=spec["primary_global"],
        )
    version.save()
    return version


def _from_plan(government: Government, user: Any, targets: list[str], actions: list[str]) -> Any:
    plan = Plan.objects.get(government=government)
    version = plan.in_force()
    assert version is not None
    return create_from_plan(
        government,
        user,
        targets=list(version.targets.filter(code__in=targets)),
        actions=list(version.actions.filter(code__in=actions)),
    ).version


def _report(
    commitment: Commitment, user: Any, spec: dict[str, Any], evidence: bytes | None = None
) -> ProgressReport:
    start, end = (date.fromisoformat(d) for d in spec["period"])
    report = progress.start_report(commitment, user, period_start=start, period_end=end)
    progress.save_progress(
        report,
        user,
        narrative=_pair(spec["narrative"]),
        level=spec["level"],
        values={
            code: progress.ValueInput(value=value, unit=report.version.kpis.get(code=code).unit)
            for code, value in spec["values"].items()
        },
    )
    if evidence is not None:
        stored = file_store().put(io.BytesIO(evidence), "dianchi-wetland-survey-2024.csv")
        Evidence.objects.create(
            report=report,
            title="Wetland survey 2024 (demonstration)",
            filename="dianchi-wetland-survey-2024.csv",
            sha256=stored.sha256,
            size=stored.size,
        )
    return report


def _day(day0: datetime, days: int) -> datetime:
    return day0 - timedelta(days=days)


def build(ctx: DemoContext) -> None:
    country: Government = ctx["government:CN"]
    _ort_identifiers(country)
    _contacts(ctx)
    if Commitment.objects.filter(government__is_demo=True).exists():
        return
    wanted = ["CNKMG", "CNSZX", "CN-YN", "CNSHA"]
    if Plan.objects.filter(government__code__in=wanted).count() != len(wanted):
        return  # the plans demo did not run: nothing to take commitments from
    officer = ctx.objects.get("user:kunming.officer")
    region_officer = ctx.objects.get("user:yunnan.officer")
    reviewer = ctx.objects.get("user:china.reviewer")
    # Midnight UTC of the day the demo is built: the review times are counted back from it.
    day0 = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)

    def submit(item: Any, days: int, user: Any) -> None:
        services.submit(item, user, at=_day(day0, days), notify_reviewers=False)

    def accept(item: Any, days: int) -> None:
        item.refresh_from_db()
        services.accept(item, reviewer, at=_day(day0, days))

    # Kunming C1: accepted; reports 2024 accepted, 2025 pending.
    kmg = ctx["government:CNKMG"]
    c1 = _complete(_from_plan(kmg, officer, ["1.1"], ["1.1.1", "1.1.2"]), "kunming-wetlands")
    submit(c1, 120, officer)
    accept(c1, 100)
    r2024 = _report(c1.commitment, officer, data.REPORTS["kunming-wetlands"][0], data.EVIDENCE_CSV)
    submit(r2024, 90, officer)
    accept(r2024, 80)
    r2025 = _report(c1.commitment, officer, data.REPORTS["kunming-wetlands"][1])
    submit(r2025, 2, officer)

    # Kunming C2: nobody decided within 28 days: accepted automatically.
    c2 = _complete(_from_plan(kmg, officer, ["2.1"], ["2.1.1"]), "kunming-parks")
    submit(c2, 40, officer)
    services.accept_overdue(at=day0)
    r = _report(c2.commitment, officer, data.REPORTS["kunming-parks"][0])
    submit(r, 8, officer)
    accept(r, 6)

    # Shenzhen C1: awaiting review, with a draft report.
    szx = ctx["government:CNSZX"]
    s1 = _complete(_from_plan(szx, None, ["1.1"], ["1.1.1"]), "shenzhen-mangroves")
    submit(s1, 5, None)
    _report(s1.commitment, None, data.REPORTS["shenzhen-mangroves"][0])

    # Yunnan C1: returned with a comment, with a draft report.
    yn = ctx["government:CN-YN"]
    y1 = _complete(_from_plan(yn, region_officer, ["1.1"], ["1.1.1"]), "yunnan-elephants")
    submit(y1, 20, region_officer)
    y1.refresh_from_db()
    services.return_item(
        y1, reviewer, comment=data.RETURN_COMMENT, at=_day(day0, 15), notify_submitter=False
    )
    _report(y1.commitment, region_officer, data.REPORTS["yunnan-elephants"][0])

    # Shanghai C1: version 1 accepted with a report, version 2 awaiting review.
    sha = ctx["government:CNSHA"]
    h1 = _complete(_from_plan(sha, None, ["1.1"], ["1.1.1"]), "shanghai-shorebirds")
    kpi = dict(data.SHANGHAI_KPI)
    Kpi.objects.create(
        version=h1,
        code=kpi["code"],
        title=_pair(kpi["title"]),
        unit=kpi["unit"],
        baseline_value=Decimal(kpi["baseline_value"]),
        baseline_year=kpi["baseline_year"],
        target_value=Decimal(kpi["target_value"]),
        deadline=date.fromisoformat(kpi["deadline"]),
    )
    submit(h1, 200, None)
    accept(h1, 190)
    r = _report(h1.commitment, None, data.REPORTS["shanghai-shorebirds"][0])
    submit(r, 150, None)
    accept(r, 140)
    h2 = services.new_version(h1.commitment, None)
    extra = data.SHANGHAI_V2_DESCRIPTION_ADDITION
    h2.description = {
        lang: h2.description.get(lang, "") + text
        for lang, text in (("en", extra[0]), ("zh-hans", extra[1]))
    }
    h2.save(update_fields=["description"])
    submit(h2, 3, None)
    # Stable ORT record identifiers, so that a rebuilt demo exports the same files.
    for commitment in Commitment.objects.filter(government__is_demo=True):
        name = f"localgbf-demo:stakeholderCommitment:{commitment.reference}"
        commitment.ort_identifier = uuid.uuid5(NAMESPACE, name)
        commitment.save(update_fields=["ort_identifier"])
    ctx.objects["commitment:CNKMG-C1"] = c1.commitment
