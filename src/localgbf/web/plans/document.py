"""One plan version as plain data: the input of every export and of the plan page's finance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from localgbf.frameworks.text import Text
from localgbf.reporting.finance import BudgetLine as Line
from localgbf.reporting.finance import FinanceRollUp, roll_up
from localgbf.reporting.plan_exports import (
    ActionOut,
    BudgetOut,
    DocumentOut,
    GoalOut,
    LinkOut,
    PlanExport,
    TargetOut,
)
from localgbf.web.core.fields import as_text
from localgbf.web.plans.models import Action, AlignmentLink, BudgetLine, LocalTarget, PlanVersion
from localgbf.web.plans.rollup import country_of, rate_table

FRAMEWORK_OF_KIND = {
    "national": "national",
    "global": "kmgbf",
    "plan_of_action": "plan-of-action",
}


def _label(choice: Any) -> Text:
    """A gettext label (model choice) in both interface languages."""
    values = {}
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            values[lang] = str(choice)
    return Text(values=values)


def version_finance(version: PlanVersion) -> FinanceRollUp:
    """Finance of one version's budget lines, in its country's reporting currency."""
    government = version.plan.government
    lines = [
        Line(government.code, str(action), year, Decimal(amount), currency, source, status)
        for action, year, amount, currency, source, status in BudgetLine.objects.filter(
            action__version=version
        ).values_list("action_id", "year", "amount", "currency", "source", "status")
    ]
    return roll_up(lines, rate_table(country_of(government)), parents={government.code: None})


def _links(links: list[AlignmentLink]) -> tuple[LinkOut, ...]:
    out = []
    for link in links:
        element = link.element
        title = as_text(element.title) or Text(values={"en": element.code})
        out.append(
            LinkOut(
                framework=FRAMEWORK_OF_KIND.get(element.framework.kind, element.framework.slug),
                framework_version=element.framework.version,
                code=element.code,
                title=title,
                degree=link.degree or None,
            )
        )
    return tuple(out)


def _action(action: Action) -> ActionOut:
    return ActionOut(
        code=action.code,
        title=as_text(action.title) or Text(values={"en": action.code}),
        description=as_text(action.description),
        responsible=as_text(action.responsible),
        partners=as_text(action.partners),
        start=action.start,
        end=action.end,
        status=action.status,
        sectors=tuple(action.sectors or ()),
        place=as_text(action.location_name),
        latitude=action.latitude,
        longitude=action.longitude,
        local_only=action.local_only,
        links=_links(list(action.links.all())),
        budget=tuple(
            BudgetOut(
                year=b.year,
                amount=b.amount,
                currency=b.currency,
                source=b.source,
                status=b.status,
                note=b.note,
            )
            for b in action.budget_lines.all()
        ),
    )


def _target(target: LocalTarget) -> TargetOut:
    return TargetOut(
        code=target.code,
        title=as_text(target.title) or Text(values={"en": target.code}),
        description=as_text(target.description),
        indicator=as_text(target.indicator),
        unit=target.unit,
        baseline_value=target.baseline_value,
        baseline_year=target.baseline_year,
        target_value=target.target_value,
        deadline=target.deadline,
        local_only=target.local_only,
        links=_links(list(target.links.all())),
        actions=tuple(_action(a) for a in target.actions.all()),
    )


def plan_document(version: PlanVersion) -> PlanExport:
    """Gather `version` (goals, targets, actions, links, budgets, finance) in a few queries."""
    plan = version.plan
    government = plan.government
    goals = version.goals.prefetch_related(
        "targets__links__element__framework",
        "targets__actions__links__element__framework",
        "targets__actions__budget_lines",
    )
    national = version.national_framework
    return PlanExport(
        government_code=government.code,
        government_name=as_text(government.name) or Text(values={"en": government.code}),
        kind=_label(plan.get_kind_display()),
        number=version.number,
        status=version.status,
        status_label=_label(version.get_status_display()),
        title=as_text(version.title) or Text(values={"en": str(plan)}),
        team=as_text(version.team),
        assessment=as_text(version.assessment),
        vision=as_text(version.vision),
        principles=as_text(version.principles),
        implementation=as_text(version.implementation),
        period_start=version.period_start,
        period_end=version.period_end,
        adopting_body=as_text(version.adopting_body),
        adopted_on=version.adopted_on,
        national_framework=f"{national.slug}:{national.version}" if national else None,
        national_framework_title=as_text(national.title) if national else None,
        goals=tuple(
            GoalOut(
                code=g.code,
                title=as_text(g.title) or Text(values={"en": g.code}),
                description=as_text(g.description),
                targets=tuple(_target(t) for t in g.targets.all()),
            )
            for g in goals
        ),
        documents=tuple(
            DocumentOut(
                title=as_text(d.title) or Text(values={"en": d.url}), url=d.url, language=d.language
            )
            for d in version.documents.all()
        ),
        finance=version_finance(version),
        is_demo=government.is_demo,
        generated_on=timezone.localdate(),
    )
