"""The true (ellipsoidal) area of raster cells, in hectares.

A cell's nominal area (|a·e| in map units) is its true area only in an equal-area projection.
In a geographic CRS the area of a cell shrinks with latitude; in other projections it is the
nominal area divided by the projection's areal scale. Areas are stored per block of cells:
per row for a geographic grid (exact: the area of a latitude band between two meridians on the
ellipsoid, through the authalic latitude), per block of about 1/256 of the grid for other
projections (the areal scale varies by far less than 10^-4 across such a block at city scale),
and as one number for an equal-area projection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyproj
from affine import Affine

from localgbf.spatial.crs import CrsLike, metres_per_unit, to_pyproj, transformer
from localgbf.spatial.errors import SpatialInputError

M2_PER_HA = 10_000.0
BLOCKS_PER_AXIS = 256
EQUAL_AREA_TOLERANCE = 1e-7


@dataclass(frozen=True)
class CellAreas:
    """Hectares per cell, held per block of `block_rows` × `block_cols` cells."""

    blocks: np.ndarray
    block_rows: int
    block_cols: int
    method: str

    @property
    def constant(self) -> float | None:
        return float(self.blocks[0, 0]) if self.blocks.size == 1 else None

    def full(self, shape: tuple[int, int]) -> np.ndarray:
        """Every cell's area (for small grids and tests)."""
        rows = np.arange(shape[0]) // self.block_rows
        cols = np.arange(shape[1]) // self.block_cols
        return self.blocks[np.ix_(rows, cols)]


def _authalic_band(lat_deg: np.ndarray, a: float, e2: float) -> np.ndarray:
    """Area (m²) per radian of longitude between the equator and each latitude."""
    s = np.sin(np.radians(lat_deg))
    if e2 == 0:
        return a * a * s
    e = math.sqrt(e2)
    return (a * a * (1 - e2) / 2) * (
        s / (1 - e2 * s * s) + np.log((1 + e * s) / (1 - e * s)) / (2 * e)
    )


def _is_equal_area(crs: pyproj.CRS) -> bool:
    """Whether the projection is equal-area by its method (Albers, Lambert azimuthal, ...)."""
    operation = crs.coordinate_operation
    method = (operation.method_name if operation is not None else "") or ""
    return "equal area" in method.lower()


def cell_areas(
    transform: Affine, crs: CrsLike, shape: tuple[int, int], source: str = "raster"
) -> CellAreas:
    """True area (ha) of every cell of a north-up grid in `crs`."""
    c = to_pyproj(crs)
    rows, cols = shape
    if c.is_geographic:
        ellipsoid = c.ellipsoid
        if ellipsoid is None:
            raise SpatialInputError(source, "has a geographic CRS without an ellipsoid")
        a = float(ellipsoid.semi_major_metre)
        inv_f = float(ellipsoid.inverse_flattening or 0.0)
        f = 1.0 / inv_f if inv_f else 0.0
        e2 = f * (2 - f)
        edges = transform.f + transform.e * np.arange(rows + 1)
        if np.nanmax(np.abs(edges)) > 90.0 + 1e-9:
            raise SpatialInputError(source, "has rows beyond ±90° latitude")
        edges = np.clip(edges, -90.0, 90.0)
        band = _authalic_band(edges, a, e2)
        width = math.radians(abs(transform.a))
        per_row = np.abs(np.diff(band)) * width / M2_PER_HA
        return CellAreas(per_row.reshape(rows, 1), 1, max(cols, 1), "geographic grid: per row")
    unit = metres_per_unit(c) or 1.0
    nominal = abs(transform.a * transform.e) * unit * unit / M2_PER_HA
    if _is_equal_area(c):
        return CellAreas(np.array([[nominal]]), rows or 1, cols or 1, "equal-area projection")
    block_rows = max(1, math.ceil(rows / BLOCKS_PER_AXIS))
    block_cols = max(1, math.ceil(cols / BLOCKS_PER_AXIS))
    centre_rows = np.minimum(np.arange(0, rows, block_rows) + block_rows / 2, rows)
    centre_cols = np.minimum(np.arange(0, cols, block_cols) + block_cols / 2, cols)
    cc, rr = np.meshgrid(centre_cols, centre_rows)
    x, y = transform @ (cc, rr)
    lon, lat = transformer(c, c.geodetic_crs).transform(x, y)
    areal = np.asarray(pyproj.Proj(c).get_factors(lon, lat).areal_scale, dtype=np.float64)
    if not np.all(np.isfinite(areal)) or np.any(areal <= 0):
        raise SpatialInputError(
            source,
            "lies (partly) outside the valid area of its projection; cell areas are undefined",
        )
    if np.max(np.abs(areal - 1.0)) < EQUAL_AREA_TOLERANCE:
        return CellAreas(np.array([[nominal]]), rows or 1, cols or 1, "equal-area projection")
    return CellAreas(
        nominal / areal.reshape(rr.shape), block_rows, block_cols, "projected grid: per block"
    )
