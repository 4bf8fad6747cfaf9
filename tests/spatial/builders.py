"""Small synthetic rasters and vector files for the spatial tests, written into tmp_path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import rasterio
import shapely
from affine import Affine
from rasterio.crs import CRS
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.raster import LandCover

# ETRS89 / LAEA Europe: an equal-area CRS in metres, so nominal cell areas are true areas and
# hand-worked figures hold exactly. (Near 50° N, 7° E.)
LAEA = "EPSG:3035"
ORIGIN = (4_100_000.0, 3_000_000.0)
# UTM zone 32N: conformal, its scale 0.9996 at the central meridian makes true areas 0.08 %
# larger than nominal ones; used where that matters.
UTM32 = "EPSG:32632"


def grid_transform(
    cell: float | tuple[float, float] = 10.0, origin: tuple[float, float] = ORIGIN
) -> Affine:
    width, height = (cell, cell) if isinstance(cell, int | float) else cell
    return Affine(width, 0.0, origin[0], 0.0, -height, origin[1])


def landcover(
    array: np.ndarray,
    cell: float | tuple[float, float] = 10.0,
    crs: str = LAEA,
    nodata: int | None = None,
    origin: tuple[float, float] = ORIGIN,
) -> LandCover:
    """An in-memory land cover (no file, so no checksum)."""
    return LandCover(
        array=np.ascontiguousarray(array),
        transform=grid_transform(cell, origin),
        crs=CRS.from_user_input(crs),
        nodata=nodata,
    )


def write_raster(
    path: Path,
    array: np.ndarray,
    *,
    transform: Affine | None = None,
    crs: str | None = LAEA,
    nodata: float | None = None,
    count: int = 1,
) -> Path:
    profile: dict[str, Any] = {
        "driver": "GTiff",
        "height": array.shape[0],
        "width": array.shape[1],
        "count": count,
        "dtype": array.dtype.name,
        "transform": transform or grid_transform(),
    }
    if crs is not None:
        profile["crs"] = CRS.from_user_input(crs)
    if nodata is not None:
        profile["nodata"] = nodata
    with rasterio.open(path, "w", **profile) as dst:
        for band in range(1, count + 1):
            dst.write(array, band)
    return path


def write_vector(
    path: Path,
    geometries: Sequence[BaseGeometry],
    *,
    crs: str | None = LAEA,
    fields: dict[str, Sequence[Any]] | None = None,
    layer: str | None = None,
) -> Path:
    """Write geometries (and optional attribute columns) to GeoJSON/GPKG/Shapefile by suffix."""
    fields = fields or {"id": list(range(1, len(geometries) + 1))}
    names = list(fields)
    data = [
        np.asarray(list(fields[n]), dtype=object if isinstance(fields[n][0], str) else None)
        for n in names
    ]
    kinds = {g.geom_type for g in geometries}
    geometry_type = "Unknown" if len(kinds) > 1 else next(iter(kinds))
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(g) for g in geometries], dtype=object),
        data,
        names,
        crs=crs,
        geometry_type=geometry_type,
        layer=layer,
    )
    return path


def cell_box(
    row: int,
    col: int,
    cell: float = 10.0,
    origin: tuple[float, float] = ORIGIN,
    rows: int = 1,
    cols: int = 1,
) -> BaseGeometry:
    """The square(s) of cells [row, row+rows) × [col, col+cols) in map coordinates."""
    x0 = origin[0] + col * cell
    y1 = origin[1] - row * cell
    return shapely.box(x0, y1 - rows * cell, x0 + cols * cell, y1)


def to_wgs84(geometry: BaseGeometry, crs: str = LAEA) -> BaseGeometry:
    from localgbf.spatial.crs import transform_geometry

    return transform_geometry(geometry, crs, "EPSG:4326", densify=1.0)
