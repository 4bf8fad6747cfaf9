"""Consultations on national targets: who may open, read, give input and respond, and the
record handed to `localgbf.reporting.consultation` for the exports.

Decision 15/12 asks Parties to engage subnational governments in revising their NBSAPs
(action area 1(a)) and to engage the advisory committees (2(c)); this is that channel. The
national side (the country's reviewers and officers, see `national_side`) opens and closes a
consultation and responds to each input; officers of the country's subnational governments
and the staff of organisations working in the country give input. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from localgbf.reporting.consultation import (
    ConsultationRecord,
    EvidenceRef,
    InputRow,
    TargetText,
    targets_diff,
)
from localgbf.web.frameworks.models import Framework, FrameworkElement
from localgbf.web.governments import audit
from localgbf.web.governments.access import (
    Action,
    can,
    can_in_organisation,
    national_side,
    roles_of,
    staff_roles_of,
)
from localgbf.web.governments.models import Government
from localgbf.web.participation.models import (
    Consultation,
    ConsultationInput,
    Organisation,
    OrganisationMember,
)


class ConsultationClosed(Exception):
    """Input sent to a consultation that is not open (closed, or not yet open)."""


@dataclass(frozen=True)
class Author:
    """Who an input is given on behalf of: a government or an organisation."""

    key: str  # "gov:12" or "org:3"
    government: Government | None = None
    organisation: Organisation | None = None

    def __str__(self) -> str:
        body = self.government or self.organisation
        return str(body)


def today() -> Any:
    return timezone.localdate()


def authors_for(user: Any, country: Government) -> list[Author]:
    """What `user` may give input on behalf of in `country`'s consultations: subnational
    governments of the country where the user is an officer, organisations of the country
    (or with members in it) where the user works."""
    out = []
    roles = roles_of(user)
    governments = Government.objects.filter(country=country).exclude(pk=country.pk)
    if not roles.network_admin:
        governments = governments.filter(pk__in=roles.officer_of)
    out += [
        Author(f"gov:{g.pk}", government=g)
        for g in governments.order_by("code")
        if can(user, Action.EDIT, g)
    ]
    staff = staff_roles_of(user)
    organisations = Organisation.objects.filter(
        Q(country=country) | Q(members__government__country=country)
    ).distinct()
    if not roles.network_admin:
        organisations = organisations.filter(pk__in=staff.staff_of)
    out += [
        Author(f"org:{o.pk}", organisation=o)
        for o in organisations.order_by("code")
        if can_in_organisation(user, Action.EDIT, o)
    ]
    return out


def may_view(user: Any, consultation: Consultation) -> bool:
    """The public when the country publishes the record; otherwise the national side, those
    who may give input, and the members of the country's subnational governments."""
    if consultation.is_public or national_side(user, consultation.country):
        return True
    roles = roles_of(user)
    mine = roles.officer_of | roles.viewer_of
    if mine and Government.objects.filter(pk__in=mine, country=consultation.country).exists():
        return True
    return bool(authors_for(user, consultation.country))


def visible(user: Any, country: Government) -> list[Consultation]:
    rows = Consultation.objects.filter(country=country).select_related("framework")
    return [c for c in rows if may_view(user, c)]


def national_targets(framework: Framework) -> QuerySet[FrameworkElement]:
    return framework.elements.filter(kind="national_target").order_by("order", "code")


@transaction.atomic
def open_consultation(user: Any, consultation: Consultation) -> Consultation:
    if not national_side(user, consultation.country):
        raise PermissionError(_("Only the country's reviewers and officers open consultations."))
    consultation.created_by = user
    consultation.save()
    audit.record(user, "consultation.open", consultation, after=audit.snapshot(consultation))
    return consultation


@transaction.atomic
def close_consultation(user: Any, consultation: Consultation) -> None:
    if not national_side(user, consultation.country):
        raise PermissionError(_("Only the country's reviewers and officers close consultations."))
    before = audit.snapshot(consultation)
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    audit.record(
        user, "consultation.close", consultation, before=before, after=audit.snapshot(consultation)
    )


def refuse_if_closed(consultation: Consultation) -> None:
    day = today()
    if consultation.is_open_on(day):
        return
    if consultation.status_on(day) == "scheduled":
        raise ConsultationClosed(
            _("This consultation opens on %(day)s; input is accepted from that day.")
            % {"day": consultation.opens_on.isoformat()}
        )
    raise ConsultationClosed(
        _("This consultation closed on %(day)s; input is no longer accepted.")
        % {
            "day": (
                consultation.closed_at.date() if consultation.closed_at else consultation.closes_on
            ).isoformat()
        }
    )


@transaction.atomic
def submit_input(
    user: Any, consultation: Consultation, item: ConsultationInput, evidence: dict[str, Any]
) -> ConsultationInput:
    """Store `item` (author and text set by the form) with its `evidence` records; refused
    when the consultation is not open or the user may not speak for the author."""
    refuse_if_closed(consultation)
    allowed = {a.key for a in authors_for(user, consultation.country)}
    key = f"gov:{item.government_id}" if item.government_id else f"org:{item.organisation_id}"
    if key not in allowed:
        raise PermissionError(_("You may not give input on behalf of this body."))
    item.consultation = consultation
    item.submitted_by = user
    item.save()
    item.evidence_targets.set(evidence.get("targets", []))
    item.evidence_assessments.set(evidence.get("assessments", []))
    item.evidence_budget.set(evidence.get("budget", []))
    after = audit.snapshot(item)
    audit.record(user, "consultation.input", item, government=consultation.country, after=after)
    return item


