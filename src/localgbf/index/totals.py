"""Totals per component and overall, and the comparison of an assessment with its baseline.

Totals are plain sums of the indicator scores (the index states no weighting), always shown with
how many indicators were scored ("18 of 28 scored"), because a missing indicator counts 0 points
in the sum but is not a 0 score. The baseline of a government is its first completed assessment;
later ones are compared with it indicator by indicator.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.singapore_index import (
    POINTS_PER_INDICATOR,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.frameworks.text import Text
from localgbf.index.assessment import Assessment
from localgbf.index.errors import AssessmentError
from localgbf.index.labels import scored_count


class ComponentTotal(BaseModel):
    model_config = ConfigDict(frozen=True)

    component: str
    name: Text
    indicators: tuple[int, ...]
    points: int
    max_points: int
    scored: int
    count: int
    assessor_scored: tuple[int, ...]

    def scored_label(self, lang: str = "en") -> str:
        return scored_count(self.scored, self.count, lang)


class Totals(BaseModel):
    model_config = ConfigDict(frozen=True)

    edition: str
    points: int
    max_points: int
    scored: int
    count: int
    components: tuple[ComponentTotal, ...]
    assessor_scored: tuple[int, ...]
    missing: tuple[int, ...]

    def scored_label(self, lang: str = "en") -> str:
        """E.g. '18 of 28 scored'."""
        return scored_count(self.scored, self.count, lang)


def totals(assessment: Assessment, framework: SingaporeIndex | None = None) -> Totals:
    """Points per component and overall, with the count of scored indicators."""
    fw = framework or load_singapore_index()
    ed = fw.edition(assessment.edition)
    components = []
    for comp in ed.components:
        entries = [assessment.entry(n) for n in comp.indicators]
        scored = [e for e in entries if e.points is not None]
        components.append(
            ComponentTotal(
                component=comp.component,
                name=fw.component(comp.component).name,
                indicators=comp.indicators,
                points=sum(e.points or 0 for e in scored),
                max_points=POINTS_PER_INDICATOR * len(entries),
                scored=len(scored),
                count=len(entries),
                assessor_scored=tuple(e.indicator for e in scored if e.scored_by == "assessor"),
            )
        )
    return Totals(
        edition=ed.edition,
        points=sum(c.points for c in components),
        max_points=ed.max_total,
        scored=sum(c.scored for c in components),
        count=len(assessment.entries),
        components=tuple(components),
        assessor_scored=tuple(n for c in components for n in c.assessor_scored),
        missing=tuple(e.indicator for e in assessment.entries if e.points is None),
    )


class IndicatorChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: int
    baseline_value: float | None
    value: float | None
    value_change: float | None
    baseline_score: int | None
    score: int | None
    score_change: int | None
    unit_changed: bool = False
    band_table_changed: bool = False


class ComponentChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    component: str
    baseline_points: int
    points: int
    change: int
    change_on_common: int


class Comparison(BaseModel):
    """A later assessment against the baseline.

    `change` compares the two totals as they stand; `change_on_common` adds up the score
    changes of the `common_scored` indicators scored in both, which is the fair comparison
    when the two assessments scored different indicators.
    """

    model_config = ConfigDict(frozen=True)

    government: str
    edition: str
    baseline_year: int
    reference_year: int
    indicators: tuple[IndicatorChange, ...]
    components: tuple[ComponentChange, ...]
    baseline_points: int
    points: int
    change: int
    common_scored: int
    change_on_common: int


def compare(
    current: Assessment, baseline: Assessment, framework: SingaporeIndex | None = None
) -> Comparison:
    """Per-indicator and per-component change of `current` since `baseline`."""
    if current.government != baseline.government:
        raise AssessmentError(
            f"the baseline belongs to {baseline.government}, not to {current.government}"
        )
    if current.edition != baseline.edition:
        raise AssessmentError(
            f"the baseline uses the {baseline.edition} edition and this assessment the "
            f"{current.edition} edition; scores of different editions are not comparable"
        )
    if baseline.reference_year >= current.reference_year:
        raise AssessmentError(
            f"the baseline ({baseline.reference_year}) must come before the assessment "
            f"({current.reference_year})"
        )
    if baseline.status != "completed":
        raise AssessmentError("only a completed assessment can serve as the baseline")
    fw = framework or load_singapore_index()
    changes = []
    for now, then in zip(current.entries, baseline.entries, strict=True):
        both_values = now.value is not None and then.value is not None
        both_scores = now.points is not None and then.points is not None
        changes.append(
            IndicatorChange(
                indicator=now.indicator,
                baseline_value=then.value,
                value=now.value,
                value_change=(now.value or 0.0) - (then.value or 0.0) if both_values else None,
                baseline_score=then.points,
                score=now.points,
                score_change=(now.points or 0) - (then.points or 0) if both_scores else None,
                unit_changed=both_values and now.unit != then.unit,
                band_table_changed=(
                    now.score is not None
                    and then.score is not None
                    and now.score.band_table_version != then.score.band_table_version
                ),
            )
        )
    by_number = {c.indicator: c for c in changes}
    now_totals, then_totals = totals(current, fw), totals(baseline, fw)
    components = []
    for now_c, then_c in zip(now_totals.components, then_totals.components, strict=True):
        common = [
            by_number[n].score_change
            for n in now_c.indicators
            if by_number[n].score_change is not None
        ]
        components.append(
            ComponentChange(
                component=now_c.component,
                baseline_points=then_c.points,
                points=now_c.points,
                change=now_c.points - then_c.points,
                change_on_common=sum(c or 0 for c in common),
            )
        )
    common_changes = [c.score_change for c in changes if c.score_change is not None]
    return Comparison(
        government=current.government,
        edition=current.edition,
        baseline_year=baseline.reference_year,
        reference_year=current.reference_year,
        indicators=tuple(changes),
        components=tuple(components),
        baseline_points=then_totals.points,
        points=now_totals.points,
        change=now_totals.points - then_totals.points,
        common_scored=len(common_changes),
        change_on_common=sum(c or 0 for c in common_changes),
    )


def baseline_of(
    assessments: Iterable[Assessment], *, government: str, edition: str | None = None
) -> Assessment | None:
    """The first completed assessment of `government` (in `edition`, if given)."""
    candidates = [
        a
        for a in assessments
        if a.government == government
        and a.status == "completed"
        and (edition is None or a.edition == edition)
    ]
    return min(candidates, key=lambda a: a.reference_year, default=None)
