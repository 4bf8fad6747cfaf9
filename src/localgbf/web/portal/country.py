"""The public page of a country: its subnational governments, what their plans cover of the
national and KMGBF targets, the finance behind them and who takes part in the Singapore Index.

Coverage and finance come from the plans app's roll-up (`plans.rollup.coverage_for`), run as
an anonymous visitor: only adopted plans count, as on every public page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from localgbf.frameworks.scales import scale
from localgbf.index.totals import totals
from localgbf.web.assessments.models import Assessment
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action
from localgbf.web.plans.rollup import Coverage, coverage_for
from localgbf.web.portal.visibility import (
    commitments_in_force,
    plans_in_force,
    public_assessments,
    public_reports,
)


@dataclass
class GovernmentRow:
    government: Government
    plan_title: dict[str, Any] | None = None
    plan_period: str = ""
    actions: int = 0
    commitments: int = 0
    index_year: int | None = None
    index_points: int | None = None
    index_max: int | None = None
    index_scored: str = ""


@dataclass
class LevelCount:
    key: str
    label: str
    colour: str
    count: int


@dataclass
class CountryView:
    country: Government
    governments: list[Government]
    rows: list[GovernmentRow]
    coverage: Coverage
    with_plan: int
    with_commitments: int
    with_index: int
    levels: list[LevelCount] = field(default_factory=list)

    @property
    def kmgbf_covered(self) -> int:
        return sum(1 for k in self.coverage.matrix.kmgbf if k.governments)


def subnational(country: Government) -> list[Government]:
    kind_order = {"region": 0, "city": 1, "local": 2}
    governments = list(country.descendants().select_related("parent"))
    governments.sort(key=lambda g: (g.path.count("/"), kind_order.get(g.kind, 9), g.code))
    return governments


def country_view(country: Government, language: str) -> CountryView:
    governments = subnational(country)
    ids = [g.pk for g in governments]
    under = Q(plan__government__path__startswith=f"{country.path}/")
    rows = {g.pk: GovernmentRow(g) for g in governments}
    versions = (
        plans_in_force()
        .filter(under)
        .values_list("id", "plan__government_id", "title", "period_start", "period_end")
    )
    version_of = {}
    for vid, gid, title, start, end in versions:
        version_of[vid] = gid
        rows[gid].plan_title = title
        rows[gid].plan_period = f"{start or ''}–{end or ''}" if start or end else ""
    for vid, n in (
        Action.objects.filter(version_id__in=version_of)
        .values_list("version_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        rows[version_of[vid]].actions = n
    in_force = commitments_in_force().filter(commitment__government_id__in=ids)
    for gid, n in (
        in_force.values_list("commitment__government_id").annotate(n=Count("id")).order_by()
    ):
        rows[gid].commitments = n
    assessments = (
        public_assessments()
        .filter(government_id__in=ids)
        .select_related("government")
        .order_by("government_id", "-reference_year", "-pk")
    )
    latest: dict[int, Assessment] = {}
    for row in assessments:
        latest.setdefault(row.government_id, row)
    for gid, row in latest.items():
        sums = totals(row.pure())
        target = rows[gid]
        target.index_year, target.index_points, target.index_max = (
            row.reference_year,
            sums.points,
            sums.max_points,
        )
        target.index_scored = sums.scored_label(language)
    progress = scale("progress")
    reports = public_reports().filter(commitment__government_id__in=ids)
    latest_level: dict[int, str] = {}
    for commitment, level in reports.order_by("commitment_id", "-period_end", "-pk").values_list(
        "commitment_id", "level"
    ):
        latest_level.setdefault(commitment, level or "unknown")
    counts = Counter(latest_level.values())
    levels = [
        LevelCount(lvl.key, lvl.label.get(language), lvl.colour or "#767676", counts[lvl.key])
        for lvl in progress.levels
        if counts[lvl.key]
    ]
    return CountryView(
        country=country,
        governments=governments,
        rows=[rows[g.pk] for g in governments],
        coverage=coverage_for(country, AnonymousUser()),
        with_plan=len(set(version_of.values())),
        with_commitments=sum(1 for r in rows.values() if r.commitments),
        with_index=len(latest),
        levels=levels,
    )
