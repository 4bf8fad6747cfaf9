"""People inside areas by areal weighting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from affine import Affine
from rasterio.crs import CRS

from localgbf.spatial.population import coverage, people_in
from localgbf.spatial.raster import Population, open_population
from localgbf.spatial.vectors import read_boundary


def test_a_polygon_covering_two_and_a_half_cells_takes_half_of_the_third() -> None:
    """Three 100 m cells in a row holding 10, 20 and 40 people; a rectangle over the first two
    and half of the third holds 10 + 20 + 20 = 50 people."""
    transform = Affine(100, 0, 0, 0, -100, 100)
    population = Population(
        array=np.array([[10.0, 20.0, 40.0]]), transform=transform, crs=CRS.from_epsg(3035)
    )
    people, missing = people_in(population, shapely.box(0, 0, 250, 100))
    assert people == pytest.approx(50.0)
    assert missing == 0.0
    fraction, (rows, cols) = coverage(shapely.box(0, 0, 250, 100), transform, (1, 3))
    assert fraction[rows.start - rows.start :, :].ravel()[cols.start - cols.start :].tolist()[
        -3:
    ] == pytest.approx([1.0, 1.0, 0.5])


def test_cells_without_data_count_as_nobody_and_are_reported() -> None:
    transform = Affine(100, 0, 0, 0, -100, 100)
    population = Population(
        array=np.array([[10.0, np.nan]]), transform=transform, crs=CRS.from_epsg(3035)
    )
    people, missing = people_in(population, shapely.box(0, 0, 200, 100))
    assert people == pytest.approx(10.0)
    assert missing == pytest.approx(0.5)


def test_burundi_holds_the_published_area_weighted_population(shared_data: Path) -> None:
    """The data README: 6,527,748 people area-weighted by the cell fraction inside the
    Natural Earth outline (6,527,014 by cell centre)."""
    folder = shared_data / "population/burundi_worldpop"
    people, _ = people_in(
        open_population(folder / "burundi_worldpop.tif"),
        read_boundary(folder / "burundi.gpkg").geometry,
    )
    assert round(people) == 6_527_748
