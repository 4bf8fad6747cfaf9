"""Workflow rules of plans: start, copy into a new version, adopt, and link with integrity.

Every change that matters is written to the audit log. Only a draft version may change; an
adopted version is the record of what a council decided and stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.web.frameworks.models import Framework, FrameworkElement, FrameworkKind
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.models import (
    Action,
    AlignmentLink,
    BudgetLine,
    Goal,
    LocalTarget,
    Plan,
    PlanDocument,
    PlanKind,
    PlanStatus,
    PlanVersion,
)

KMGBF_TARGET_KIND = "target"
NATIONAL_TARGET_KIND = "national_target"
ACTION_AREA_KIND = "action_area"


class PlanRuleError(ValidationError):
    """A change the plan workflow does not allow (the message says why)."""


def plan_kind_for(government: Government) -> str:
    return str(PlanKind.BSAP if government.kind == GovernmentKind.REGION else PlanKind.LBSAP)


def current_national_framework(government: Government) -> Framework | None:
    if government.country_id is None:
        return None
    return Framework.objects.filter(
        kind=FrameworkKind.NATIONAL, country_id=government.country_id, is_current=True
    ).first()


def kmgbf_targets() -> list[FrameworkElement]:
    return list(
        FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND
        ).order_by("order")
    )


def action_areas() -> list[FrameworkElement]:
    return list(
        FrameworkElement.objects.filter(
            framework__slug="plan-of-action", framework__is_current=True, kind=ACTION_AREA_KIND
        ).order_by("order")
    )


@transaction.atomic
def start_plan(government: Government, user: Any, *, title: dict[str, str]) -> PlanVersion:
    """Create the government's plan and its first draft."""
    if government.kind == GovernmentKind.COUNTRY:
        raise PlanRuleError(
            _("A country's strategy is its NBSAP: import its national targets instead.")
        )
    if Plan.objects.filter(government=government).exists():
        raise PlanRuleError(_("This government has a plan already."))
    plan = Plan.objects.create(government=government, kind=plan_kind_for(government))
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        title=title,
        national_framework=current_national_framework(government),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.record(user, "plan.start", version, government=government, after={"number": 1})
    return version


@dataclass
class CopyReport:
    version: PlanVersion
    unmatched: list[str]


@transaction.atomic
def new_version(
    plan: Plan, user: Any, *, national_framework: Framework | None = None
) -> CopyReport:
    """Start a new draft as a copy of the latest version (see `copy_version`), audited."""
    report = copy_version(plan, user, national_framework=national_framework)
    audit.record(
        user,
        "plan.new_version",
        report.version,
        government=plan.government,
        after={
            "number": report.version.number,
            "based_on": report.version.based_on_id,
            "unmatched": report.unmatched,
        },
    )
    return report


@transaction.atomic
def copy_version(
    plan: Plan, user: Any, *, national_framework: Framework | None = None
) -> CopyReport:
    """Start a new draft as a copy of the latest version (goals, targets, actions, links,
    budgets, documents). With `national_framework` (a newer NBSAP version), links to national
    targets move to the target of the same code there; those without one are listed."""
    if plan.versions.filter(status=PlanStatus.DRAFT).exists():
        raise PlanRuleError(_("A draft version exists already; edit it instead."))
    source = plan.versions.order_by("-number").first()
    if source is None:
        raise PlanRuleError(_("The plan has no version to copy."))
    target_fw = national_framework or source.national_framework
    remap: dict[int, FrameworkElement | None] = {}
    if source.national_framework and target_fw and target_fw.pk != source.national_framework_id:
        new_by_code = {e.code: e for e in target_fw.elements.filter(kind=NATIONAL_TARGET_KIND)}
        for element in source.national_framework.elements.filter(kind=NATIONAL_TARGET_KIND):
            remap[element.pk] = new_by_code.get(element.code)
    copy = PlanVersion.objects.create(
        plan=plan,
        number=source.number + 1,
        status=PlanStatus.DRAFT,
        national_framework=target_fw,
        based_on=source,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **{
            f: getattr(source, f)
            for f in (
                "title",
                "team",
                "assessment",
                "vision",
                "principles",
                "implementation",
                "period_start",
                "period_end",
                "adopting_body",
            )
        },
    )
    unmatched: list[str] = []
    PlanDocument.objects.bulk_create(
        PlanDocument(version=copy, title=d.title, url=d.url, language=d.language, order=d.order)
        for d in source.documents.all()
    )
    goals = {}
    for goal in source.goals.all():
        goals[goal.pk] = Goal(
            version=copy,
            code=goal.code,
            title=goal.title,
            description=goal.description,
            order=goal.order,
        )
    Goal.objects.bulk_create(goals.values())
    targets = {}
    for target in LocalTarget.objects.filter(version=source):
        old_pk, target.pk = target.pk, None
        target.goal, target.version = goals[target.goal_id], copy
        targets[old_pk] = target
    LocalTarget.objects.bulk_create(targets.values())
    actions = {}
    for action in Action.objects.filter(version=source):
        old_pk, action.pk = action.pk, None
        action.target, action.version = targets[action.target_id], copy
        actions[old_pk] = action
    Action.objects.bulk_create(actions.values())
    BudgetLine.objects.bulk_create(
        BudgetLine(
            action=actions[line.action_id],
            **{
                f: getattr(line, f)
                for f in ("year", "amount", "currency", "source", "status", "note")
            },
        )
        for line in BudgetLine.objects.filter(action__version=source)
    )
    links = []
    for link in AlignmentLink.objects.filter(version=source).select_related("element"):
        element = remap.get(link.element_id, link.element)
        if element is None:
            unmatched.append(link.element.code)
            continue
        links.append(
            AlignmentLink(
                version=copy,
                element=element,
                degree=link.degree,
                target=targets.get(link.target_id) if link.target_id else None,
                action=actions.get(link.action_id) if link.action_id else None,
            )
        )
    AlignmentLink.objects.bulk_create(links)
    return CopyReport(version=copy, unmatched=sorted(set(unmatched)))


