"""One scoring function: (indicator, value, edition) -> score 0-4 and the band it used.

The rule that reads the printed tables is data (`data/rules.yaml`, default
`si-round-printed-v1`): round the value half away from zero to the printed precision, match the
printed bands with their printed bounds, and give a value that still falls between two bands the
lower score. Each `Score` records the rule id and the band-table version, so a score can always
be traced and a later table never rewrites it silently.

Where the band table has no bands for the indicator, `score_value` still checks and records the
value and returns `score=None, scored_by="none"`; the assessor then scores it with
`assessor_score`, which refuses to score an indicator that has bands.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    POINTS_PER_INDICATOR,
    Band,
    Bands,
    Indicator,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.index.bands import BandTable, default_band_table
from localgbf.index.errors import (
    AssessmentError,
    IndexInputError,
    UnknownIndicatorError,
    ValueOutOfRangeError,
)
from localgbf.index.rules import scoring_rules

ScoredBy = Literal["bands", "assessor", "none"]


class Score(BaseModel):
    """The score of one indicator value, with everything needed to trace it."""

    model_config = ConfigDict(frozen=True)

    indicator: int
    edition: str
    value: float | None
    score: int | None = Field(default=None, ge=0, le=POINTS_PER_INDICATOR)
    band: str | None = Field(default=None, description="The band as printed, e.g. '7.0% - 13.9%'.")
    rule: str
    band_table_version: str | None = None
    scored_by: ScoredBy
    rounded_value: float | None = Field(
        default=None, description="The value as the rule compared it with the bands."
    )
    band_source: tuple[str, ...] = ()
    band_page: str | None = None
    band_confidence: str | None = None
    justification: str | None = None

    @property
    def is_scored(self) -> bool:
        return self.score is not None


RuleFunction = Callable[[float, Bands], tuple[Band, Decimal]]


def _round_printed(value: float, bands: Bands) -> tuple[Band, Decimal]:
    """Rule si-round-printed-v1 (see data/rules.yaml for the text and the reasons)."""
    quantum = Decimal(1).scaleb(-bands.decimals)
    rounded = Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    ordered = bands.ordered()
    for band in ordered:
        if band.contains(rounded):
            return band, rounded
    for below, above in pairwise(ordered):
        if below.upper is None or above.lower is None:
            continue
        if Decimal(str(below.upper)) <= rounded <= Decimal(str(above.lower)):
            return min((below, above), key=lambda b: b.score), rounded
    lowest, highest = ordered[0], ordered[-1]
    side = (
        f"below the lowest band {lowest.text!r}"
        if lowest.lower is not None and rounded < Decimal(str(lowest.lower))
        else f"above the highest band {highest.text!r}"
    )
    raise IndexInputError(f"the value {value:g} (rounded {rounded}) is {side}")


SCORING_RULES: dict[str, RuleFunction] = {
    "si-round-printed-v1": _round_printed,
}


def indicator_of(
    indicator: int, edition: str = DEFAULT_EDITION, framework: SingaporeIndex | None = None
) -> Indicator:
    """The framework record of an indicator, or a clear error naming the edition's range."""
    fw = framework or load_singapore_index()
    try:
        ed = fw.edition(edition)
    except KeyError as exc:
        raise UnknownIndicatorError(str(exc.args[0])) from exc
    try:
        return ed.indicator(indicator)
    except KeyError as exc:
        raise UnknownIndicatorError(str(exc.args[0])) from exc


def check_value(
    indicator: int,
    value: float,
    *,
    edition: str = DEFAULT_EDITION,
    framework: SingaporeIndex | None = None,
) -> None:
    """Refuse a value outside the physical range of the indicator's unit.

    The ranges are data (the `units` table of the framework data): a share lies in 0-100 %, a
    count is a whole number of 0 or more, a net change in species may be negative.
    """
    fw = framework or load_singapore_index()
    ind = indicator_of(indicator, edition, fw)
    name = f"indicator {indicator} ({ind.name})"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueOutOfRangeError(f"{name}: {value!r} is not a number")
    value = float(value)
    if not math.isfinite(value):
        raise ValueOutOfRangeError(f"{name}: {value!r} is not a finite number")
    if ind.unit is None:
        return
    unit = fw.unit(ind.unit)
    accepted = f"the accepted range is {unit.range_text()}"
    if unit.minimum is not None and value < unit.minimum:
        raise ValueOutOfRangeError(f"{name}: {value:g} is out of range; {accepted}")
    if unit.maximum is not None and value > unit.maximum:
        raise ValueOutOfRangeError(f"{name}: {value:g} is out of range; {accepted}")
    if unit.integer and value != int(value):
        raise ValueOutOfRangeError(f"{name}: {value:g} is not a whole number; {accepted}")


def score_value(
    indicator: int,
    value: float | None,
    *,
    edition: str = DEFAULT_EDITION,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Score:
    """Score one indicator value with the band table of its edition.

    `bands` defaults to the packaged table of `edition`; pass a completed table (see
    `localgbf.index.bands`) to score with it. With no value, or no bands for the indicator,
    the score is None (`scored_by="none"`): the assessor scores it with `assessor_score`.
    """
    fw = framework or load_singapore_index()
    indicator_of(indicator, edition, fw)
    table = bands or default_band_table(edition, fw)
    if table.edition != edition:
        raise IndexInputError(
            f"the band table {table.version} is for the {table.edition} edition, "
            f"not the {edition} edition"
        )
    rules = scoring_rules()
    rule_id = rules.default
    if value is not None:
        check_value(indicator, value, edition=edition, framework=fw)
    indicator_bands = table.bands_for(indicator)
    if value is None or indicator_bands is None:
        return Score(
            indicator=indicator,
            edition=edition,
            value=value,
            rule=rule_id if indicator_bands is not None else rules.assessor.id,
            band_table_version=table.version,
            scored_by="none",
        )
    try:
        band, rounded = SCORING_RULES[rule_id](float(value), indicator_bands)
    except IndexInputError as exc:
        raise IndexInputError(f"indicator {indicator}: {exc}") from exc
    return Score(
        indicator=indicator,
        edition=edition,
        value=float(value),
        score=band.score,
        band=band.text,
        rule=rule_id,
        band_table_version=table.version,
        scored_by="bands",
        rounded_value=float(rounded),
        band_source=band.source,
        band_page=band.page,
        band_confidence=band.confidence,
    )


def assessor_score(
    indicator: int,
    value: float | None,
    score: int,
    *,
    justification: str,
    edition: str = DEFAULT_EDITION,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Score:
    """Record a score the assessor gives to an indicator that has no bands in the table.

    Refused when the table has bands for the indicator (its score is computed, not chosen),
    when the score is not 0-4 and when the justification is empty.
    """
    fw = framework or load_singapore_index()
    recorded = score_value(indicator, value, edition=edition, bands=bands, framework=fw)
    if recorded.rule != scoring_rules().assessor.id:
        raise AssessmentError(
            f"indicator {indicator} has bands in table {recorded.band_table_version}; "
            "its score comes from them and cannot be entered by the assessor"
        )
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 4:
        raise AssessmentError(f"indicator {indicator}: a score is a whole number from 0 to 4")
    if not justification or not justification.strip():
        raise AssessmentError(
            f"indicator {indicator}: a score entered by the assessor needs a justification"
        )
    return recorded.model_copy(
        update={"score": score, "scored_by": "assessor", "justification": justification.strip()}
    )
