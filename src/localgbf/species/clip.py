"""Which points fall inside a polygon, for millions of points at a time.

The polygon's bounding box is cut into a grid. Cells the outline may cross (every cell the
outline touches, widened by one cell so that rounding cannot hide a crossing) are "edge"
cells; any other cell lies wholly inside or wholly outside, which its centre decides. Points
in inside and outside cells are settled by a table lookup; only points in edge cells are
tested exactly, with shapely. Points on the outline count as inside.
"""

from __future__ import annotations

import numpy as np
import shapely
from affine import Affine
from rasterio.features import rasterize
from scipy.ndimage import binary_dilation
from shapely.geometry.base import BaseGeometry

OUTSIDE, EDGE, INSIDE = 0, 1, 2


def cell_status(geometry: BaseGeometry, cells: int) -> tuple[np.ndarray, tuple[float, ...]]:
    """Grid of OUTSIDE / EDGE / INSIDE over the geometry's bounds, and those bounds."""
    bounds = tuple(float(b) for b in geometry.bounds)
    minx, miny, maxx, maxy = bounds
    transform = Affine((maxx - minx) / cells, 0, minx, 0, -(maxy - miny) / cells, maxy)
    inside = rasterize([(geometry, 1)], out_shape=(cells, cells), transform=transform,
                       all_touched=False, fill=0, dtype="uint8")  # fmt: skip
    outline = rasterize([(geometry.boundary, 1)], out_shape=(cells, cells), transform=transform,
                        all_touched=True, fill=0, dtype="uint8")  # fmt: skip
    edge = binary_dilation(outline.astype(bool), structure=np.ones((3, 3), dtype=bool))
    status = np.where(edge, EDGE, np.where(inside == 1, INSIDE, OUTSIDE)).astype(np.uint8)
    return status, bounds


def points_in_polygon(
    geometry: BaseGeometry, x: np.ndarray, y: np.ndarray, *, cells: int = 1024
) -> np.ndarray:
    """Boolean array: True where (x[i], y[i]) lies in or on `geometry` (same CRS)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    result = np.zeros(x.shape, dtype=bool)
    if x.size == 0 or geometry.is_empty:
        return result
    status, (minx, miny, maxx, maxy) = cell_status(geometry, cells)
    in_box = (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
    index = np.flatnonzero(in_box)
    if index.size == 0:
        return result
    width = (maxx - minx) / cells or 1.0
    height = (maxy - miny) / cells or 1.0
    col = np.minimum(((x[index] - minx) / width).astype(np.int64), cells - 1)
    row = np.minimum(((maxy - y[index]) / height).astype(np.int64), cells - 1)
    found = status[row, col]
    result[index[found == INSIDE]] = True
    edge = index[found == EDGE]
    if edge.size:
        result[edge] = shapely.intersects_xy(geometry, x[edge], y[edge])
    return result