@transaction.atomic
def adopt(
    version: PlanVersion,
    user: Any,
    *,
    adopted_on: date,
    adopting_body: dict[str, str] | None = None,
) -> PlanVersion:
    """Adopt a draft; the version adopted before it becomes superseded."""
    if version.status != PlanStatus.DRAFT:
        raise PlanRuleError(_("Only a draft can be adopted."))
    if not version.goals.exists():
        raise PlanRuleError(_("A plan needs at least one goal before it is adopted."))
    before = audit.snapshot(version, ["status", "adopted_on", "adopting_body"])
    PlanVersion.objects.filter(plan=version.plan, status=PlanStatus.ADOPTED).update(
        status=PlanStatus.SUPERSEDED
    )
    version.status = PlanStatus.ADOPTED
    version.adopted_on = adopted_on
    if adopting_body:
        version.adopting_body = adopting_body  # type: ignore[assignment]
    version.save(update_fields=["status", "adopted_on", "adopting_body", "updated_at"])
    audit.record(
        user,
        "plan.adopt",
        version,
        government=version.plan.government,
        before=before,
        after=audit.snapshot(version, ["status", "adopted_on", "adopting_body"]),
    )
    return version


def require_draft(version: PlanVersion) -> None:
    if version.status != PlanStatus.DRAFT:
        raise PlanRuleError(
            _("Version %(n)s is %(status)s and cannot change; start a new version.")
            % {"n": version.number, "status": version.get_status_display()}
        )


@dataclass(frozen=True)
class LinkRequest:
    """What an author asked for: element id -> degree ('' for action areas)."""

    national: Mapping[int, str]
    kmgbf: Mapping[int, str]
    action_areas: Iterable[int]
    local_only: bool


def check_links(version: PlanVersion, request: LinkRequest) -> list[AlignmentLink]:
    """The links `request` asks for, checked against the alignment rules, unsaved.

    - national targets come from the plan version's national framework, KMGBF targets from
      the KMGBF, action areas from the Plan of Action;
    - national and KMGBF links carry a degree of the alignment scale, action areas none;
    - a local-only target or action links to no national or KMGBF target.
    """
    degrees = scale("alignment").keys()
    if request.local_only and (request.national or request.kmgbf):
        raise PlanRuleError(_("A local-only item cannot be linked to national or KMGBF targets."))
    wanted = {**request.national, **request.kmgbf, **{pk: "" for pk in request.action_areas}}
    elements = {
        e.pk: e for e in FrameworkElement.objects.filter(pk__in=wanted).select_related("framework")
    }
    links = []
    for pk, degree in wanted.items():
        element = elements.get(pk)
        if element is None:
            raise PlanRuleError(_("An element to link to does not exist."))
        if pk in request.national:
            ok = (
                element.kind == NATIONAL_TARGET_KIND
                and element.framework_id == version.national_framework_id
            )
            if not ok:
                raise PlanRuleError(
                    _("%(code)s is not a target of the national targets this plan follows.")
                    % {"code": element.code}
                )
        elif pk in request.kmgbf:
            if element.kind != KMGBF_TARGET_KIND or element.framework.slug != "kmgbf":
                raise PlanRuleError(_("%(code)s is not a KMGBF target.") % {"code": element.code})
        elif element.kind != ACTION_AREA_KIND or element.framework.slug != "plan-of-action":
            raise PlanRuleError(
                _("%(code)s is not an action area of the Plan of Action.") % {"code": element.code}
            )
        if (pk in request.action_areas) != (degree == ""):
            raise PlanRuleError(_("Give a degree of alignment for each national or KMGBF target."))
        if degree and degree not in degrees:
            raise PlanRuleError(_("%(degree)s is not a degree of alignment.") % {"degree": degree})
        links.append(AlignmentLink(version=version, element=element, degree=degree))
    return links


@transaction.atomic
def set_links(owner: LocalTarget | Action, request: LinkRequest, user: Any) -> list[AlignmentLink]:
    """Replace the links of a local target or an action (and its local-only mark)."""
    version = owner.version
    require_draft(version)
    links = check_links(version, request)
    field = "target" if isinstance(owner, LocalTarget) else "action"
    before = sorted(
        (link.element_id, link.degree) for link in AlignmentLink.objects.filter(**{field: owner})
    )
    AlignmentLink.objects.filter(**{field: owner}).delete()
    for link in links:
        setattr(link, field, owner)
    AlignmentLink.objects.bulk_create(links)
    if owner.local_only != request.local_only:
        owner.local_only = request.local_only
        owner.save(update_fields=["local_only"])
    audit.record(
        user,
        f"plan.{field}.links",
        owner,
        government=version.plan.government,
        before={"links": before},
        after={
            "links": sorted((link.element_id, link.degree) for link in links),
            "local_only": request.local_only,
        },
    )
    return links
