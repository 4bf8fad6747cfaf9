"""Indicator 11: climate regulation, the tree-canopy share of terrestrial land.

value = 100 × area(canopy codes, water excluded) / (area(city) - area(water codes))
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext
from localgbf.spatial.indicators.role_share import role_share


def compute(ctx: SpatialContext) -> IndicatorValue:
    return role_share(ctx, SPEC, numerator_roles=("canopy",), excluded_roles=("water",))


SPEC = IndicatorSpec(
    number=11,
    method_id="localgbf.spatial.tree_canopy",
    method_version="1.0",
    unit="percent",
    requires=("landcover", "class_map"),
    compute=compute,
)
