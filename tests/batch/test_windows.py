"""`localgbf.spatial.windows` and `vector_files`: a government's window of a national raster.

Hand-worked: a 10 m grid whose origin is (4,100,000, 3,000,000); a box from x = +505 m to
+1003 m and y = -2005 m to -1500 m spans columns 50.5-100.3 and rows 150-200.5, so with a
3-cell margin the window is columns 47-104 and rows 147-204 (floor 50 - 3, ceil 100.3 + 3 ...).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
import rasterio
import shapely

from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.vector_files import write_polygons
from localgbf.spatial.vectors import read_boundary
from localgbf.spatial.windows import STRIP_ROWS, extract_window

from .conftest import LAEA, ORIGIN, write_landcover

X, Y = ORIGIN


def test_the_window_is_the_bounding_box_widened_by_three_cells(tmp_path):
    array = (np.arange(300 * 400) % 7).astype(np.uint8).reshape(300, 400)
    source = write_landcover(tmp_path / "national.tif", array)
    outline = shapely.box(X + 505, Y - 2005, X + 1003, Y - 1500)
    window = extract_window(source, tmp_path / "city.tif", outline, LAEA)
    assert (window.row_off, window.col_off) == (147, 47)
    assert (window.height, window.width) == (204 - 147, 104 - 47)
    with rasterio.open(tmp_path / "city.tif") as ds:
        assert ds.transform.c == X + 470 and ds.transform.f == Y - 1470
        assert ds.nodata == 0 and ds.crs.to_epsg() == 3035
        np.testing.assert_array_equal(ds.read(1), array[147:204, 47:104])


def test_a_window_taller_than_a_strip_is_copied_whole(tmp_path):
    rows = STRIP_ROWS + 300
    array = np.random.default_rng(5).integers(1, 200, size=(rows, 400), dtype=np.uint8)
    source = write_landcover(tmp_path / "national.tif", array)
    outline = shapely.box(X + 100, Y - rows * 10 + 100, X + 2900, Y - 100)
    window = extract_window(source, tmp_path / "city.tif", outline, LAEA)
    with rasterio.open(tmp_path / "city.tif") as ds:
        assert ds.profile["tiled"]
        np.testing.assert_array_equal(
            ds.read(1), array[window.row_off : window.row_off + window.height, 7:293]
        )


def test_a_window_is_clipped_to_the_raster_at_its_edges(tmp_path):
    source = write_landcover(tmp_path / "national.tif", np.ones((50, 50), dtype=np.uint8))
    outline = shapely.box(X - 1000, Y - 200, X + 100, Y + 1000)
    window = extract_window(source, tmp_path / "city.tif", outline, LAEA)
    assert (window.row_off, window.col_off, window.height, window.width) == (0, 0, 23, 13)


def test_an_outline_in_another_crs_is_moved_first(tmp_path):
    from localgbf.spatial.crs import transform_geometry

    source = write_landcover(tmp_path / "national.tif", np.ones((300, 400), dtype=np.uint8))
    outline = shapely.box(X + 505, Y - 2005, X + 1003, Y - 1500)
    in_degrees = transform_geometry(outline, LAEA, "EPSG:4326", densify=1.0)
    window = extract_window(source, tmp_path / "city.tif", in_degrees, "EPSG:4326")
    assert (window.row_off, window.col_off) == (147, 47)


def test_an_outline_outside_the_raster_is_refused_by_its_label(tmp_path):
    source = write_landcover(tmp_path / "national.tif", np.ones((50, 50), dtype=np.uint8))
    far = shapely.box(X + 10_000, Y - 200, X + 10_100, Y - 100)
    with pytest.raises(
        SpatialInputError,
        match=r"national\.tif: does not cover feature 3 \(code XC\) of cities\.gpkg",
    ):
        extract_window(
            source, tmp_path / "c.tif", far, LAEA, label="feature 3 (code XC) of cities.gpkg"
        )


def test_a_file_that_is_not_a_raster_is_refused(tmp_path):
    (tmp_path / "national.tif").write_bytes(b"nothing")
    with pytest.raises(SpatialInputError, match=r"national\.tif: cannot be read as a raster"):
        extract_window(tmp_path / "national.tif", tmp_path / "c.tif", shapely.box(0, 0, 1, 1), LAEA)


def test_polygons_round_trip_exactly_and_give_the_same_bytes_twice(tmp_path):
    outline = shapely.MultiPolygon(
        [
            shapely.box(X + 0.123456789, Y - 7.5, X + 20.987654321, Y),
            shapely.box(X + 50, Y - 5, X + 60, Y),
        ]
    )
    path = write_polygons(
        tmp_path / "city.fgb", [outline], LAEA, {"code": ["XA"], "name": ["昆明"]}
    )
    first = hashlib.sha256(path.read_bytes()).hexdigest()
    boundary = read_boundary(path)
    assert boundary.geometry.equals_exact(shapely.union_all(outline.geoms), 0.0)
    assert boundary.crs.to_epsg() == 3035
    write_polygons(path, [outline], LAEA, {"code": ["XA"], "name": ["昆明"]})
    assert hashlib.sha256(path.read_bytes()).hexdigest() == first
