"""Indicator 1: proportion of natural, restored and naturalised areas in the city.

    value = 100 × area(codes with a natural, restored or naturalised role) / area(city)

where the city's area is that of its cells with data.
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext
from localgbf.spatial.indicators.role_share import role_share


def compute(ctx: SpatialContext) -> IndicatorValue:
    return role_share(ctx, SPEC, numerator_roles=ctx.params.natural_roles)


SPEC = IndicatorSpec(
    number=1,
    method_id="localgbf.spatial.natural_area",
    method_version="1.0",
    unit="percent",
    requires=("landcover", "class_map"),
    compute=compute,
)
