"""The public profile of a government: who they are, their plan, commitments, score card.

Everything is read in a fixed number of queries, whatever the size of the plan (the benchmark
in `benchmarks/portal.py` counts them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.index.scorecard import ScoreCard
from localgbf.web.assessments.models import Assessment
from localgbf.web.assessments.services import scorecard_for
from localgbf.web.commitments.models import CommitmentVersion, Kpi, ProgressReport, ProgressValue
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, AlignmentLink, Goal, LocalTarget, PlanVersion
from localgbf.web.plans.services import KMGBF_TARGET_KIND, NATIONAL_TARGET_KIND
from localgbf.web.portal.models import PublicProfile
from localgbf.web.portal.visibility import (
    commitments_in_force,
    plans_in_force,
    public_assessments,
    public_reports,
)

LINK_KINDS = (KMGBF_TARGET_KIND, NATIONAL_TARGET_KIND)


def _links() -> Prefetch:
    return Prefetch(
        "links",
        queryset=AlignmentLink.objects.filter(element__kind__in=LINK_KINDS)
        .select_related("element")
        .order_by("element__kind", "element__order"),
    )


@dataclass
class StatusCount:
    key: str
    label: str
    count: int
    percent: int


@dataclass
class PlanView:
    version: PlanVersion
    goals: list[Goal]
    targets: int
    actions: int
    status_counts: list[StatusCount]
    kmgbf_targets: list[str]


def plan_view(government: Government, language: str) -> PlanView | None:
    """The adopted plan with goals → targets → actions and their links, or None."""
    version = (
        plans_in_force()
        .filter(plan__government=government)
        .select_related("national_framework")
        .first()
    )
    if version is None:
        return None
    actions = Action.objects.filter(version=version).prefetch_related(_links())
    targets = LocalTarget.objects.filter(version=version).prefetch_related(
        _links(), Prefetch("actions", queryset=actions)
    )
    goals = list(
        Goal.objects.filter(version=version).prefetch_related(Prefetch("targets", queryset=targets))
    )
    all_targets = [t for g in goals for t in g.targets.all()]
    all_actions = [a for t in all_targets for a in t.actions.all()]
    statuses = vocabulary("action_status")
    counts = Counter(a.status for a in all_actions)
    total = max(len(all_actions), 1)
    status_counts = [
        StatusCount(
            term.key,
            term.label.get(language),
            counts[term.key],
            round(100 * counts[term.key] / total),
        )
        for term in statuses.terms
        if counts[term.key]
    ]
    kmgbf = sorted(
        {
            link.element.code
            for item in [*all_targets, *all_actions]
            for link in item.links.all()
            if link.element.kind == KMGBF_TARGET_KIND
        },
        key=lambda c: int(c) if c.isdigit() else 99,
    )
    return PlanView(version, goals, len(all_targets), len(all_actions), status_counts, kmgbf)


@dataclass
class KpiProgress:
    kpi: Kpi
    latest: ProgressValue | None


@dataclass
class CommitmentView:
    version: CommitmentVersion
    report: ProgressReport | None
    kpis: list[KpiProgress]
    level_label: str = ""
    level_colour: str = ""


def commitment_views(government: Government, language: str) -> list[CommitmentView]:
    """The commitments in force, each with its KPIs and its latest accepted progress report."""
    versions = list(
        commitments_in_force()
        .filter(commitment__government=government)
        .select_related("commitment", "primary_global", "primary_national")
        .prefetch_related("kpis", "other_global")
        .order_by("commitment__number")
    )
    reports = (
        public_reports()
        .filter(commitment__in=[v.commitment_id for v in versions])
        .prefetch_related("values")
        .order_by("commitment_id", "-period_end", "-pk")
    )
    latest: dict[int, ProgressReport] = {}
    for report in reports:
        latest.setdefault(report.commitment_id, report)
    progress = scale("progress")
    out = []
    for version in versions:
        report = latest.get(version.commitment_id)
        values = {v.kpi_id: v for v in report.values.all()} if report else {}
        view = CommitmentView(
            version,
            report,
            [KpiProgress(kpi, values.get(kpi.pk)) for kpi in version.kpis.all()],
        )
        if report is not None and report.level:
            level = progress.level(report.level)
            view.level_label = level.label.get(language)
            view.level_colour = level.colour or ""
        out.append(view)
    return out


@dataclass
class IndexView:
    row: Assessment
    card: ScoreCard
    baseline: Assessment | None
    earlier: list[Assessment] = field(default_factory=list)


def index_view(government: Government) -> IndexView | None:
    """The latest completed Singapore Index assessment as a score card against its baseline."""
    rows = list(
        public_assessments()
        .filter(government=government)
        .select_related("government")
        .order_by("-reference_year", "-pk")
    )
    if not rows:
        return None
    card, baseline = scorecard_for(rows[0])
    return IndexView(rows[0], card, baseline, rows[1:])


def public_profile(government: Government) -> PublicProfile | None:
    return PublicProfile.objects.filter(government=government).first()


def children_of(government: Government) -> QuerySet[Government]:
    return government.children.order_by("kind", "code")


def species_counts(government: Government) -> dict[str, Any] | None:
    """How many species of each status the government's records show (never where)."""
    from localgbf.web.species.models import SpeciesSummary

    summary = SpeciesSummary.objects.filter(government=government).first()
    if summary is None or not summary.data.get("species"):
        return None
    species = summary.data["species"]
    by_status = Counter(str(s.get("status") or "uncertain") for s in species)
    by_group = Counter(str(s.get("group") or "") for s in species if s.get("group"))
    return {
        "total": len(species),
        "by_status": dict(by_status),
        "by_group": sorted(by_group.items(), key=lambda kv: (-kv[1], kv[0])),
        "computed_at": summary.computed_at,
    }
