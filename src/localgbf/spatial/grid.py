"""The city's land-cover grid: cropped to the boundary, masked, with true cell areas.

Every raster indicator starts from a `CityGrid`. A cell belongs to the city when its centre
lies inside the boundary (the rule GDAL's rasterisation uses by default); cells holding the
raster's nodata value, or a code the class map declares as nodata, never count anywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import rasterio.features
import rasterio.transform
import rasterio.warp
import rasterio.windows
import shapely
from affine import Affine
from rasterio.crs import CRS
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.areas import CellAreas, cell_areas
from localgbf.spatial.crs import (
    local_equal_area_crs,
    map_scale,
    metres_per_unit,
    to_pyproj,
    transform_geometries,
    transformer,
)
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.raster import LandCover, Raster
from localgbf.spatial.vectors import Boundary, VectorLayer


@dataclass(frozen=True, eq=False)
class CityGrid:
    """Land cover restricted to the city, ready for measuring.

    `inside` is 1 for cells of the city that hold data and 0 elsewhere (outside the boundary
    or nodata); None means every cell counts. `boundary` is the city outline in the grid's CRS
    (None: the whole raster).
    """

    landcover: LandCover
    inside: np.ndarray | None
    areas: CellAreas
    boundary: BaseGeometry | None
    source: LandCover
    warnings: tuple[str, ...] = field(default=())
    warped: bool = False

    @property
    def transform(self) -> Affine:
        return self.landcover.transform

    @property
    def crs(self) -> CRS:
        return self.landcover.crs

    @property
    def shape(self) -> tuple[int, int]:
        return self.landcover.shape

    def cell_size_m(self) -> tuple[float, float]:
        """Cell width and height in metres of map units (nominal, for a projected grid)."""
        unit = metres_per_unit(self.crs)
        if unit is None:
            raise SpatialInputError(self.source.source, "has no metric cell size (geographic CRS)")
        return abs(self.transform.a) * unit, abs(self.transform.e) * unit

    def rasterize(self, geometries: list[BaseGeometry], *, all_touched: bool = False) -> np.ndarray:
        """1 where a cell belongs to any of `geometries` (given in the grid's CRS)."""
        shapes = [(g, 1) for g in geometries if not g.is_empty]
        if not shapes:
            return np.zeros(self.shape, dtype=np.uint8)
        return rasterio.features.rasterize(
            shapes,
            out_shape=self.shape,
            transform=self.transform,
            fill=0,
            dtype="uint8",
            all_touched=all_touched,
        )

    def layer_geometries(self, layer: VectorLayer) -> list[BaseGeometry]:
        """A layer's geometries in the grid's CRS."""
        return transform_geometries(
            layer.geometries, layer.crs, self.crs, densify=densify_step(layer.crs)
        )


def densify_step(crs: object) -> float:
    """Edge length (in the source CRS's units) below which straight edges stay straight
    enough after reprojection: about 10 m."""
    return 1e-4 if to_pyproj(crs).is_geographic else 10.0


def _extent(transform: Affine, shape: tuple[int, int]) -> BaseGeometry:
    rows, cols = shape
    x0, y0 = transform @ (0, 0)
    x1, y1 = transform @ (cols, rows)
    return shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _crop(landcover: LandCover, geometry: BaseGeometry) -> LandCover:
    rows, cols = landcover.shape
    minx, miny, maxx, maxy = geometry.bounds
    window = rasterio.windows.from_bounds(minx, miny, maxx, maxy, landcover.transform)
    window = window.round_offsets(op="floor").round_lengths(op="ceil")
    row0 = max(0, int(window.row_off) - 1)
    col0 = max(0, int(window.col_off) - 1)
    row1 = min(rows, int(window.row_off + window.height) + 2)
    col1 = min(cols, int(window.col_off + window.width) + 2)
    transform = landcover.transform @ Affine.translation(col0, row0)
    return replace(landcover, array=landcover.array[row0:row1, col0:col1], transform=transform)


def _nodata_codes(landcover: LandCover, extra: frozenset[int]) -> frozenset[int]:
    codes = set(extra)
    if landcover.nodata is not None:
        codes.add(int(landcover.nodata))
    return frozenset(codes)


def needs_metric_warp(landcover: Raster, tolerance: float) -> bool:
    """True when map units are not ground metres within `tolerance` at the raster's centre."""
    crs = to_pyproj(landcover.crs)
    if crs.is_geographic:
        return True
    rows, cols = landcover.shape
    x, y = landcover.transform @ (cols / 2, rows / 2)
    return map_scale(crs, x, y).worst_linear_error() > tolerance


def warp_to_local_metric(landcover: LandCover) -> LandCover:
    """Nearest-neighbour warp to a Lambert azimuthal equal-area grid centred on the raster,
    with square cells of the same true area as the source's mean cell."""
    rows, cols = landcover.shape
    src_crs = to_pyproj(landcover.crs)
    x, y = landcover.transform @ (cols / 2, rows / 2)
    lon, lat = transformer(src_crs, src_crs.geodetic_crs).transform(x, y)
    target = local_equal_area_crs(lon, lat)
    areas = cell_areas(landcover.transform, src_crs, landcover.shape, landcover.source)
    size = math.sqrt(float(areas.blocks.mean()) * 10_000.0)
    # The target grid covers the source extent, traced along its edges (rasterio's own
    # calculate_default_transform would do the same, through a deprecated affine operator).
    edge = np.linspace(0.0, 1.0, 65)
    cols_f = np.concatenate([edge * cols, np.full(65, cols), edge * cols, np.zeros(65)])
    rows_f = np.concatenate([np.zeros(65), edge * rows, np.full(65, rows), edge * rows])
    t = landcover.transform
    xs = t.c + cols_f * t.a
    ys = t.f + rows_f * t.e
    tx, ty = transformer(src_crs, target).transform(xs, ys)
    left, right = float(np.min(tx)), float(np.max(tx))
    bottom, top = float(np.min(ty)), float(np.max(ty))
    width = max(1, math.ceil((right - left) / size))
    height = max(1, math.ceil((top - bottom) / size))
    dst_transform = Affine(size, 0.0, left, 0.0, -size, top)
    fill = landcover.nodata
    if fill is None:
        fill = int(np.iinfo(landcover.array.dtype).max)
    dst = np.full((height, width), fill, dtype=landcover.array.dtype)
    rasterio.warp.reproject(
        landcover.array,
        dst,
        src_transform=landcover.transform,
        src_crs=CRS.from_wkt(src_crs.to_wkt()),
        src_nodata=landcover.nodata,
        dst_transform=dst_transform,
        dst_crs=CRS.from_wkt(target.to_wkt()),
        dst_nodata=fill,
        resampling=rasterio.warp.Resampling.nearest,
    )
    return replace(
        landcover,
        array=dst,
        transform=dst_transform,
        crs=CRS.from_wkt(target.to_wkt()),
        nodata=int(fill),
    )


def prepare_grid(
    landcover: LandCover,
    boundary: Boundary | None = None,
    *,
    nodata_codes: frozenset[int] = frozenset(),
    metric_tolerance: float | None = None,
    nodata_warning_share: float = 0.01,
) -> CityGrid:
    """Crop `landcover` to `boundary` and mark the city's cells.

    With `metric_tolerance`, a raster whose map units are not ground metres within that
    fraction is first warped to a local equal-area metric grid (for distance rules).
    Raises SpatialInputError when the boundary does not overlap the raster.
    """
    warnings: list[str] = []
    grid_lc = landcover
    geometry: BaseGeometry | None = None
    if boundary is not None:
        geometry = boundary.to_crs(landcover.crs, densify=densify_step(boundary.crs))
        warnings.extend(boundary.warnings)
        extent = _extent(landcover.transform, landcover.shape)
        if not geometry.intersects(extent):
            raise SpatialInputError(
                boundary.source,
                f"does not overlap the land cover {landcover.name} (boundary bounds "
                f"{_fmt_bounds(geometry.bounds)}, raster bounds {_fmt_bounds(extent.bounds)} "
                f"in the raster's CRS)",
            )
        outside = geometry.difference(extent).area / geometry.area if geometry.area else 0.0
        if outside > 0.001:
            warnings.append(
                f"{outside:.1%} of the boundary {boundary.name} lies outside the land cover "
                f"{landcover.name}; that part is not measured"
            )
        grid_lc = _crop(landcover, geometry)
    warped = False
    if metric_tolerance is not None and needs_metric_warp(grid_lc, metric_tolerance):
        grid_lc = warp_to_local_metric(grid_lc)
        warped = True
        warnings.append(
            f"the land cover {landcover.name} is not in metres true to the ground "
            f"(geographic or strongly distorted CRS); it was warped (nearest neighbour) to a "
            f"local equal-area grid of {abs(grid_lc.transform.a):.2f} m cells for distances"
        )
        if boundary is not None:
            geometry = boundary.to_crs(grid_lc.crs, densify=densify_step(boundary.crs))
    inside: np.ndarray | None = None
    city_cells = grid_lc.array.size
    if geometry is not None:
        inside = rasterio.features.rasterize(
            [(geometry, 1)],
            out_shape=grid_lc.shape,
            transform=grid_lc.transform,
            fill=0,
            dtype="uint8",
        )
        city_cells = int(np.count_nonzero(inside))
        if city_cells == 0:
            raise SpatialInputError(
                boundary.source if boundary is not None else landcover.source,
                f"covers no cell centre of the land cover {landcover.name}",
            )
    missing = _nodata_codes(grid_lc, nodata_codes)
    if missing:
        lut = np.zeros(int(np.iinfo(grid_lc.array.dtype).max) + 1, dtype=np.bool_)
        for code in missing:
            if 0 <= code < lut.size:
                lut[code] = True
        nodata_cells = lut[grid_lc.array]
        if inside is not None:
            nodata_cells &= inside == 1
        n_missing = int(np.count_nonzero(nodata_cells))
        if n_missing:
            if inside is None:
                inside = np.ones(grid_lc.shape, dtype=np.uint8)
            inside[nodata_cells] = 0
            share = n_missing / city_cells
            if share > nodata_warning_share:
                warnings.append(
                    f"{share:.1%} of the city's cells in {landcover.name} hold no data; "
                    "they are left out of every area"
                )
        if n_missing == city_cells:
            raise SpatialInputError(
                landcover.source, "holds no data inside the boundary (every cell is nodata)"
            )
    areas = cell_areas(grid_lc.transform, grid_lc.crs, grid_lc.shape, landcover.source)
    return CityGrid(
        landcover=grid_lc,
        inside=inside,
        areas=areas,
        boundary=geometry,
        source=landcover,
        warnings=tuple(warnings),
        warped=warped,
    )


def _fmt_bounds(bounds: tuple[float, float, float, float]) -> str:
    return "(" + ", ".join(f"{v:.6g}" for v in bounds) + ")"
