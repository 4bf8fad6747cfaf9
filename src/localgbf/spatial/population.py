"""People inside areas, from a population raster, by areal weighting.

A cell's people are assumed spread evenly over the cell: an area covering a fraction f of a
cell holds f times its people. Cells wholly inside count fully; cells the area's outline
crosses get their exact covered fraction (shapely intersection). With 1 km cells and a city of
a few km², counting cells by their centre would miss or double whole cells; areal weighting
does not. (On the WorldPop Burundi raster this gives 6,527,748 people in the country outline,
against 6,527,014 by cell centre.)
"""

from __future__ import annotations

import numpy as np
import rasterio.features
import rasterio.windows
import shapely
from affine import Affine
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.raster import Raster


def coverage(
    geometry: BaseGeometry, transform: Affine, shape: tuple[int, int]
) -> tuple[np.ndarray, tuple[slice, slice]]:
    """Fraction (0-1) of each cell covered by `geometry`, over the window it touches.

    Returns the fractions and the (rows, cols) slices of the window in the full grid.
    """
    empty = np.zeros((0, 0)), (slice(0, 0), slice(0, 0))
    if geometry.is_empty:
        return empty
    rows, cols = shape
    minx, miny, maxx, maxy = geometry.bounds
    window = rasterio.windows.from_bounds(minx, miny, maxx, maxy, transform)
    row0 = max(0, int(np.floor(window.row_off)) - 1)
    col0 = max(0, int(np.floor(window.col_off)) - 1)
    row1 = min(rows, int(np.ceil(window.row_off + window.height)) + 1)
    col1 = min(cols, int(np.ceil(window.col_off + window.width)) + 1)
    if row1 <= row0 or col1 <= col0:
        return empty
    win_shape = (row1 - row0, col1 - col0)
    win_transform = transform @ Affine.translation(col0, row0)
    touched = rasterio.features.rasterize(
        [(geometry, 1)],
        out_shape=win_shape,
        transform=win_transform,
        all_touched=True,
        dtype="uint8",
    ).astype(bool)
    edge = rasterio.features.rasterize(
        [(geometry.boundary, 1)],
        out_shape=win_shape,
        transform=win_transform,
        all_touched=True,
        dtype="uint8",
    ).astype(bool)
    fraction = (touched & ~edge).astype(np.float64)
    r, c = np.nonzero(edge)
    if r.size:
        x0 = win_transform.c + c * win_transform.a
        x1 = x0 + win_transform.a
        y0 = win_transform.f + r * win_transform.e
        y1 = y0 + win_transform.e
        boxes = shapely.box(
            np.minimum(x0, x1), np.minimum(y0, y1), np.maximum(x0, x1), np.maximum(y0, y1)
        )
        shapely.prepare(geometry)
        covered = shapely.area(shapely.intersection(boxes, geometry)) / shapely.area(boxes)
        fraction[r, c] = np.clip(covered, 0.0, 1.0)
    return fraction, (slice(row0, row1), slice(col0, col1))


def people_in(population: Raster, geometry: BaseGeometry) -> tuple[float, float]:
    """(people, share of the covered cells' area that has no population data) inside
    `geometry`, given in the population raster's CRS."""
    fraction, (rows, cols) = coverage(geometry, population.transform, population.shape)
    if fraction.size == 0:
        return 0.0, 0.0
    values = population.array[rows, cols]
    missing = ~np.isfinite(values)
    weight = float(fraction.sum())
    missing_share = float(fraction[missing].sum()) / weight if weight > 0 else 0.0
    people = float(np.sum(np.where(missing, 0.0, values) * fraction))
    return people, missing_share
