"""Indicator 12: recreational services, park area per 1,000 people.

    value = area(parks within the city, ha) / (people in the city / 1000)

Park areas are measured in a local equal-area CRS; people are counted by areal weighting
(see `localgbf.spatial.population`).
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import M2_PER_HA, IndicatorSpec, SpatialContext


def _per_thousand(area_ha: float, people: float) -> float | None:
    return area_ha / (people / 1000.0) if people > 0 else None


def compute(ctx: SpatialContext) -> IndicatorValue:
    parks = ctx.layer_local("parks")
    people = ctx.city_people
    park_ha = parks.area / M2_PER_HA
    zones = {
        name: _per_thousand(parks.intersection(zone).area / M2_PER_HA, ctx.zone_people[name])
        for name, zone in zip(ctx.zone_names, ctx.zones_local, strict=True)
    }
    details = {
        "park_area_ha": park_ha,
        "population": people,
        "population_rule": "areal weighting: each cell's people spread evenly over the cell",
        "area_method": "vector areas in a Lambert azimuthal equal-area CRS centred on the city",
    }
    warnings = [*ctx.layer_warnings("boundary", "parks"), *ctx.population_warnings]
    return ctx.value(
        SPEC,
        _per_thousand(park_ha, people),
        inputs=ctx.input_files("parks", "population", "boundary", "subunits"),
        details=details,
        zones=zones,
        warnings=warnings,
    )


SPEC = IndicatorSpec(
    number=12,
    method_id="localgbf.spatial.recreational_area",
    method_version="1.0",
    unit="ha per 1000 persons",
    requires=("parks", "population"),
    compute=compute,
)
