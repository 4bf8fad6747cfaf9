"""Indicator 7 from restored and degraded habitat layers."""

from __future__ import annotations

import pytest
import shapely

from localgbf.spatial.indicators import compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs
from localgbf.spatial.vectors import Boundary, VectorLayer
from spatial.builders import LAEA, ORIGIN


def layer(*geometries: shapely.Geometry) -> VectorLayer:
    return VectorLayer(geometries=geometries, attributes=tuple({} for _ in geometries), crs=LAEA)


X, Y = ORIGIN
CITY = Boundary(geometry=shapely.box(X, Y, X + 1000, Y + 1000), crs=LAEA)


def restoration(restored: VectorLayer, degraded: VectorLayer) -> float | None:
    result = compute_indicators(
        SpatialInputs(boundary=CITY, restored=restored, degraded=degraded), numbers=[7]
    )
    return result.values[0].value


def test_one_restored_hectare_of_four_degraded_is_25_percent() -> None:
    degraded = layer(shapely.box(X, Y, X + 200, Y + 200))
    restored = layer(shapely.box(X, Y, X + 100, Y + 100))
    assert restoration(restored, degraded) == pytest.approx(25.0, rel=1e-6)


def test_restored_land_outside_the_degraded_layer_counts_as_formerly_degraded() -> None:
    """Degraded 3 ha still degraded, 1 ha restored drawn beside it: 1 / (3 + 1) = 25 %."""
    degraded = layer(shapely.box(X, Y, X + 300, Y + 100))
    restored = layer(shapely.box(X + 300, Y, X + 400, Y + 100))
    assert restoration(restored, degraded) == pytest.approx(25.0, rel=1e-6)


def test_habitat_outside_the_city_is_left_out() -> None:
    """Half of the degraded 2 ha lies outside the city: 1 ha restored of 1 ha inside = 100 %."""
    degraded = layer(shapely.box(X - 100, Y, X + 100, Y + 100))
    restored = layer(shapely.box(X, Y, X + 100, Y + 100))
    assert restoration(restored, degraded) == pytest.approx(100.0)
