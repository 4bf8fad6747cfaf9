"""Cutting one government's window out of a large (national) raster, never reading it whole.

A national land cover at 10 m is tens of gigabytes; a batch worker assessing one city needs
only the cells around that city. `window_around` finds them from the raster's header and the
city's outline; `extract_window` copies them, strip by strip, into a GeoTIFF of their own with
the same codes, nodata value and CRS, so that the assessment reads a small file.

The window is the outline's bounding box in the raster's CRS (the outline densified exactly as
`grid.prepare_grid` densifies it), widened by `WINDOW_MARGIN` cells. `prepare_grid` crops a
land cover to that same box widened by at most two cells, so an assessment of the window finds
exactly the cells it would find in the whole raster.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rasterio
import rasterio.windows
from affine import Affine
from rasterio.errors import RasterioError
from rasterio.windows import Window
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.crs import CrsLike, transform_geometry
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.grid import densify_step

WINDOW_MARGIN = 3
STRIP_ROWS = 1024
BLOCK = 256


@dataclass(frozen=True)
class RasterWindow:
    """Where a window lies in its source raster, and its own georeferencing."""

    row_off: int
    col_off: int
    height: int
    width: int
    transform: Affine

    @property
    def cells(self) -> int:
        return self.height * self.width

    def as_window(self) -> Window:
        return Window(self.col_off, self.row_off, self.width, self.height)


def window_around(
    transform: Affine,
    shape: tuple[int, int],
    raster_crs: CrsLike,
    geometry: BaseGeometry,
    geometry_crs: CrsLike,
    *,
    margin: int = WINDOW_MARGIN,
) -> RasterWindow | None:
    """The cells of a (rows, cols) grid around `geometry`, or None when it misses the grid."""
    moved = transform_geometry(
        geometry, geometry_crs, raster_crs, densify=densify_step(geometry_crs)
    )
    if moved.is_empty:
        return None
    minx, miny, maxx, maxy = moved.bounds
    found = rasterio.windows.from_bounds(minx, miny, maxx, maxy, transform)
    rows, cols = shape
    row0 = max(0, math.floor(found.row_off) - margin)
    col0 = max(0, math.floor(found.col_off) - margin)
    row1 = min(rows, math.ceil(found.row_off + found.height) + margin)
    col1 = min(cols, math.ceil(found.col_off + found.width) + margin)
    if row1 <= row0 or col1 <= col0:
        return None
    return RasterWindow(
        row_off=row0,
        col_off=col0,
        height=row1 - row0,
        width=col1 - col0,
        transform=transform @ Affine.translation(col0, row0),
    )


def _profile(source: Any, window: RasterWindow) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "driver": "GTiff",
        "height": window.height,
        "width": window.width,
        "count": 1,
        "dtype": source.dtypes[0],
        "crs": source.crs,
        "transform": window.transform,
        "compress": "deflate",
        "BIGTIFF": "IF_SAFER",
    }
    if source.nodata is not None:
        profile["nodata"] = source.nodata
    if window.height >= BLOCK and window.width >= BLOCK:
        profile.update(tiled=True, blockxsize=BLOCK, blockysize=BLOCK)
    return profile


def extract_window(
    source: str | Path,
    out: str | Path,
    geometry: BaseGeometry,
    geometry_crs: CrsLike,
    *,
    label: str | None = None,
    margin: int = WINDOW_MARGIN,
) -> RasterWindow:
    """Copy the cells of `source` around `geometry` into the GeoTIFF `out`.

    Reads at most `STRIP_ROWS` rows of the window at a time. `label` names the geometry in
    errors (for example "feature 12 (code CNKMG) of cities.gpkg"). Raises SpatialInputError
    when `source` is not a one-band north-up raster with a CRS, or the geometry misses it.
    """
    src_path = Path(source)
    what = label or "the geometry"
    try:
        with rasterio.open(src_path) as ds:
            if ds.count != 1:
                raise SpatialInputError(str(src_path), f"has {ds.count} bands; expected one")
            if ds.crs is None:
                raise SpatialInputError(
                    str(src_path), "has no coordinate reference system (CRS); assign one first"
                )
            if ds.transform.b != 0 or ds.transform.d != 0:
                raise SpatialInputError(
                    str(src_path), "is rotated or sheared; warp it to a north-up grid first"
                )
            window = window_around(
                ds.transform, (ds.height, ds.width), ds.crs, geometry, geometry_crs, margin=margin
            )
            if window is None:
                raise SpatialInputError(
                    str(src_path), f"does not cover {what} (no cell lies within its bounds)"
                )
            target = Path(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            with rasterio.open(target, "w", **_profile(ds, window)) as dst:
                for start in range(0, window.height, STRIP_ROWS):
                    rows = min(STRIP_ROWS, window.height - start)
                    strip = ds.read(
                        1,
                        window=Window(window.col_off, window.row_off + start, window.width, rows),
                    )
                    dst.write(strip, 1, window=Window(0, start, window.width, rows))
            return window
    except SpatialInputError:
        raise
    except RasterioError as exc:
        raise SpatialInputError(
            str(src_path), f"cannot be read as a raster (truncated or not a GeoTIFF?): {exc}"
        ) from exc
