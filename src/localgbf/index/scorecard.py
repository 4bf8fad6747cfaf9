"""The score card of an assessment: what the web page, the CLI and the exports all show.

One view model, built once: the indicators grouped by component with value, unit, score, band
and who scored it; subtotals and total with "n of 28 scored"; the indicators still missing; the
rule and band-table versions used; and, when a baseline is given, the change since it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.singapore_index import (
    POINTS_PER_INDICATOR,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.frameworks.text import Text
from localgbf.index.assessment import Assessment, unit_symbol
from localgbf.index.labels import label_text, scored_count
from localgbf.index.rules import scoring_rules
from localgbf.index.totals import Comparison, compare, totals


class ScoreCardRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: int
    component: str
    name: Text
    value: float | None
    unit: str | None
    score: int | None
    max_score: int
    band: str | None
    scored_by: str
    status: str
    justification: str | None
    obtained: str | None
    method: str | None
    rule: str | None
    band_table_version: str | None
    has_bands: bool
    proposal_waiting: bool
    baseline_value: float | None = None
    baseline_score: int | None = None
    score_change: int | None = None

    @property
    def scored_by_label(self) -> Text:
        return label_text("scored_by", self.scored_by)

    @property
    def status_label(self) -> Text:
        return label_text("status", self.status)


class ScoreCardSection(BaseModel):
    model_config = ConfigDict(frozen=True)

    component: str
    name: Text
    rows: tuple[ScoreCardRow, ...]
    points: int
    max_points: int
    scored: int
    count: int
    baseline_points: int | None = None

    def scored_label(self, lang: str = "en") -> str:
        return scored_count(self.scored, self.count, lang)


class ScoreCard(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: Text
    government: str
    edition: str
    document: str
    reference_year: int
    status: str
    rule: str
    rule_summary: Text
    band_table_versions: tuple[str, ...]
    sections: tuple[ScoreCardSection, ...]
    points: int
    max_points: int
    scored: int
    count: int
    missing: tuple[int, ...]
    assessor_scored: tuple[int, ...]
    baseline_year: int | None = None
    baseline_points: int | None = None
    common_scored: int | None = None
    change_on_common: int | None = None
    citation: str
    bands_source: str = ""
    data_version: str
    translation_note: Text

    def scored_label(self, lang: str = "en") -> str:
        """E.g. '18 of 28 scored'."""
        return scored_count(self.scored, self.count, lang)

    @property
    def rows(self) -> tuple[ScoreCardRow, ...]:
        return tuple(r for s in self.sections for r in s.rows)

    def to_json(self) -> dict[str, Any]:
        out = self.model_dump(mode="json")
        out["scored_label"] = {lang: self.scored_label(lang) for lang in ("en", "zh-hans")}
        return out


def build_scorecard(
    assessment: Assessment,
    *,
    baseline: Assessment | None = None,
    framework: SingaporeIndex | None = None,
) -> ScoreCard:
    fw = framework or load_singapore_index()
    ed = fw.edition(assessment.edition)
    sums = totals(assessment, fw)
    comparison: Comparison | None = compare(assessment, baseline, fw) if baseline else None
    changes = {c.indicator: c for c in comparison.indicators} if comparison else {}
    baseline_components = (
        {c.component: c.baseline_points for c in comparison.components} if comparison else {}
    )
    rules = scoring_rules()
    sections = []
    for comp in sums.components:
        rows = []
        for n in comp.indicators:
            entry = assessment.entry(n)
            ind = ed.indicator(n)
            change = changes.get(n)
            obtained = entry.obtained
            method = (
                f"{obtained.method_id} {obtained.method_version}"
                if obtained is not None and obtained.method_id
                else None
            )
            rows.append(
                ScoreCardRow(
                    indicator=n,
                    component=comp.component,
                    name=ind.name,
                    value=entry.value,
                    unit=unit_symbol(entry.unit, fw),
                    score=entry.points,
                    max_score=POINTS_PER_INDICATOR,
                    band=entry.score.band if entry.score else None,
                    scored_by=entry.scored_by,
                    status=entry.status,
                    justification=entry.score.justification if entry.score else None,
                    obtained=obtained.how if obtained else None,
                    method=method,
                    rule=entry.score.rule if entry.score else None,
                    band_table_version=entry.score.band_table_version if entry.score else None,
                    has_bands=ind.bands is not None,
                    proposal_waiting=entry.proposal is not None,
                    baseline_value=change.baseline_value if change else None,
                    baseline_score=change.baseline_score if change else None,
                    score_change=change.score_change if change else None,
                )
            )
        sections.append(
            ScoreCardSection(
                component=comp.component,
                name=comp.name,
                rows=tuple(rows),
                points=comp.points,
                max_points=comp.max_points,
                scored=comp.scored,
                count=comp.count,
                baseline_points=baseline_components.get(comp.component),
            )
        )
    versions = sorted(
        {
            e.score.band_table_version
            for e in assessment.entries
            if e.score and e.score.band_table_version
        }
    )
    return ScoreCard(
        title=fw.title,
        government=assessment.government,
        edition=assessment.edition,
        document=ed.document,
        reference_year=assessment.reference_year,
        status=assessment.status,
        rule=rules.default,
        rule_summary=rules.get(rules.default).summary,
        band_table_versions=tuple(versions),
        sections=tuple(sections),
        points=sums.points,
        max_points=sums.max_points,
        scored=sums.scored,
        count=sums.count,
        missing=sums.missing,
        assessor_scored=sums.assessor_scored,
        baseline_year=comparison.baseline_year if comparison else None,
        baseline_points=comparison.baseline_points if comparison else None,
        common_scored=comparison.common_scored if comparison else None,
        change_on_common=comparison.change_on_common if comparison else None,
        citation=fw.source.get("citation", ""),
        bands_source=fw.source.get("bands", ""),
        data_version=fw.version,
        translation_note=fw.translation,
    )
