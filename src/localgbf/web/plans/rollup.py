"""Gather the plans in force under a government and call the roll-ups of `localgbf.reporting`.

Which version of a plan counts: the adopted one; a plan with no adopted version counts with its
draft, but only for a reader who may see that government's drafts (the country's reviewer, its
officers and viewers). Everything is read in a fixed, small number of queries, whatever the
number of governments, actions and budget lines (see benchmarks/plans.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from localgbf.gc_pause import collector_paused
from localgbf.reporting.coverage import (
    ActionLinks,
    CoverageMatrix,
    Link,
    TargetLinks,
    coverage_matrix,
)
from localgbf.reporting.finance import BudgetLine as Line
from localgbf.reporting.finance import FinanceRollUp, RateTable, roll_up
from localgbf.web.frameworks.models import ElementAlignment, Framework, FrameworkElement
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.access import can
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import (
    Action,
    AlignmentLink,
    BudgetLine,
    ExchangeRate,
    LocalTarget,
    PlanStatus,
    PlanVersion,
    ReportingCurrency,
)
from localgbf.web.plans.services import (
    KMGBF_TARGET_KIND,
    NATIONAL_TARGET_KIND,
    current_national_framework,
)

CENT = Decimal("0.01")
# KMGBF Target 19 states its amounts in US dollars: the natural default for a country that has
# not chosen its reporting currency yet (pages say which currency every total is in).
DEFAULT_REPORTING_CURRENCY = "USD"


@dataclass(frozen=True)
class VersionInForce:
    id: int
    government: str
    status: str
    number: int


def _under(root: Government, field: str = "plan__government") -> Q:
    return Q(**{field: root.pk}) | Q(**{f"{field}__path__startswith": f"{root.path}/"})


def plans_in_force(
    root: Government, user: Any, *, all_drafts: bool = False
) -> list[VersionInForce]:
    """The version of each plan of `root` and the governments under it that counts.

    `all_drafts` is for the command line, which runs with the platform's own rights: every
    draft counts where no version is adopted, as for the country's reviewer."""
    rows = list(
        PlanVersion.objects.filter(_under(root))
        .filter(status__in=[PlanStatus.ADOPTED, PlanStatus.DRAFT])
        .values_list("id", "plan_id", "status", "number", "plan__government_id")
    )
    adopted = {plan for _, plan, status, _, _ in rows if status == PlanStatus.ADOPTED}
    draft_governments = {gov for _, plan, _, _, gov in rows if plan not in adopted}
    readable = (
        draft_governments
        if all_drafts
        else {
            g.pk
            for g in Government.objects.filter(pk__in=draft_governments)
            if can(user, Permission.VIEW_PRIVATE, g)
        }
    )
    codes = dict(
        Government.objects.filter(pk__in={gov for *_, gov in rows}).values_list("pk", "code")
    )
    chosen = []
    for version_id, plan, status, number, gov in rows:
        counts = status == PlanStatus.ADOPTED or (plan not in adopted and gov in readable)
        if counts:
            chosen.append(VersionInForce(version_id, codes[gov], status, number))
    return sorted(chosen, key=lambda v: v.government)


def hierarchy(root: Government) -> dict[str, str | None]:
    """Code -> parent code for `root` and everything under it; `root` has no parent here."""
    parents: dict[str, str | None] = dict(
        Government.objects.filter(Q(pk=root.pk) | Q(path__startswith=f"{root.path}/")).values_list(
            "code", "parent__code"
        )
    )
    parents[root.code] = None
    return parents


def rate_table(country: Government) -> RateTable:
    chosen = ReportingCurrency.objects.filter(country=country).values_list("currency", flat=True)
    currency = next(iter(chosen), DEFAULT_REPORTING_CURRENCY)
    rates = {
        (year, code): rate
        for year, code, rate in ExchangeRate.objects.filter(country=country).values_list(
            "year", "currency", "rate"
        )
    }
    return RateTable(currency, rates)


