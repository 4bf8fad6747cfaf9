"""Which land-cover role a point falls in (used by the species indicators, e.g. birds seen
in built-up areas for indicator 3)."""

from __future__ import annotations

import numpy as np

from localgbf.spatial.classmap import ClassMap, code_lookup
from localgbf.spatial.crs import WGS84, transformer
from localgbf.spatial.raster import LandCover


def codes_at(
    landcover: LandCover, lon: np.ndarray, lat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(codes, found): the code under each WGS84 point, and whether the point fell on a data
    cell of the raster."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    x, y = transformer(WGS84, landcover.crs).transform(lon, lat)
    col_f, row_f = ~landcover.transform @ (np.asarray(x), np.asarray(y))
    finite = np.isfinite(col_f) & np.isfinite(row_f)
    rows, cols = landcover.shape
    row = np.floor(np.where(finite, row_f, -1)).astype(np.int64)
    col = np.floor(np.where(finite, col_f, -1)).astype(np.int64)
    found = finite & (row >= 0) & (row < rows) & (col >= 0) & (col < cols)
    codes = np.zeros(lon.shape, dtype=np.int64)
    codes[found] = landcover.array[row[found], col[found]]
    if landcover.nodata is not None:
        found &= codes != landcover.nodata
    return codes, found


def points_in_role(
    landcover: LandCover, class_map: ClassMap, role: str, lon: np.ndarray, lat: np.ndarray
) -> np.ndarray:
    """True for each WGS84 point (lon, lat) lying on a cell whose code plays `role`;
    False outside the raster or on nodata."""
    table = code_lookup(
        class_map.codes_with_role(role), int(np.iinfo(landcover.array.dtype).max) + 1
    )
    codes, found = codes_at(landcover, lon, lat)
    return found & table[np.where(found, codes, 0)]