@transaction.atomic
def respond(user: Any, item: ConsultationInput, response: str, reason: str) -> None:
    if not national_side(user, item.consultation.country):
        raise PermissionError(_("Only the country's reviewers and officers respond to inputs."))
    before = audit.snapshot(item, ["response", "response_reason"])
    item.response, item.response_reason = response, reason
    item.responded_by, item.responded_at = user, timezone.now()
    item.save(update_fields=["response", "response_reason", "responded_by", "responded_at"])
    audit.record(
        user,
        "consultation.response",
        item,
        government=item.consultation.country,
        before=before,
        after=audit.snapshot(item, ["response", "response_reason"]),
    )


def evidence_choices(author: Author) -> dict[str, QuerySet[Any]]:
    """The records an author may point to: the targets and budget lines of a government's plan
    in force (adopted, else the draft) and its Singapore Index assessments; for an
    organisation, those of the members that share them with it."""
    from localgbf.web.assessments.models import Assessment
    from localgbf.web.plans.models import BudgetLine, LocalTarget, Plan

    if author.government is not None:
        plans = assessments = [author.government.pk]
    else:
        members = OrganisationMember.objects.filter(organisation=author.organisation)
        plans = [m.government_id for m in members if m.shares_topic("plans")]
        assessments = [m.government_id for m in members if m.shares_topic("assessments")]
    versions = [
        version.pk
        for plan in Plan.objects.filter(government__in=plans)
        if (version := plan.in_force()) is not None
    ]
    return {
        "targets": LocalTarget.objects.filter(version__in=versions)
        .select_related("version__plan__government")
        .order_by("version__plan__government__code", "goal__order", "order", "code"),
        "assessments": Assessment.objects.filter(government__in=assessments)
        .select_related("government")
        .order_by("government__code", "-reference_year"),
        "budget": BudgetLine.objects.filter(action__version__in=versions)
        .select_related("action__version__plan__government")
        .order_by("action__version__plan__government__code", "action__code", "year"),
    }


def _pair(value: Any, fallback: str = "") -> dict[str, str]:
    value = value or {}
    out = {lang: str(value[lang]) for lang in ("en", "zh-hans") if value.get(lang)}
    return out or {"en": fallback}


def _targets(framework: Framework) -> list[TargetText]:
    return [
        TargetText(code=e.code, title=_pair(e.title, e.code), text=_pair(e.text) if e.text else {})
        for e in national_targets(framework)
    ]


def evidence_refs(item: ConsultationInput) -> tuple[EvidenceRef, ...]:
    refs = []
    for target in item.evidence_targets.select_related("version__plan__government"):
        version = target.version
        refs.append(
            EvidenceRef(
                f"{version.plan.government.code} {target}",
                reverse("plan-version", args=[version.plan.government.code, version.number])
                + f"#target-{target.pk}",
            )
        )
    for assessment in item.evidence_assessments.select_related("government"):
        refs.append(
            EvidenceRef(
                str(assessment),
                reverse("assessment", args=[assessment.pk]),
            )
        )
    for line in item.evidence_budget.select_related("action__version__plan__government"):
        version = line.action.version
        refs.append(
            EvidenceRef(
                f"{version.plan.government.code} {line}",
                reverse("plan-version", args=[version.plan.government.code, version.number])
                + "#finance-title",
            )
        )
    return tuple(refs)


def record(consultation: Consultation, base_url: str = "") -> ConsultationRecord:
    """The consultation as plain data for the exports and the record page."""
    inputs = consultation.inputs.select_related("element", "government", "organisation")
    rows = tuple(
        InputRow(
            number=index,
            target_code=i.element.code if i.element_id else "",
            stance=i.stance,
            author=_pair(i.author.name, str(i.author)),
            text=i.text,
            language=i.language,
            submitted_on=timezone.localdate(i.submitted_at),
            proposal=i.proposal,
            evidence=tuple(EvidenceRef(e.label, base_url + e.url) for e in evidence_refs(i)),
            response=i.response,
            response_reason=i.response_reason,
        )
        for index, i in enumerate(inputs, start=1)
    )
    result = consultation.result_framework
    consulted = _targets(consultation.framework)
    diff = targets_diff(consulted, _targets(result)) if result else []
    return ConsultationRecord(
        title=_pair(consultation.title),
        country=_pair(consultation.country.name, consultation.country.code),
        country_code=consultation.country.code,
        framework_version=consultation.framework.version,
        result_version=result.version if result else "",
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        status=consultation.status_on(today()),
        generated_on=today(),
        questions={lang: consultation.question_list(lang) for lang in ("en", "zh-hans")},
        inputs=rows,
        diff=tuple(diff),
        consulted=tuple(consulted),
        is_demo=consultation.is_demo,
        url=base_url + reverse("consultation", args=[consultation.pk]),
    )
