"""True cell areas: geographic rows, conformal projections, equal-area projections."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyproj
import pytest
import rasterio.features
import rasterio.warp
import shapely
from affine import Affine
from rasterio.crs import CRS

from localgbf.spatial.areas import cell_areas
from localgbf.spatial.raster import LandCover, open_landcover
from localgbf.spatial.shares import class_shares


@pytest.mark.parametrize("lat", [0.0, 33.5, 60.0, -45.0])
def test_a_geographic_cell_has_the_geodesic_area_of_its_outline(lat: float) -> None:
    """Checked against pyproj's geodesic polygon area (Karney) for 0.01° cells."""
    transform = Affine(0.01, 0, 10.0, 0, -0.01, lat + 0.01)
    areas = cell_areas(transform, "EPSG:4326", (1, 1))
    geod = pyproj.Geod(ellps="WGS84")
    lons = [10.0, 10.01, 10.01, 10.0]
    lats = [lat, lat, lat + 0.01, lat + 0.01]
    expected, _ = geod.polygon_area_perimeter(lons, lats)
    assert areas.blocks[0, 0] == pytest.approx(abs(expected) / 1e4, rel=1e-6)
    assert areas.method == "geographic grid: per row"


def test_an_equal_area_projection_has_one_cell_area() -> None:
    areas = cell_areas(Affine(10, 0, 4_100_000, 0, -10, 3_000_000), "EPSG:3035", (100, 100))
    assert areas.constant == pytest.approx(0.01)
    assert areas.method == "equal-area projection"


def test_a_utm_cell_on_the_central_meridian_is_larger_than_its_nominal_area() -> None:
    """UTM's scale is 0.9996 on the central meridian: true area = nominal / 0.9996²."""
    areas = cell_areas(Affine(10, 0, 499_500, 0, -10, 5_000_500), "EPSG:32632", (100, 100))
    assert areas.constant is None
    assert float(areas.blocks.mean()) == pytest.approx(0.01 / 0.9996**2, rel=1e-5)


def test_a_feet_based_crs_measures_feet_as_feet() -> None:
    """EPSG:2263 (New York Long Island, US survey feet): a 100 ft cell is about 929 m²."""
    areas = cell_areas(Affine(100, 0, 1_000_000, 0, -100, 200_000), "EPSG:2263", (4, 4))
    assert float(areas.blocks.mean()) * 1e4 == pytest.approx((100 * 0.3048006) ** 2, rel=1e-3)


def test_the_same_landscape_in_geographic_and_equal_area_crs_has_the_same_areas() -> None:
    """One landscape drawn as polygons in longitude/latitude near Lausanne (a 1 km disc of
    code 1 inside a 3 km square of code 2), rasterised once on a 0.0001° grid (EPSG:4326) and
    once on a 10 m grid in ETRS89-LAEA (EPSG:3035): each class's area agrees between the two
    and with the geodesic area of its polygon within 0.5 %."""
    local = pyproj.CRS.from_proj4("+proj=laea +lat_0=46.52 +lon_0=6.63 +datum=WGS84 +units=m")
    to_wgs84 = pyproj.Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    disc = shapely.Point(0, 0).buffer(1000, quad_segs=64)
    square = shapely.box(-1500, -1500, 1500, 1500)
    shapes = {1: disc, 2: square.difference(disc)}
    geod = pyproj.Geod(ellps="WGS84")
    expected = {}
    drawn = {}
    for code, shape in shapes.items():
        lonlat = shapely.transform(
            shapely.segmentize(shape, 10),
            lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])),
        )
        drawn[code] = lonlat
        expected[code] = abs(geod.geometry_area_perimeter(lonlat)[0]) / 1e4

    def rasterised(crs: str, transform: Affine, shape: tuple[int, int]) -> dict[int, float]:
        to_grid = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        items = [
            (
                shapely.transform(
                    g, lambda xy: np.column_stack(to_grid.transform(xy[:, 0], xy[:, 1]))
                ),
                code,
            )
            for code, g in drawn.items()
        ]
        array = rasterio.features.rasterize(
            items, out_shape=shape, transform=transform, fill=0, dtype="uint8"
        )
        land = LandCover(array=array, transform=transform, crs=CRS.from_user_input(crs), nodata=0)
        return {c.code: c.area_ha for c in class_shares(land).total.classes}

    geographic = rasterised("EPSG:4326", Affine(1e-4, 0, 6.605, 0, -1e-4, 46.54), (400, 500))
    x, y = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True).transform(
        6.63, 46.52
    )
    equal_area = rasterised("EPSG:3035", Affine(10, 0, x - 2000, 0, -10, y + 2000), (400, 400))
    for code in shapes:
        assert geographic[code] == pytest.approx(equal_area[code], rel=0.005), code
        assert geographic[code] == pytest.approx(expected[code], rel=0.005), code
        assert equal_area[code] == pytest.approx(expected[code], rel=0.005), code


def test_a_real_raster_keeps_its_area_when_warped_to_longitude_latitude(shared_data: Path) -> None:
    """The Lausanne CORINE raster (EPSG:2056, 100 m) warped to 0.0005° cells: the area with data
    agrees within 0.5 %."""
    source = open_landcover(shared_data / "landcover/lausanne/ls100_06.tif")
    rows, cols = source.shape
    transformer = pyproj.Transformer.from_crs(source.crs.to_wkt(), "EPSG:4326", always_xy=True)
    left, top = transformer.transform(source.transform.c, source.transform.f)
    x1, y1 = source.transform @ (cols, rows)
    right, bottom = transformer.transform(x1, y1)
    step = 0.0005
    width = int(np.ceil((right - left) / step)) + 20
    height = int(np.ceil((top - bottom) / step)) + 20
    transform = Affine(step, 0, left - 10 * step, 0, -step, top + 10 * step)
    warped = np.full((height, width), 255, dtype=np.uint8)
    rasterio.warp.reproject(
        source.array,
        warped,
        src_transform=source.transform,
        src_crs=source.crs,
        src_nodata=255,
        dst_transform=transform,
        dst_crs=CRS.from_epsg(4326),
        dst_nodata=255,
    )
    geographic = LandCover(array=warped, transform=transform, crs=CRS.from_epsg(4326), nodata=255)
    assert class_shares(geographic).total.area_ha == pytest.approx(
        class_shares(source).total.area_ha, rel=0.005
    )
