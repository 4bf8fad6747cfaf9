"""The participation demo: a network and an advisory committee with member governments, the
network's staff account (`network.staff`), CEPA activities of Kunming and Shenzhen, China's
open consultation on its national targets (inputs from Kunming, Shenzhen and the network, some
answered), a public consultation on Kunming's draft plan with comments in each state, and the
network's support: a note to Kunming on its plan (answered), a note to Shenzhen on a commitment,
and an offer answering Kunming's eDNA monitoring need.

Idempotent: records are matched on their codes and titles and updated in place.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from localgbf.web.core.demo import DEMO_PASSWORD, DemoContext
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.participation import demo_data as data
from localgbf.web.participation.consultations import national_targets
from localgbf.web.participation.models import (
    CepaActivity,
    Consultation,
    ConsultationInput,
    Organisation,
    OrganisationMember,
    OrganisationOffer,
    OrganisationStaff,
    PublicComment,
    PublicConsultation,
    SupportNote,
)
from localgbf.web.plans.models import Action as PlanAction


def _pair(value: tuple[str, str]) -> dict[str, str]:
    return {"en": value[0], "zh-hans": value[1]}


def _organisations(ctx: DemoContext) -> None:
    for spec in data.ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            code=spec["code"],
            defaults={
                "kind": spec["kind"],
                "name": _pair(spec["name"]),
                "description": _pair(spec["description"]),
                "country": Government.objects.get(code=spec["country"]),
                "is_demo": True,
            },
        )
        for code, shares, joined in spec["members"]:
            OrganisationMember.objects.update_or_create(
                organisation=org,
                government=Government.objects.get(code=code),
                defaults={"shares": shares, "joined": date.fromisoformat(joined)},
            )
        ctx.objects[f"organisation:{org.code}"] = org

    username, first, last, org_code, role = data.NETWORK_STAFF
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    OrganisationStaff.objects.update_or_create(
        organisation=Organisation.objects.get(code=org_code), user=user, defaults={"role": role}
    )
    ctx.objects[f"user:{username}"] = user
    ctx.accounts.append((username, "Network staff", org_code))


def _activities() -> None:
    targets = {
        e.code: e
        for e in FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind="target"
        )
    }
    for spec in data.CEPA:
        government = Government.objects.get(code=spec["government"])
        activity = CepaActivity.objects.filter(
            government=government, title__en=spec["title"][0]
        ).first() or CepaActivity(government=government)
        activity.kind = spec["kind"]
        activity.title = _pair(spec["title"])
        activity.description = _pair(spec["description"])
        activity.start = date.fromisoformat(spec["start"])
        activity.end = date.fromisoformat(spec["end"]) if spec["end"] else None
        activity.audience = spec["audience"]
        activity.reach = spec["reach"]
        activity.languages = spec["languages"]
        activity.url = spec["url"]
        activity.save()
        plan = government.plan if hasattr(government, "plan") else None
        version = plan.in_force() if plan is not None else None
        actions = (
            PlanAction.objects.filter(version=version, code__in=spec["actions"])
            if version is not None
            else PlanAction.objects.none()
        )
        activity.actions.set(actions)
        activity.kmgbf_targets.set([targets[c] for c in spec["targets"] if c in targets])


def _evidence(spec: tuple[Any, ...]) -> tuple[str, Any]:
    from localgbf.web.assessments.models import Assessment
    from localgbf.web.plans.models import BudgetLine, LocalTarget

    code, kind = spec[0], spec[1]
    if kind == "target":
        return "targets", LocalTarget.objects.get(
            version__plan__government__code=code, version__number=spec[2], code=spec[3]
        )
    if kind == "assessment":
        return "assessments", Assessment.objects.get(government__code=code, reference_year=spec[2])
    return "budget", BudgetLine.objects.filter(
        action__version__plan__government__code=code,
        action__version__number=spec[2],
        action__code=spec[3],
        year=spec[4],
    ).first()


def _consultation(ctx: DemoContext) -> None:
    spec = data.CONSULTATION
    country = Government.objects.get(code=spec["country"])
    today = timezone.localdate()
    consultation = Consultation.objects.filter(
        country=country, title__en=spec["title"][0]
    ).first() or Consultation(country=country)
    consultation.framework = ctx["national:CN"]
    consultation.title = _pair(spec["title"])
    consultation.questions = _pair(spec["questions"])
    consultation.opens_on = today - timedelta(days=spec["opens_days_ago"])
    consultation.closes_on = consultation.opens_on + timedelta(days=spec["open_for_days"])
    consultation.closed_at = None
    consultation.is_demo = True
    consultation.created_by = ctx["user:china.reviewer"]
    consultation.save()
    consultation.inputs.all().delete()
    targets = {e.code: e for e in national_targets(consultation.framework)}
    for item in spec["inputs"]:
        kind, code = item["author"]
        row = ConsultationInput(
            consultation=consultation,
            element=targets.get(item["target"]),
            stance=item["stance"],
            proposal=item["proposal"],
            text=item["text"],
            language="zh-hans",
            government=Government.objects.get(code=code) if kind == "government" else None,
            organisation=Organisation.objects.get(code=code) if kind == "organisation" else None,
        )
        if item["response"]:
            row.response, row.response_reason = item["response"]
            row.responded_by = ctx["user:china.reviewer"]
            row.responded_at = timezone.now()
        row.save()
        evidence: dict[str, list[Any]] = {"targets": [], "assessments": [], "budget": []}
        for ref in item["evidence"]:
            field, record = _evidence(ref)
            if record is not None:
                evidence[field].append(record)
        row.evidence_targets.set(evidence["targets"])
        row.evidence_assessments.set(evidence["assessments"])
        row.evidence_budget.set(evidence["budget"])
    ctx.objects["consultation:CN"] = consultation


def _public_consultation(ctx: DemoContext) -> None:
    from localgbf.web.plans.models import PlanVersion

    spec = data.PUBLIC
    government = Government.objects.get(code=spec["government"])
    draft = PlanVersion.objects.filter(plan__government=government, status="draft").first()
    if draft is None:
        return
    today = timezone.localdate()
    consultation = PublicConsultation.objects.filter(version=draft).first() or (
        PublicConsultation(government=government, version=draft)
    )
    consultation.introduction = _pair(spec["introduction"])
    consultation.opens_on = today - timedelta(days=spec["opens_days_ago"])
    consultation.closes_on = consultation.opens_on + timedelta(days=spec["open_for_days"])
    consultation.closed_at = None
    consultation.is_demo = True
    consultation.save()
    consultation.comments.all().delete()
    officer = ctx["user:kunming.officer"]
    now = timezone.now()
    for item in spec["comments"]:
        subject = item["subject"]
        target = action = None
        if subject and subject[0] == "target":
            target = draft.targets.get(code=subject[1])
        elif subject:
            action = draft.actions.get(code=subject[1])
        PublicComment.objects.create(
            consultation=consultation,
            target=target,
            action=action,
            name=item["name"],
            email=item["email"],
            text=item["text"],
            language=item["language"],
            status=item["status"],
            confirmed_at=now,
            moderated_by=officer if item["status"] in ("published", "rejected") else None,
            moderated_at=now if item["status"] in ("published", "rejected") else None,
            answer=item["answer"],
            led_to_change=item["led_to_change"],
            answered_by=officer if item["answer"] else None,
            answered_at=now if item["answer"] else None,
        )
    ctx.objects["public-consultation:CNKMG"] = consultation


def _support(ctx: DemoContext) -> None:
    """The network's notes to Kunming (answered) and Shenzhen, and its offer to Kunming."""
    from localgbf.web.commitments.models import Commitment
    from localgbf.web.plans.models import CapacityNeed, PlanVersion

    network = Organisation.objects.get(code="cn-cities-network")
    staff = ctx["user:network.staff"]
    SupportNote.objects.filter(organisation=network).delete()
    now = timezone.now()
    for spec in data.SUPPORT_NOTES:
        government = Government.objects.get(code=spec["government"])
        note = SupportNote(
            organisation=network,
            government=government,
            text=spec["text"],
            language=spec["language"],
            author=staff,
        )
        kind, number = spec["subject"] or (None, None)
        if kind == "plan_version":
            note.plan_version = PlanVersion.objects.filter(
                plan__government=government, number=number
            ).first()
        elif kind == "commitment":
            note.commitment = (
                Commitment.objects.filter(government=government).order_by("number").first()
            )
        if spec["reply"]:
            note.reply = spec["reply"]
            note.answered_by = ctx[f"user:{spec['answered_by']}"]
            note.answered_at = now
        note.save()
        ctx.objects[f"support-note:{government.code}"] = note
    for spec in data.NETWORK_OFFERS:
        need = CapacityNeed.objects.filter(
            government__code=spec["government"], topic=spec["need_topic"]
        ).first()
        if need is None:
            continue
        offer, _ = OrganisationOffer.objects.update_or_create(
            organisation=Organisation.objects.get(code=spec["organisation"]),
            need=need,
            defaults={
                "title": _pair(spec["title"]),
                "description": _pair(spec["description"]),
                "languages": spec["languages"],
                "contact": spec["contact"],
                "is_active": True,
                "created_by": staff,
            },
        )
        ctx.objects[f"network-offer:{spec['government']}"] = offer


def build(ctx: DemoContext) -> None:
    _organisations(ctx)
    _activities()
    _consultation(ctx)
    _public_consultation(ctx)
    _support(ctx)
