"""Query polygons for GBIF: counter-clockwise, within the budget, always covering the boundary."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from localgbf.species.connectors.gbif import search_budget
from localgbf.species.connectors.gbif_download import download_budget
from localgbf.species.connectors.polygons import AreaBudget, counter_clockwise, prepare_area, to_wkt
from localgbf.species.recipe import read_boundary_lonlat

from .builders import Api

ROOMY = AreaBudget(max_vertices=1000, max_chars=100_000)


def parsed(wkt: str) -> Polygon | MultiPolygon:
    return shapely.from_wkt(wkt)  # type: ignore[no-any-return]


def rings_of(geometry: Polygon | MultiPolygon) -> list[tuple[bool, bool]]:
    """(is_exterior, is_counter_clockwise) of every ring."""
    out = []
    for polygon in shapely.get_parts(geometry):
        out.append((True, polygon.exterior.is_ccw))
        out += [(False, ring.is_ccw) for ring in polygon.interiors]
    return out


@pytest.fixture
def monaco(shared_data: Path) -> Polygon | MultiPolygon:
    geometry, _ = read_boundary_lonlat(shared_data / "osm" / "monaco" / "monaco_boundary.geojson")
    return geometry  # type: ignore[return-value]


def test_a_clockwise_square_is_sent_counter_clockwise_and_grown_by_one_grid_step() -> None:
    """The square (0,0)-(1,1) given clockwise. Grown by 1e-5 degrees (one step of 5 decimals)
    before snapping, so its corners become -0.00001 and 1.00001; written counter-clockwise
    from the first corner the snapper keeps."""
    clockwise = Polygon([(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)])
    assert not clockwise.exterior.is_ccw
    area = prepare_area(clockwise, ROOMY)
    assert len(area.wkt) == 1
    result = parsed(area.wkt[0])
    assert rings_of(result) == [(True, True)]
    assert result.bounds == pytest.approx((-0.00001, -0.00001, 1.00001, 1.00001))
    assert area.wkt[0].startswith("POLYGON((") and ", " not in area.wkt[0]
    assert area.vertices == 5 and area.tolerance == 0 and not area.split


def test_the_recorded_gbif_polygon_is_already_counter_clockwise_and_stays_so(api: Api) -> None:
    """rgbif's example query POLYGON((30.1 10.1,40 40,20 40,10 20,30.1 10.1)) returned records
    (count 15,788,615), so GBIF read it as an inclusion: it is counter-clockwise."""
    recorded = api.gbif("rgbif/occ_search_geometry_aa.yml")[0]
    wkt = dict(recorded.query)["geometry"]
    polygon = parsed(wkt)
    assert polygon.exterior.is_ccw
    again = parsed(prepare_area(polygon, ROOMY).wkt[0])
    assert again.exterior.is_ccw and again.covers(polygon)
    assert parsed(to_wkt(counter_clockwise(polygon.reverse()), 1)).exterior.is_ccw


def test_holes_are_kept_clockwise_when_the_budget_allows() -> None:
    outline = Polygon(box(0, 0, 10, 10).exterior.coords, [box(4, 4, 6, 6).exterior.coords])
    area = prepare_area(outline, ROOMY)
    result = parsed(area.wkt[0])
    assert rings_of(result) == [(True, True), (False, False)]
    assert area.holes_dropped == 0
    assert not result.contains(shapely.Point(5, 5))
    assert result.covers(outline)


def test_holes_are_dropped_first_when_the_outline_is_over_budget() -> None:
    """Outline 5 points + two holes of 5 points = 15; a budget of 10 vertices keeps the outline
    and drops both holes (their records are clipped away after fetching)."""
    holes = [box(1, 1, 2, 2).exterior.coords, box(7, 7, 8, 8).exterior.coords]
    outline = Polygon(box(0, 0, 10, 10).exterior.coords, holes)
    area = prepare_area(outline, AreaBudget(max_vertices=10, max_chars=1500))
    assert area.holes_dropped == 2
    assert rings_of(parsed(area.wkt[0])) == [(True, True)]
    assert "2 hole(s)" in area.notes()[0]


def test_a_real_city_outline_is_simplified_outward_to_the_search_budget(
    monaco: Polygon | MultiPolygon,
) -> None:
    budget = search_budget()
    assert shapely.get_num_coordinates(monaco) > budget.max_vertices
    area = prepare_area(monaco, budget)
    assert len(area.wkt) == 1 and not area.split
    assert len(area.wkt[0]) <= 1500
    query = parsed(area.wkt[0])
    assert shapely.get_num_coordinates(query) <= budget.max_vertices
    assert all(ccw for _, ccw in rings_of(query))
    assert query.is_valid and query.covers(monaco)
    assert (
        0
        < area.tolerance
        <= 0.02 * max(monaco.bounds[2] - monaco.bounds[0], monaco.bounds[3] - monaco.bounds[1])
    )
    assert query.area < 1.5 * monaco.area


def test_an_outline_that_cannot_be_simplified_enough_is_split_into_pieces(
    monaco: Polygon | MultiPolygon,
) -> None:
    tight = AreaBudget(max_vertices=12, max_chars=400, max_tolerance_fraction=0.005)
    area = prepare_area(monaco, tight)
    assert area.split and len(area.wkt) > 1
    pieces = [parsed(w) for w in area.wkt]
    for wkt, piece in zip(area.wkt, pieces, strict=True):
        assert len(wkt) <= 400 and shapely.get_num_coordinates(piece) <= 12
        assert all(ccw for _, ccw in rings_of(piece))
    assert shapely.union_all(pieces).covers(monaco)
    assert "pieces" in area.notes()[-1]


def test_a_two_island_boundary_becomes_one_multipolygon_query() -> None:
    islands = MultiPolygon([box(0, 0, 1, 1), box(3, 0, 4, 1)])
    area = prepare_area(islands, ROOMY)
    assert area.wkt[0].startswith("MULTIPOLYGON(((")
    assert rings_of(parsed(area.wkt[0])) == [(True, True), (True, True)]


def test_the_download_budget_keeps_far_more_detail_than_a_search(
    monaco: Polygon | MultiPolygon,
) -> None:
    search = prepare_area(monaco, search_budget())
    download = prepare_area(monaco, download_budget())
    assert sum(len(w) for w in download.wkt) <= 10_000
    assert download.vertices > 5 * search.vertices
    assert download.tolerance < search.tolerance / 10
    assert parsed(download.wkt[0]).covers(monaco)
