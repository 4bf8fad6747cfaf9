"""Indicators 1, 10 and 11 on the hand-worked city (see conftest.py)."""

from __future__ import annotations

import pytest

from localgbf.provenance import IndicatorValue
from localgbf.spatial.classmap import ClassMap, load_class_map
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.indicators import compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs
from localgbf.spatial.raster import LandCover
from localgbf.spatial.zones import ZoneSet
from spatial.builders import landcover


def values(
    land: LandCover, class_map: ClassMap, zones: ZoneSet | None = None
) -> dict[int, IndicatorValue]:
    result = compute_indicators(
        SpatialInputs(landcover=land, class_map=class_map, subunits=zones), numbers=[1, 10, 11]
    )
    return {v.indicator: v for v in result.values}


def test_natural_share_counts_natural_restored_and_naturalised_codes(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    """Forest 20 + grass 20 + water 10 natural cells of 100: 50 %."""
    value = values(city_landcover, class_map)[1]
    assert value.value == pytest.approx(50.0)
    assert value.unit == "percent"
    assert value.details["numerator_area_ha"] == pytest.approx(0.5)
    assert value.method_id == "localgbf.spatial.natural_area"


def test_permeable_share_leaves_water_out_of_the_land(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    """Permeable forest 20 + grass 20 + crops 20 = 60 cells over 100 - 10 water: 66.67 %."""
    assert values(city_landcover, class_map)[10].value == pytest.approx(600 / 9)


def test_canopy_share_leaves_water_out_of_the_land(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    """Canopy 20 cells over 90 cells of land: 22.2 %."""
    assert values(city_landcover, class_map)[11].value == pytest.approx(200 / 9)


def test_each_zone_gets_its_own_value_in_the_same_pass(
    city_landcover: LandCover, class_map: ClassMap, halves: ZoneSet
) -> None:
    """The city is the same in both halves, so each zone equals the city."""
    result = values(city_landcover, class_map, halves)
    assert result[1].zones == pytest.approx({"west": 50.0, "east": 50.0})
    assert result[10].zones == pytest.approx({"west": 600 / 9, "east": 600 / 9})


def test_class_codes_that_never_occur_are_reported(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    array = city_landcover.array.copy()
    array[8:10] = 3
    result = values(landcover(array), class_map)[1]
    assert any("code(s) [5] never occur" in w for w in result.warnings)


def test_raster_codes_missing_from_the_class_map_are_reported(
    city_landcover: LandCover, class_map: ClassMap
) -> None:
    array = city_landcover.array.copy()
    array[9] = 9
    result = values(landcover(array), class_map)[1]
    assert any(
        "code(s) [9] (10.00% of the city) are not in class map" in w for w in result.warnings
    )


def test_a_class_map_sharing_no_code_with_the_raster_is_refused(city_landcover: LandCover) -> None:
    with pytest.raises(SpatialInputError, match="none of which the class map esa-worldcover lists"):
        values(city_landcover, load_class_map("esa-worldcover"))
