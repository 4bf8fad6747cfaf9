"""Class areas and shares, for the city and per zone."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import shapely

from localgbf.spatial.classmap import load_class_map
from localgbf.spatial.raster import open_landcover
from localgbf.spatial.shares import class_shares
from localgbf.spatial.vectors import Boundary, VectorLayer
from localgbf.spatial.zones import ZoneSet
from spatial.builders import LAEA, cell_box, landcover


def test_shares_of_a_hand_worked_grid() -> None:
    """10 × 10 cells of 10 m (0.01 ha): 30 cells of code 1, 70 of code 2 -> 0.3 ha (30 %) and
    0.7 ha (70 %)."""
    array = np.full((10, 10), 2, dtype=np.uint8)
    array[:3, :] = 1
    result = class_shares(landcover(array))
    assert result.total.area_ha == pytest.approx(1.0)
    rows = {c.code: (c.area_ha, c.share_pct) for c in result.total.classes}
    assert rows[1] == pytest.approx((0.3, 30.0))
    assert rows[2] == pytest.approx((0.7, 70.0))


def test_shares_per_zone_in_one_pass() -> None:
    """The west half (5 columns) holds 15 cells of code 1 out of 50: 30 %; same in the east."""
    array = np.full((10, 10), 2, dtype=np.uint8)
    array[:3, :] = 1
    layer = VectorLayer(
        geometries=(cell_box(0, 0, rows=10, cols=5), cell_box(0, 5, rows=10, cols=5)),
        attributes=({"ward": "W"}, {"ward": "E"}),
        crs=LAEA,
    )
    result = class_shares(landcover(array), zones=ZoneSet.from_layer(layer, "ward"))
    assert set(result.zones) == {"W", "E"}
    for table in result.zones.values():
        assert table.area_ha == pytest.approx(0.5)
        assert {c.code: c.share_pct for c in table.classes}[1] == pytest.approx(30.0)


def test_nodata_of_the_raster_and_of_the_class_map_is_left_out() -> None:
    """Code 255 is the raster's nodata and code 0 the class map's (ESA WorldCover): of 100
    cells, 10 + 10 are nodata, leaving 0.8 ha."""
    array = np.full((10, 10), 10, dtype=np.uint8)
    array[0] = 255
    array[1] = 0
    result = class_shares(landcover(array, nodata=255), class_map=load_class_map("esa-worldcover"))
    assert result.total.area_ha == pytest.approx(0.8)
    assert [c.code for c in result.total.classes] == [10]
    assert result.total.classes[0].label is not None


def test_the_boundary_keeps_cells_whose_centre_is_inside() -> None:
    """A boundary covering 2.4 columns of a 10 × 10 grid keeps the 2 columns whose cell centres
    it contains (20 cells, 0.2 ha)."""
    array = np.ones((10, 10), dtype=np.uint8)
    x0, y0, _, y1 = cell_box(0, 0, rows=10).bounds
    boundary = Boundary(geometry=shapely.box(x0, y0, x0 + 24.0, y1), crs=LAEA)
    result = class_shares(landcover(array), boundary=boundary)
    assert result.total.area_ha == pytest.approx(0.2)


def test_augusta_class_areas_equal_the_published_cell_counts(shared_data: Path) -> None:
    """nlcd_classes.csv lists the pixel count of every class; at 30 m each cell is 0.09 ha
    (Albers is equal-area)."""
    folder = shared_data / "landcover/augusta_nlcd"
    with (folder / "nlcd_classes.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh)]
    counts = {
        int(r["value"]): int(r["pixels_in_raster"]) for r in rows if r["pixels_in_raster"] != "0"
    }
    result = class_shares(open_landcover(folder / "augusta_nlcd_2011.tif"))
    areas = {c.code: c.area_ha for c in result.total.classes}
    assert set(areas) == set(counts)
    for code, count in counts.items():
        assert areas[code] == pytest.approx(count * 0.09, rel=1e-9)
