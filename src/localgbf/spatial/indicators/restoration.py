"""Indicator 7: habitat restoration, the restored share of degraded habitat.

    value = 100 × area(restored) / area(restored ∪ degraded)

both within the city, measured in a local equal-area CRS. Taking the union as the
denominator means the result is the same whether the degraded layer still includes the
parts since restored (the Handbook's "original habitat that is degraded") or only what is
still degraded.
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators.context import M2_PER_HA, IndicatorSpec, SpatialContext, share


def compute(ctx: SpatialContext) -> IndicatorValue:
    restored = ctx.layer_local("restored")
    degraded = ctx.layer_local("degraded")
    base = restored.union(degraded)
    outside = restored.difference(degraded).area
    warnings = ctx.layer_warnings("boundary", "restored", "degraded")
    if restored.area > 0 and outside / restored.area > 0.01:
        warnings.append(
            f"{outside / restored.area:.0%} of the restored area lies outside the degraded "
            "layer; it is counted as formerly degraded habitat"
        )
    zones = {
        name: share(restored.intersection(zone).area, base.intersection(zone).area)
        for name, zone in zip(ctx.zone_names, ctx.zones_local, strict=True)
    }
    details = {
        "restored_area_ha": restored.area / M2_PER_HA,
        "degraded_area_ha": degraded.area / M2_PER_HA,
        "formerly_degraded_area_ha": base.area / M2_PER_HA,
        "area_method": "vector areas in a Lambert azimuthal equal-area CRS centred on the city",
    }
    if base.area == 0:
        warnings.append("no degraded habitat lies inside the city, so the share is undefined")
    return ctx.value(
        SPEC,
        share(restored.area, base.area),
        inputs=ctx.input_files("restored", "degraded", "boundary", "subunits"),
        details=details,
        zones=zones,
        warnings=warnings,
    )


SPEC = IndicatorSpec(
    number=7,
    method_id="localgbf.spatial.habitat_restoration",
    method_version="1.0",
    unit="percent",
    requires=("restored", "degraded"),
    compute=compute,
)
