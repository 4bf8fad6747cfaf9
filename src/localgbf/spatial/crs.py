"""Coordinate reference systems: conversions, local metric grids and map-scale checks.

Areas are measured in an equal-area sense and distances in metres on the ground. Vector work
(areas of parks, 400 m buffers) happens in a Lambert azimuthal equal-area CRS centred on the
city, where both areas and, over a city's extent, distances are true to well under 0.01 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

CrsLike = Any  # pyproj.CRS, rasterio.crs.CRS, or anything pyproj.CRS.from_user_input takes


def to_pyproj(crs: CrsLike) -> pyproj.CRS:
    if isinstance(crs, pyproj.CRS):
        return crs
    to_wkt = getattr(crs, "to_wkt", None)
    if callable(to_wkt):
        return pyproj.CRS.from_wkt(to_wkt())
    return pyproj.CRS.from_user_input(crs)


WGS84 = pyproj.CRS.from_epsg(4326)


def local_equal_area_crs(lon: float, lat: float) -> pyproj.CRS:
    """A Lambert azimuthal equal-area CRS in metres centred on (lon, lat)."""
    return pyproj.CRS.from_proj4(
        f"+proj=laea +lat_0={lat:.8f} +lon_0={lon:.8f} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    )


def same_crs(a: CrsLike, b: CrsLike) -> bool:
    return bool(to_pyproj(a) == to_pyproj(b))


def transformer(src: CrsLike, dst: CrsLike) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(to_pyproj(src), to_pyproj(dst), always_xy=True)


def transform_geometry(
    geometry: BaseGeometry, src: CrsLike, dst: CrsLike, *, densify: float | None = None
) -> BaseGeometry:
    """`geometry` from `src` to `dst`; with `densify`, edges are first split to that length
    (in source units) so that straight edges stay faithful after a curved transformation."""
    if same_crs(src, dst):
        return geometry
    if densify is not None and densify > 0:
        geometry = shapely.segmentize(geometry, densify)
    tr = transformer(src, dst)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, move)


def transform_geometries(
    geometries: list[BaseGeometry] | tuple[BaseGeometry, ...],
    src: CrsLike,
    dst: CrsLike,
    *,
    densify: float | None = None,
) -> list[BaseGeometry]:
    """`transform_geometry` for many geometries, comparing the CRSs once."""
    if same_crs(src, dst):
        return list(geometries)
    tr = transformer(src, dst)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    out = []
    for geometry in geometries:
        if densify is not None and densify > 0:
            geometry = shapely.segmentize(geometry, densify)
        out.append(shapely.transform(geometry, move))
    return out


def metres_per_unit(crs: CrsLike) -> float | None:
    """Metres per map unit of a projected CRS; None for a geographic CRS."""
    c = to_pyproj(crs)
    if c.is_geographic:
        return None
    axis = c.axis_info[0] if c.axis_info else None
    factor = getattr(axis, "unit_conversion_factor", None)
    return float(factor) if factor else 1.0


@dataclass(frozen=True)
class MapScale:
    """Scale factors of a projection at a point (1 = true to the ground)."""

    meridional: float
    parallel: float
    areal: float

    def worst_linear_error(self) -> float:
        return max(abs(self.meridional - 1.0), abs(self.parallel - 1.0))


def map_scale(crs: CrsLike, x: float, y: float) -> MapScale:
    """Scale factors at map point (x, y) of a projected CRS, for distances in metres."""
    c = to_pyproj(crs)
    lon, lat = transformer(c, c.geodetic_crs).transform(x, y)
    factors = pyproj.Proj(c).get_factors(lon, lat)
    return MapScale(
        meridional=float(factors.meridional_scale),
        parallel=float(factors.parallel_scale),
        areal=float(factors.areal_scale),
    )
