"""Points in a polygon by grid: the same answer as testing every point exactly."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from localgbf.species.clip import EDGE, INSIDE, OUTSIDE, cell_status, points_in_polygon

STAR = shapely.Polygon(
    [(np.cos(a) * (1 + 0.4 * np.sin(5 * a)), np.sin(a) * (1 + 0.4 * np.sin(5 * a)))
     for a in np.linspace(0, 2 * np.pi, 200, endpoint=False)]
)  # fmt: skip
WITH_HOLE = shapely.box(0, 0, 10, 10).difference(shapely.box(3, 3, 7, 7))
TWO_PARTS = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)])


@pytest.mark.parametrize("geometry", [STAR, WITH_HOLE, TWO_PARTS])
@pytest.mark.parametrize("cells", [8, 64, 1024])
def test_the_grid_agrees_with_an_exact_test_of_every_point(
    geometry: shapely.Geometry, cells: int
) -> None:
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = geometry.bounds
    x = rng.uniform(minx - 1, maxx + 1, 20_000)
    y = rng.uniform(miny - 1, maxy + 1, 20_000)
    expected = shapely.intersects_xy(geometry, x, y)
    assert np.array_equal(points_in_polygon(geometry, x, y, cells=cells), expected)


def test_points_on_the_outline_and_on_the_box_edges_count_as_inside() -> None:
    x = np.array([0.0, 10.0, 5.0, 3.0, 10.0, 10.000001])
    y = np.array([0.0, 10.0, 0.0, 5.0, 5.0, 5.0])
    assert points_in_polygon(WITH_HOLE, x, y).tolist() == [True, True, True, True, True, False]


@pytest.mark.parametrize("geometry", [STAR, WITH_HOLE, TWO_PARTS])
def test_inside_cells_lie_wholly_in_the_polygon_and_outside_cells_wholly_out(
    geometry: shapely.Geometry,
) -> None:
    cells = 16
    status, (minx, miny, maxx, maxy) = cell_status(geometry, cells)
    width, height = (maxx - minx) / cells, (maxy - miny) / cells
    for row in range(cells):
        for col in range(cells):
            box = shapely.box(minx + col * width, maxy - (row + 1) * height,
                              minx + (col + 1) * width, maxy - row * height)  # fmt: skip
            assert status[row, col] != INSIDE or geometry.covers(box)
            assert status[row, col] != OUTSIDE or not geometry.intersects(box.buffer(-1e-9))
    assert {OUTSIDE, EDGE} <= set(np.unique(status).tolist())


def test_no_points_give_an_empty_answer() -> None:
    assert points_in_polygon(STAR, np.zeros(0), np.zeros(0)).shape == (0,)
