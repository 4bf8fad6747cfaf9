"""Indicator 8: proportion of protected natural areas.

    value = 100 × area(natural cells inside protected or secured areas) / area(city)

A cell is inside a protected area when its centre is; natural means a natural, restored or
naturalised role in the class map. Built-up or farmed land inside a protected area does not
count.
"""

from __future__ import annotations

import numpy as np

from localgbf.provenance import IndicatorValue
from localgbf.spatial.histogram import code_areas
from localgbf.spatial.indicators.context import M2_PER_HA, IndicatorSpec, SpatialContext, share


def compute(ctx: SpatialContext) -> IndicatorValue:
    grid = ctx.grid
    layer = ctx.inputs.protected_areas
    assert layer is not None
    protected = grid.rasterize([g for g in grid.layer_geometries(layer)])
    labels = ctx.cell_labels
    base = labels if labels is not None else np.ones(grid.shape, dtype=np.uint8)
    inside_protected = np.where(protected == 1, base, 0).astype(base.dtype)
    del protected
    protected_areas = code_areas(grid, inside_protected, ctx.label_count)
    natural = ctx.natural_codes
    city = ctx.code_areas
    value = share(protected_areas.total(protected_areas.city(), natural), float(city.city().sum()))
    zones = {
        name: share(
            protected_areas.total(protected_areas.zone(i), natural), float(city.zone(i).sum())
        )
        for i, name in enumerate(ctx.zone_names)
    }
    details = {
        "protected_natural_area_ha": protected_areas.total(protected_areas.city(), natural),
        "protected_area_ha": float(protected_areas.city().sum()),
        "protected_area_vector_ha": ctx.layer_local("protected_areas").area / M2_PER_HA,
        "city_area_with_data_ha": float(city.city().sum()),
        "natural_codes": sorted(natural),
        "cell_rule": "cells whose centre lies inside both the boundary and a protected area",
    }
    warnings = [
        *grid.warnings,
        *ctx.class_map_warnings,
        *ctx.layer_warnings("protected_areas"),
    ]
    return ctx.value(
        SPEC,
        value,
        inputs=ctx.input_files("landcover", "class_map", "protected_areas", "boundary", "subunits"),
        details=details,
        zones=zones,
        warnings=warnings,
    )


SPEC = IndicatorSpec(
    number=8,
    method_id="localgbf.spatial.protected_natural_area",
    method_version="1.0",
    unit="percent",
    requires=("landcover", "class_map", "protected_areas"),
    compute=compute,
)
