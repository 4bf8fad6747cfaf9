"""Indicator 2: connectivity of natural areas, scored as coherence (%).

    coherence = 100 × Σ A_g² / A_natural²,  effective mesh size = Σ A_g² / A_natural (ha)

with groups g of natural patches joined by the gap rule (edge-to-edge distance < 100 m,
barriers cutting links); see `localgbf.spatial.connectivity`.
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.connectivity import METHOD_ID, METHOD_VERSION, mesh_on_grid, rule_text
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext


def compute(ctx: SpatialContext) -> IndicatorValue:
    grid = ctx.metric_grid
    gap = ctx.params.connectivity_gap_m if ctx.inputs.gap_m is None else ctx.inputs.gap_m
    measured = mesh_on_grid(
        grid,
        ctx.natural_codes,
        gap_m=gap,
        barriers=ctx.inputs.barriers,
        zones=ctx.inputs.subunits,
        progress=None,
    )
    city, zones, cell = measured.city, measured.zones, measured.cell_size_m
    details = {
        "effective_mesh_size_ha": city.effective_mesh_size_ha,
        "natural_area_ha": city.natural_area_ha,
        "patches": city.patches,
        "groups": city.groups,
        "gap_m": gap,
        "cell_size_m": list(cell),
        "rule": rule_text(gap),
        "natural_codes": sorted(ctx.natural_codes),
        "zones": {
            name: {
                "effective_mesh_size_ha": z.effective_mesh_size_ha,
                "natural_area_ha": z.natural_area_ha,
                "patches": z.patches,
                "groups": z.groups,
            }
            for name, z in zones.items()
        },
    }
    all_warnings = [*grid.warnings, *ctx.class_map_warnings, *measured.warnings]
    if city.natural_area_ha == 0:
        all_warnings.append("the city has no natural area, so its coherence is undefined")
    if ctx.inputs.subunits is not None:
        all_warnings.extend(ctx.inputs.subunits.warnings)
    all_warnings.extend(ctx.layer_warnings("barriers"))
    return ctx.value(
        SPEC,
        city.coherence_pct,
        inputs=ctx.input_files("landcover", "class_map", "boundary", "subunits", "barriers"),
        details=details,
        zones={name: z.coherence_pct for name, z in zones.items()},
        warnings=all_warnings,
    )


SPEC = IndicatorSpec(
    number=2,
    method_id=METHOD_ID,
    method_version=METHOD_VERSION,
    unit="percent",
    requires=("landcover", "class_map"),
    compute=compute,
)
