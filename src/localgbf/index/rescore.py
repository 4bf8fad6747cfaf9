"""Rescoring an assessment after its band table changed: preview first, then apply by choice.

A new band table never rewrites a score by itself. `rescore_preview` lists, for every entry,
what the new table would change (score, band, or who scores it); `apply_rescore` applies the
new table to the indicators a person chose, by default those not yet confirmed. A confirmed
score changes only when its indicator is named explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.singapore_index import SingaporeIndex, load_singapore_index
from localgbf.index.assessment import Assessment
from localgbf.index.bands import BandTable
from localgbf.index.scoring import Score, score_value


class ScoreDifference(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: int
    confirmed: bool
    old_score: int | None
    new_score: int | None
    old_band: str | None
    new_band: str | None
    old_scored_by: str
    new_scored_by: str
    old_version: str | None
    new_version: str


def _rescored(assessment: Assessment, bands: BandTable, fw: SingaporeIndex) -> dict[int, Score]:
    out: dict[int, Score] = {}
    for entry in assessment.entries:
        if entry.status == "missing" or bands.bands_for(entry.indicator) is None:
            continue
        out[entry.indicator] = score_value(
            entry.indicator, entry.value, edition=assessment.edition, bands=bands, framework=fw
        )
    return out


def rescore_preview(
    assessment: Assessment, bands: BandTable, framework: SingaporeIndex | None = None
) -> tuple[ScoreDifference, ...]:
    """The entries whose score, band or scorer the table `bands` would change."""
    fw = framework or load_singapore_index()
    diffs = []
    for n, new in _rescored(assessment, bands, fw).items():
        entry = assessment.entry(n)
        old = entry.score
        same = (
            old is not None
            and old.score == new.score
            and old.band == new.band
            and old.scored_by == new.scored_by
        )
        if same:
            continue
        diffs.append(
            ScoreDifference(
                indicator=n,
                confirmed=entry.status == "confirmed",
                old_score=entry.points,
                new_score=new.score,
                old_band=old.band if old else None,
                new_band=new.band,
                old_scored_by=entry.scored_by,
                new_scored_by=new.scored_by,
                old_version=old.band_table_version if old else None,
                new_version=bands.version,
            )
        )
    return tuple(diffs)


def apply_rescore(
    assessment: Assessment,
    bands: BandTable,
    *,
    indicators: Iterable[int] | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """Score the chosen indicators with `bands` (default: every one that is not confirmed)."""
    fw = framework or load_singapore_index()
    rescored = _rescored(assessment, bands, fw)
    if indicators is None:
        chosen = {n for n in rescored if assessment.entry(n).status != "confirmed"}
    else:
        chosen = set(indicators) & set(rescored)
    out = assessment
    for n in sorted(chosen):
        entry = out.entry(n)
        update: dict[str, object] = {"score": rescored[n]}
        if entry.status == "confirmed":
            update |= {"status": "entered", "confirmed_by": None}
        out = out.with_entry(entry.model_copy(update=update))
    return out
