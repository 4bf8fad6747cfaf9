"""Indicator 13: health and wellbeing, the share of people within 400 m of a park.

    value = 100 × people(city ∩ parks buffered by 400 m) / people(city)

Straight-line distance, in a local equal-area CRS centred on the city (over a city's extent
its distances are true to well under 0.01 %). Parks just outside the city count too: they
are within reach of the people living near the city's edge. People are counted by areal
weighting (see `localgbf.spatial.population`).
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext, share


def compute(ctx: SpatialContext) -> IndicatorValue:
    distance = ctx.params.park_distance_m
    reach = ctx.layer_local("parks", clip=False).buffer(distance, quad_segs=32)
    near_city = reach.intersection(ctx.city_local)
    people = ctx.city_people
    near, _ = ctx.people(near_city)
    zones = {}
    for name, zone in zip(ctx.zone_names, ctx.zones_local, strict=True):
        zone_near, _ = ctx.people(reach.intersection(zone))
        zones[name] = share(zone_near, ctx.zone_people[name])
    details = {
        "people_within_distance": near,
        "population": people,
        "distance_m": distance,
        "population_rule": "areal weighting: each cell's people spread evenly over the cell",
        "distance_rule": (
            "straight-line distance to the nearest park edge (parks outside the city count)"
        ),
    }
    warnings = [*ctx.layer_warnings("boundary", "parks"), *ctx.population_warnings]
    return ctx.value(
        SPEC,
        share(near, people),
        inputs=ctx.input_files("parks", "population", "boundary", "subunits"),
        details=details,
        zones=zones,
        warnings=warnings,
    )


SPEC = IndicatorSpec(
    number=13,
    method_id="localgbf.spatial.park_proximity",
    method_version="1.0",
    unit="percent",
    requires=("parks", "population"),
    compute=compute,
)
