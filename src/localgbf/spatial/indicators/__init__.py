"""The spatial indicators of the Singapore Index, registered by number.

Each module holds one indicator: its documented formula, its `SPEC` (method id and version,
unit, the inputs it needs) and its `compute(ctx)`. `compute_indicators` runs every indicator
the inputs allow, sharing intermediate results through one `SpatialContext`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from localgbf.provenance import IndicatorValue
from localgbf.spatial.indicators import (
    connectivity,
    natural_area,
    park_proximity,
    permeability,
    protected_areas,
    recreation,
    restoration,
    tree_canopy,
)
from localgbf.spatial.indicators.context import IndicatorSpec, SpatialContext, SpatialInputs
from localgbf.spatial.progress import Progress, report

REGISTRY: dict[int, IndicatorSpec] = {
    module.SPEC.number: module.SPEC
    for module in (
        natural_area,
        connectivity,
        restoration,
        protected_areas,
        permeability,
        tree_canopy,
        recreation,
        park_proximity,
    )
}

__all__ = ["REGISTRY", "SpatialIndicators", "SpatialInputs", "compute_indicators"]


class SpatialIndicators(BaseModel):
    """The indicators computed, and why the others were not."""

    model_config = ConfigDict(frozen=True)

    values: tuple[IndicatorValue, ...]
    skipped: dict[int, str] = Field(default_factory=dict)


def compute_indicators(
    inputs: SpatialInputs,
    *,
    numbers: list[int] | None = None,
    progress: Progress | None = None,
) -> SpatialIndicators:
    """Every registered indicator (or those in `numbers`) whose inputs are present."""
    wanted = sorted(REGISTRY) if numbers is None else sorted(numbers)
    ctx = SpatialContext(inputs)
    values: list[IndicatorValue] = []
    skipped: dict[int, str] = {}
    runnable = []
    for number in wanted:
        spec = REGISTRY.get(number)
        if spec is None:
            skipped[number] = "not a spatial indicator"
            continue
        missing = spec.missing(inputs)
        if missing:
            skipped[number] = "needs " + ", ".join(missing)
            continue
        runnable.append(spec)
    for position, spec in enumerate(runnable):
        report(progress, f"indicator {spec.number}", position / max(len(runnable), 1))
        values.append(spec.compute(ctx))
    report(progress, "spatial indicators", 1.0)
    return SpatialIndicators(values=tuple(values), skipped=skipped)
