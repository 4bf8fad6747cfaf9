"""Share of the city's area whose land-cover codes play given roles (indicators 1, 10, 11)."""

from __future__ import annotations

import numpy as np

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext, share


def role_share(
    ctx: SpatialContext,
    spec: IndicatorSpec,
    *,
    numerator_roles: tuple[str, ...],
    excluded_roles: tuple[str, ...] = (),
) -> IndicatorValue:
    """100 × area(codes with a numerator role) / area(cells with data, minus excluded roles).

    Areas are true areas of the cells whose centre lies in the city; nodata never counts.
    """
    areas = ctx.code_areas
    top = ctx.role_codes(*numerator_roles)
    out = ctx.role_codes(*excluded_roles) if excluded_roles else frozenset()

    def figures(row: np.ndarray) -> tuple[float, float, float]:
        total = float(row.sum())
        removed = areas.total(row, out) if out else 0.0
        part = areas.total(row, top - out)
        return part, total - removed, total

    part, base, total = figures(areas.city())
    zones = {}
    for index, name in enumerate(ctx.zone_names):
        z_part, z_base, _ = figures(areas.zone(index))
        zones[name] = share(z_part, z_base)
    details = {
        "numerator_area_ha": part,
        "denominator_area_ha": base,
        "city_area_with_data_ha": total,
        "numerator_roles": list(numerator_roles),
        "numerator_codes": sorted(top - out),
        "excluded_roles": list(excluded_roles),
        "area_method": ctx.grid.areas.method,
        "cell_rule": (
            "cells whose centre lies inside the boundary"
            if ctx.inputs.boundary is not None
            else "every cell of the land cover (no boundary given)"
        ),
    }
    warnings = [*ctx.grid.warnings, *ctx.class_map_warnings]
    if ctx.inputs.subunits is not None:
        warnings.extend(ctx.inputs.subunits.warnings)
    return ctx.value(
        spec,
        share(part, base),
        inputs=ctx.input_files("landcover", "class_map", "boundary", "subunits"),
        details=details,
        zones=zones,
        warnings=warnings,
    )
