"""Area and share of every land-cover class, for the city and for each zone."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from localgbf.frameworks.text import Text
from localgbf.provenance import InputFile
from localgbf.spatial.classmap import ClassMap
from localgbf.spatial.grid import CityGrid, densify_step, prepare_grid
from localgbf.spatial.histogram import CodeAreas, code_areas, label_grid
from localgbf.spatial.progress import Progress, report
from localgbf.spatial.raster import LandCover
from localgbf.spatial.resources import load_parameters
from localgbf.spatial.vectors import Boundary
from localgbf.spatial.zones import ZoneSet

METHOD_ID = "localgbf.spatial.shares"
METHOD_VERSION = "1.0"


class ClassShare(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: int
    label: Text | None = None
    area_ha: float
    share_pct: float


class ShareTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    area_ha: float
    classes: tuple[ClassShare, ...]


class SharesResult(BaseModel):
    """Class areas of the city (cells with data) and of each zone."""

    model_config = ConfigDict(frozen=True)

    total: ShareTable
    zones: dict[str, ShareTable] = Field(default_factory=dict)
    area_method: str
    method_id: str = METHOD_ID
    method_version: str = METHOD_VERSION
    warnings: tuple[str, ...] = ()
    inputs: tuple[InputFile, ...] = ()


def _table(codes: np.ndarray, row: np.ndarray, class_map: ClassMap | None) -> ShareTable:
    total = float(row.sum())
    classes = tuple(
        ClassShare(
            code=int(code),
            label=class_map.label(int(code)) if class_map is not None else None,
            area_ha=float(area),
            share_pct=100.0 * float(area) / total if total > 0 else 0.0,
        )
        for code, area in zip(codes, row, strict=True)
        if area > 0
    )
    return ShareTable(area_ha=total, classes=classes)


def zone_code_areas(grid: CityGrid, zones: ZoneSet | None) -> CodeAreas:
    """Code areas of the city and of each zone in one pass."""
    if zones is None:
        return code_areas(grid, grid.inside, 2)
    geometries = zones.in_crs(grid.crs, densify=densify_step(zones.layer.crs))
    return code_areas(grid, label_grid(grid, geometries), len(zones.names) + 2)


def class_shares(
    landcover: LandCover,
    *,
    boundary: Boundary | None = None,
    zones: ZoneSet | None = None,
    class_map: ClassMap | None = None,
    progress: Progress | None = None,
) -> SharesResult:
    """Area (ha, true area) and share of every class present, per zone when zones are given.

    Cells holding nodata (the raster's, or the class map's nodata codes) are left out.
    """
    params = load_parameters()
    report(progress, "reading the grid", 0.0)
    grid = prepare_grid(
        landcover,
        boundary,
        nodata_codes=class_map.nodata if class_map is not None else frozenset(),
        nodata_warning_share=params.nodata_warning_share,
    )
    report(progress, "measuring classes", 0.3)
    areas = zone_code_areas(grid, zones)
    report(progress, "measuring classes", 1.0)
    warnings = list(grid.warnings)
    inputs = [InputFile(role="landcover", name=landcover.name, sha256=landcover.sha256 or "")]
    if boundary is not None:
        inputs.append(InputFile(role="boundary", name=boundary.name, sha256=boundary.sha256 or ""))
    per_zone: dict[str, ShareTable] = {}
    if zones is not None:
        warnings.extend(zones.warnings)
        inputs.append(
            InputFile(role="zones", name=zones.layer.name, sha256=zones.layer.sha256 or "")
        )
        for index, name in enumerate(zones.names):
            per_zone[name] = _table(areas.codes, areas.zone(index), class_map)
    return SharesResult(
        total=_table(areas.codes, areas.city(), class_map),
        zones=per_zone,
        area_method=grid.areas.method,
        warnings=tuple(warnings),
        inputs=tuple(i for i in inputs if i.sha256),
    )
