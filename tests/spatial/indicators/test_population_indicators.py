"""Indicators 12 and 13 from parks and a population raster."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from affine import Affine
from rasterio.crs import CRS

from localgbf.spatial.areas import cell_areas
from localgbf.spatial.crs import transform_geometry
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.indicators import compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs
from localgbf.spatial.raster import Population
from localgbf.spatial.vectors import Boundary, VectorLayer
from spatial.builders import LAEA, ORIGIN

X, Y = ORIGIN
CITY = Boundary(geometry=shapely.box(X, Y, X + 1000, Y + 1000), crs=LAEA)
# 100 people in every 100 m cell of a 1 km square: 10,000 people.
POPULATION = Population(
    array=np.full((10, 10), 100.0),
    transform=Affine(100, 0, X, 0, -100, Y + 1000),
    crs=CRS.from_user_input(LAEA),
)
PARK = VectorLayer(
    geometries=(shapely.box(X + 450, Y + 450, X + 550, Y + 550),), attributes=({},), crs=LAEA
)


def compute(number: int, **inputs: object) -> float | None:
    return compute_indicators(SpatialInputs(**inputs), numbers=[number]).values[0].value  # type: ignore[arg-type]


def test_one_hectare_of_park_for_ten_thousand_people_is_0_1_ha_per_1000() -> None:
    assert compute(12, boundary=CITY, parks=PARK, population=POPULATION) == pytest.approx(0.1)


def test_people_within_400_m_of_a_park() -> None:
    """A 100 m square park in the middle of a 1 km square of even density: the 400 m reach is
    the square grown by 400 m with rounded corners, 100² + 4·100·400 + π·400² m², all inside
    the city, so that share of the 10,000 people (67.3 %)."""
    reach = 100**2 + 4 * 100 * 400 + math.pi * 400**2
    expected = 100 * reach / 1e6
    assert compute(13, boundary=CITY, parks=PARK, population=POPULATION) == pytest.approx(
        expected, rel=1e-3
    )


def test_a_park_just_outside_the_city_serves_its_neighbours() -> None:
    """A park 100 m beyond the west edge reaches 300 m into the city: 30 % of its people."""
    outside = VectorLayer(
        geometries=(shapely.box(X - 200, Y - 500, X - 100, Y + 1500),), attributes=({},), crs=LAEA
    )
    assert compute(13, boundary=CITY, parks=outside, population=POPULATION) == pytest.approx(
        30.0, rel=1e-3
    )


def test_a_population_raster_that_misses_the_city_is_refused() -> None:
    away = Population(
        array=np.full((2, 2), 5.0),
        transform=Affine(100, 0, X + 50_000, 0, -100, Y),
        crs=CRS.from_user_input(LAEA),
    )
    with pytest.raises(SpatialInputError, match="counts nobody inside the city"):
        compute(12, boundary=CITY, parks=PARK, population=away)


def test_population_in_degrees_gives_the_same_share() -> None:
    """The same even density stored in longitude/latitude (0.001° cells covering the city)."""
    lonlat = transform_geometry(CITY.geometry, LAEA, "EPSG:4326")
    minx, miny, maxx, maxy = lonlat.bounds
    step = 0.0005
    cols = math.ceil((maxx - minx) / step) + 4
    rows = math.ceil((maxy - miny) / step) + 4
    transform = Affine(step, 0, minx - 2 * step, 0, -step, maxy + 2 * step)
    # people per cell proportional to its area, so the density is even
    areas = cell_areas(transform, "EPSG:4326", (rows, cols)).full((rows, cols))
    population = Population(array=areas * 1e4, transform=transform, crs=CRS.from_epsg(4326))
    reach = 100**2 + 4 * 100 * 400 + math.pi * 400**2
    assert compute(13, boundary=CITY, parks=PARK, population=population) == pytest.approx(
        100 * reach / 1e6, rel=2e-3
    )
