"""Indicator 8 on the hand-worked city (see conftest.py)."""

from __future__ import annotations

import pytest

from localgbf.spatial.classmap import ClassMap
from localgbf.spatial.indicators import compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs
from localgbf.spatial.raster import LandCover
from localgbf.spatial.vectors import VectorLayer
from localgbf.spatial.zones import ZoneSet
from spatial.builders import LAEA, cell_box


def test_only_natural_cells_inside_protected_areas_count(
    city_landcover: LandCover, class_map: ClassMap, halves: ZoneSet
) -> None:
    """A protected area over the west half holds 25 natural cells (forest 10, grass 10,
    water 5) and 25 others: 25 of the city's 100 cells, 25 %; the west zone 25 / 50 = 50 %,
    the east 0 %."""
    protected = VectorLayer(
        geometries=(cell_box(0, 0, rows=10, cols=5),), attributes=({"name": "reserve"},), crs=LAEA
    )
    value = compute_indicators(
        SpatialInputs(
            landcover=city_landcover,
            class_map=class_map,
            protected_areas=protected,
            subunits=halves,
        ),
        numbers=[8],
    ).values[0]
    assert value.value == pytest.approx(25.0)
    assert value.details["protected_area_ha"] == pytest.approx(0.5)
    assert value.details["protected_natural_area_ha"] == pytest.approx(0.25)
    assert value.zones == pytest.approx({"west": 50.0, "east": 0.0})
