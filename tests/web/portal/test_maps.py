"""Maps drawn on the server: Web Mercator, fitted to the view, with a graticule and labels."""

import math

import pytest

from localgbf.web.portal.maps import (
    Point,
    Shape,
    _step,
    draw_map,
    inverse_mercator,
    mercator,
)

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


@pytest.mark.parametrize(
    ("lon", "lat", "x", "y"),
    [
        (0, 0, 0.5, 0.5),  # the centre of the world square
        (-180, 0, 0.0, 0.5),
        (180, 0, 1.0, 0.5),
        # y = 1/2 - ln(tan(pi/4 + lat/2)) / (2 pi); at 45° N: ln(tan(67.5°)) = 0.881374
        (0, 45, 0.5, 0.5 - 0.881374 / (2 * math.pi)),
    ],
)
def test_mercator_matches_the_formula_worked_by_hand(lon, lat, x, y):
    assert mercator(lon, lat) == pytest.approx((x, y), abs=1e-6)


def test_inverse_mercator_undoes_mercator():
    assert inverse_mercator(*mercator(102.83, 24.88)) == pytest.approx((102.83, 24.88))


def test_a_shape_is_centred_and_fits_inside_the_view():
    drawing = draw_map([Shape(SQUARE, "boundary")], width=400, height=400)
    xs = [
        float(p.split(",")[0])
        for p in drawing.shapes[0].d.replace("M", "").replace("L", "").replace("Z", "").split()
    ]
    assert min(xs) >= 0 and max(xs) <= 400
    assert (min(xs) + max(xs)) / 2 == pytest.approx(200, abs=0.2)
    assert drawing.layers == {"boundary": 1}


def test_a_lone_point_gets_a_view_around_it():
    drawing = draw_map([], [Point(102.83, 24.88, "seat", "Kunming")], width=400, height=300)
    point = drawing.points[0]
    assert (point.x, point.y) == pytest.approx((200, 150), abs=0.2)
    assert drawing.grid, "lines of longitude and latitude place it on the globe"


def test_unreadable_geojson_and_points_off_the_globe_are_left_out():
    drawing = draw_map(
        [Shape({"type": "Polygon", "coordinates": "nonsense"}, "parks")],
        [Point(200, 0, "seat")],
    )
    assert drawing.empty


def test_labels_of_points_at_the_same_place_do_not_overlap():
    points = [
        Point(113.26, 23.13, "seat-region", "Guangdong Province"),
        Point(113.26, 23.13, "seat-city", "Guangzhou"),
        Point(113.262, 23.13, "seat-city", "Another city"),
    ]
    labels = draw_map([], points, label_points=True).labels
    assert labels[0].anchor == "end" and labels[1].anchor == "start"
    assert labels[2].y != labels[1].y


@pytest.mark.parametrize(("span", "step"), [(25.0, 5), (0.05, 0.01), (3.0, 0.5), (400, 30)])
def test_the_graticule_step_is_a_round_number_giving_a_few_lines(span, step):
    assert _step(span) == step


def test_a_basemap_adds_the_tiles_under_the_view():
    drawing = draw_map(
        [Shape(SQUARE, "boundary")], tile_url="https://tiles.example.org/{z}/{x}/{y}.png"
    )
    assert drawing.tiles
    assert all(t.href.startswith("https://tiles.example.org/") for t in drawing.tiles)
    assert "{" not in drawing.tiles[0].href
