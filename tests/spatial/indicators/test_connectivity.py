"""Indicator 2 on the hand-worked city (see conftest.py)."""

from __future__ import annotations

import pytest

from localgbf.spatial.classmap import ClassMap
from localgbf.spatial.indicators import compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs
from localgbf.spatial.raster import LandCover
from localgbf.spatial.zones import ZoneSet


def test_natural_rows_30_m_apart_form_one_group(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    """Forest and grass (rows 0-3) and water (row 7) are 3 rows (30 m) apart: one group,
    coherence 100 %."""
    value = compute_indicators(
        SpatialInputs(landcover=city_landcover, class_map=class_map), numbers=[2]
    ).values[0]
    assert value.indicator == 2
    assert value.value == pytest.approx(100.0)
    assert value.details["groups"] == 1
    assert value.details["patches"] == 2


def test_with_a_20_m_gap_the_water_is_its_own_group(
    city_landcover: LandCover, class_map: ClassMap, halves: ZoneSet
) -> None:
    """Groups of 0.4 ha and 0.1 ha: coherence (0.16 + 0.01) / 0.5² = 68 %; mesh 0.34 ha.
    Each half holds half of each: (0.04 + 0.0025) / 0.25² = 68 % too."""
    value = compute_indicators(
        SpatialInputs(landcover=city_landcover, class_map=class_map, subunits=halves, gap_m=20),
        numbers=[2],
    ).values[0]
    assert value.value == pytest.approx(68.0)
    assert value.details["effective_mesh_size_ha"] == pytest.approx(0.34)
    assert value.zones == pytest.approx({"west": 68.0, "east": 68.0})
