"""Indicator 3: native bird species recorded in built-up areas, as a share of the native bird
species recorded in the city.

A species is "in built-up areas" when at least one of its records in the survey period lies in
a land-cover cell whose class plays the role `builtup` in the class map. Obscured records are
not used for that test (their point is random within about 22 km), unless the quality rules
say otherwise. Species are settled on a sample of their records first; only species the
sample leaves unsettled have all their records tested, which gives the same answer.
"""

from __future__ import annotations

import numpy as np

from localgbf.provenance import IndicatorValue
from localgbf.species.indicators.context import SpeciesContext
from localgbf.species.reference import indicator_methods
from localgbf.species.selection import Points


def builtup_native_birds(context: SpeciesContext, number: int = 3) -> IndicatorValue:
    method = indicator_methods().get(number)
    selection = context.selection
    target = context.status_mask("native") & context.group_mask(method.group or "")
    in_city = target & selection.present(0)
    denominator = int(in_city.sum())
    details: dict[str, object] = {"native_bird_species": denominator}
    if context.builtup is None:
        details["species"] = context.evidence.names(in_city)
        return context.value(
            number,
            None,
            details=details,
            warnings=["no land cover and class map were given, so built-up areas are unknown"],
        )
    confirmed = _in_builtup(context, in_city)
    numerator = int(confirmed.sum())
    details.update(
        native_bird_species_in_builtup=numerator,
        in_builtup=context.evidence.species(confirmed, 0),
        not_in_builtup=context.evidence.species(in_city & ~confirmed, 0),
        obscured_records_used=context.rules.obscured_in_builtup,
    )
    warnings = []
    if denominator == 0:
        warnings.append("no native bird species was recorded in the city in this period")
    value = 100.0 * numerator / denominator if denominator else None
    return context.value(number, value, details=details, warnings=warnings)


def _in_builtup(context: SpeciesContext, candidates: np.ndarray) -> np.ndarray:
    assert context.builtup is not None
    selection = context.selection
    use_obscured = context.rules.obscured_in_builtup
    confirmed = np.zeros(len(selection.taxa), dtype=bool)
    sample = selection.sample
    chosen = (sample.slot == 0) & candidates[sample.taxon] & (use_obscured | ~sample.obscured)
    _confirm(context, sample.where(chosen), confirmed)
    rest = candidates & ~confirmed
    if rest.any():
        points = selection.points(rest, 0)
        _confirm(context, points.where(use_obscured | ~points.obscured), confirmed)
    return confirmed


def _confirm(context: SpeciesContext, points: Points, confirmed: np.ndarray) -> None:
    assert context.builtup is not None
    if points.taxon.size == 0:
        return
    hits = np.asarray(context.builtup(points.lon, points.lat), dtype=bool)
    confirmed[points.taxon[hits]] = True