def _rows(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """The rows of `queryset.values_list(*fields)` straight from the cursor: tens of thousands
    of budget lines are read without Django's per-row conversions (see `_amount`)."""
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _amount(value: Any) -> Decimal:
    """A stored amount as an exact Decimal: PostgreSQL gives one; SQLite gives an int or the
    float nearest to an amount with cents, whose shortest repr is that amount."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value)).quantize(CENT)


def budget_lines(versions: list[VersionInForce]) -> list[Line]:
    government = {v.id: v.government for v in versions}
    rows = _rows(
        BudgetLine.objects.filter(action__version_id__in=government),
        "action_id",
        "action__version_id",
        "year",
        "amount",
        "currency",
        "source",
        "status",
    )
    return [
        Line(government[vid], str(action), year, _amount(amount), currency, source, status)
        for action, vid, year, amount, currency, source, status in rows
    ]


def country_of(government: Government) -> Government:
    if government.parent_id is None:
        return government
    return Government.objects.get(pk=government.country_id)


def finance_for(government: Government, user: Any) -> FinanceRollUp:
    """Finance of the plans in force of `government` and everything under it."""
    versions = plans_in_force(government, user)
    with collector_paused():
        return roll_up(
            budget_lines(versions),
            rate_table(country_of(government)),
            parents=hierarchy(government),
            detail=[government.code],
        )


def _links(
    versions: list[VersionInForce],
) -> tuple[dict[int, tuple[list[Link], list[Link]]], dict[int, tuple[list[Link], list[Link]]]]:
    """Local target id and action id -> (national target links, KMGBF target links)."""
    by_target: dict[int, tuple[list[Link], list[Link]]] = {}
    by_action: dict[int, tuple[list[Link], list[Link]]] = {}
    links = AlignmentLink.objects.filter(
        version_id__in=[v.id for v in versions],
        element__kind__in=[NATIONAL_TARGET_KIND, KMGBF_TARGET_KIND],
    )
    fields = ("target_id", "action_id", "element__kind", "element__code", "degree")
    for target, action, kind, code, degree in _rows(links, *fields):
        if target is not None:
            entry = by_target.setdefault(target, ([], []))
        else:
            entry = by_action.setdefault(action, ([], []))
        entry[0 if kind == NATIONAL_TARGET_KIND else 1].append(Link(code, degree))
    return by_target, by_action


NO_LINKS: tuple[list[Link], list[Link]] = ([], [])


@dataclass(frozen=True)
class Coverage:
    """The matrix and what a page or an export needs to label it."""

    country: Government
    framework: Framework | None
    matrix: CoverageMatrix
    versions: list[VersionInForce]
    national_titles: dict[str, dict[str, Any]]
    kmgbf_titles: dict[str, dict[str, Any]]
    parents: dict[str, str | None]


def coverage_for(country: Government, user: Any, *, all_drafts: bool = False) -> Coverage:
    """The coverage matrix of `country`'s current national targets and its plans in force."""
    with collector_paused():
        return _coverage(country, user, all_drafts=all_drafts)


def _coverage(country: Government, user: Any, *, all_drafts: bool) -> Coverage:
    framework = current_national_framework(country)
    versions = plans_in_force(country, user, all_drafts=all_drafts)
    version_government = {v.id: v.government for v in versions}
    by_target, by_action = _links(versions)
    targets = [
        TargetLinks(
            str(pk),
            version_government[vid],
            bool(local_only),
            tuple(by_target.get(pk, NO_LINKS)[0]),
            tuple(by_target.get(pk, NO_LINKS)[1]),
        )
        for pk, vid, local_only in _rows(
            LocalTarget.objects.filter(version_id__in=version_government),
            "id",
            "version_id",
            "local_only",
        )
    ]
    actions = [
        ActionLinks(
            str(pk),
            version_government[vid],
            str(target),
            bool(local_only),
            tuple(by_action.get(pk, NO_LINKS)[0]),
            tuple(by_action.get(pk, NO_LINKS)[1]),
        )
        for pk, vid, target, local_only in _rows(
            Action.objects.filter(version_id__in=version_government),
            "id",
            "version_id",
            "target_id",
            "local_only",
        )
    ]
    national_titles: dict[str, dict[str, Any]] = {}
    alignments: dict[str, list[Link]] = defaultdict(list)
    if framework is not None:
        national_titles = dict(
            framework.elements.filter(kind=NATIONAL_TARGET_KIND)
            .order_by("order")
            .values_list("code", "title")
        )
        for code, target, degree in ElementAlignment.objects.filter(
            element__framework=framework, aligned_to__kind=KMGBF_TARGET_KIND
        ).values_list("element__code", "aligned_to__code", "degree"):
            alignments[code].append(Link(target, degree))
    kmgbf_titles = dict(
        FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND
        )
        .order_by("order")
        .values_list("code", "title")
    )
    parents = hierarchy(country)
    matrix = coverage_matrix(
        country=country.code,
        national_targets=list(national_titles),
        national_alignments=alignments,
        kmgbf_targets=list(kmgbf_titles),
        targets=targets,
        actions=actions,
        budget_lines=budget_lines(versions),
        rates=rate_table(country),
        parents=parents,
    )
    return Coverage(
        country=country,
        framework=framework,
        matrix=matrix,
        versions=versions,
        national_titles=national_titles,
        kmgbf_titles=kmgbf_titles,
        parents=parents,
    )
