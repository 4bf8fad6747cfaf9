"""Singapore Index indicators 3, 4, 5, 6 and 9, one module per method, registered by number.

Each computation takes a `SpeciesContext` (the selection of records, the built-up test, the
inputs) and returns a `localgbf.provenance.IndicatorValue`; `compute` runs the ones asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from localgbf.provenance import IndicatorValue
from localgbf.species.indicators.builtup_birds import builtup_native_birds
from localgbf.species.indicators.context import SpeciesContext
from localgbf.species.indicators.invasive_share import invasive_share
from localgbf.species.indicators.native_change import native_change

Computation = Callable[[SpeciesContext, int], IndicatorValue]

INDICATORS: dict[int, Computation] = {
    3: builtup_native_birds,
    4: native_change,
    5: native_change,
    6: native_change,
    9: invasive_share,
}


def compute(
    context: SpeciesContext, numbers: Iterable[int] = tuple(INDICATORS)
) -> list[IndicatorValue]:
    """The indicator values for `numbers`, in that order."""
    return [INDICATORS[number](context, number) for number in numbers]


__all__ = ["INDICATORS", "SpeciesContext", "compute"]
