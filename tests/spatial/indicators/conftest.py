"""A hand-worked city shared by the indicator tests.

10 × 10 cells of 10 m (0.01 ha each) in ETRS89-LAEA, codes by rows:
rows 0-1 forest (1), rows 2-3 grass (2), rows 4-6 built (3), row 7 water (4), rows 8-9 crops (5).
Class map: forest natural+permeable+canopy, grass natural+permeable, built builtup, water
natural+water, crops permeable. Zones: "west" (columns 0-4) and "east" (columns 5-9).
"""

from __future__ import annotations

import numpy as np
import pytest

from localgbf.spatial.classmap import ClassMap
from localgbf.spatial.raster import LandCover
from localgbf.spatial.vectors import VectorLayer
from localgbf.spatial.zones import ZoneSet
from spatial.builders import LAEA, cell_box, landcover

CLASS_MAP = {
    "id": "test-city",
    "version": "1",
    "name": {"en": "Test city", "zh-hans": "测试城市"},
    "source": "hand-made for the tests",
    "nodata": [0],
    "classes": [
        {"code": 1, "label": {"en": "Forest"}, "roles": ["natural", "permeable", "canopy"]},
        {"code": 2, "label": {"en": "Grass"}, "roles": ["natural", "permeable"]},
        {"code": 3, "label": {"en": "Built"}, "roles": ["builtup"]},
        {"code": 4, "label": {"en": "Water"}, "roles": ["natural", "water"]},
        {"code": 5, "label": {"en": "Crops"}, "roles": ["permeable"]},
    ],
}


def city_array() -> np.ndarray:
    array = np.empty((10, 10), dtype=np.uint8)
    array[0:2] = 1
    array[2:4] = 2
    array[4:7] = 3
    array[7] = 4
    array[8:10] = 5
    return array


@pytest.fixture
def city_landcover() -> LandCover:
    return landcover(city_array())


@pytest.fixture
def class_map() -> ClassMap:
    return ClassMap.model_validate(CLASS_MAP)


@pytest.fixture
def halves() -> ZoneSet:
    layer = VectorLayer(
        geometries=(cell_box(0, 0, rows=10, cols=5), cell_box(0, 5, rows=10, cols=5)),
        attributes=({"name": "west"}, {"name": "east"}),
        crs=LAEA,
    )
    return ZoneSet.from_layer(layer, "name")
