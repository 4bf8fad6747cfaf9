"""GBIF occurrence search for a boundary, replayed from the recorded rgbif responses: the query,
paging within GBIF's limits, splitting by year, clipping, resume, idempotence, and a failing
import that leaves the store as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import duckdb
import httpx
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from localgbf.species.connectors import gbif as gbif_module
from localgbf.species.connectors.errors import ConnectorError, NetworkUnavailable
from localgbf.species.connectors.gbif import (
    GbifQuery,
    fetch_gbif_search,
    gbif_client,
    split_years,
)
from localgbf.species.connectors.polygons import AreaBudget
from localgbf.species.connectors.reference import services
from localgbf.species.connectors.runs import FetchReport
from localgbf.species.errors import SpeciesDataError
from localgbf.species.store import Store

from .builders import Api, visible_tree
from .cassettes import FakeClock, Recorded, Replay

EVENTDATE = "rgbif/occ_search_eventdate.yml"  # [2]: 71 records of 1990-1991, one page
OCC_DATA = "rgbif/occ_data.yml"  # [1]: 20 records; [2]: offset 0, 300; [3]: offset 300, 200
CALIFORNIA = box(-125, 20, -100, 45)


def located(page: Recorded) -> list[tuple[float, float]]:
    return [
        (r["decimalLongitude"], r["decimalLatitude"])
        for r in page.json()["results"]
        if "decimalLatitude" in r
    ]


def with_count(page: Recorded, count: int, end: bool | None = None) -> Recorded:
    """The recorded page with GBIF's `count` (and `endOfRecords`) changed, so that a run ends
    after the pages that were recorded; the records are untouched."""
    data = page.json()
    data["count"] = count
    if end is not None:
        data["endOfRecords"] = end
    return page.with_json(data)


def run(
    replay: Replay, clock: FakeClock, store: Store, boundary: Any = CALIFORNIA, **kwargs: Any
) -> FetchReport:
    client = gbif_client(transport=replay.transport(), clock=clock)
    return fetch_gbif_search(boundary, store, client=client, **kwargs)


def stored_ids(store: Store) -> list[str]:
    files = [
        str(store.entry_dir("occurrences", d.id) / "records.parquet") for d in store.datasets()
    ]
    rows = duckdb.sql(f"SELECT occurrence_id FROM read_parquet({files!r})").fetchall()
    return [r[0] for r in rows]


def test_one_recorded_page_is_queried_within_the_boundary_and_imported(
    api: Api, clock: FakeClock, store: Store
) -> None:
    page = api.gbif(EVENTDATE)[2]
    replay = Replay([page])
    report = run(replay, clock, store)

    params = replay.params(0)
    polygon = shapely.from_wkt(params["geometry"][0])
    assert polygon.exterior.is_ccw and polygon.covers(CALIFORNIA)
    assert params["hasCoordinate"] == ["true"]
    assert params["hasGeospatialIssue"] == ["false"]
    assert params["occurrenceStatus"] == ["PRESENT"]
    assert (params["limit"], params["offset"]) == (["300"], ["0"])

    results = page.json()["results"]
    without_point = sum("decimalLatitude" not in r for r in results)
    assert (report.received, report.requests, report.outside_boundary) == (71, 1, 0)
    assert report.dataset is not None and report.dataset.rows_read == 71
    assert report.dataset.rejected["no_coordinates"] == without_point == 32
    assert report.dataset.records + sum(report.dataset.rejected.values()) == 71
    assert report.dataset.info.citation is not None
    assert report.dataset.info.citation.startswith("GBIF.org (")
    assert report.dataset.info.citation.endswith(
        "GBIF Occurrence Search https://api.gbif.org/v1/occurrence/search"
    )
    assert any("no DOI" in w for w in report.warnings)


def test_records_outside_the_boundary_are_clipped_before_the_import(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """West of 117 degrees W only: the located records east of it are counted outside; records
    without a point go on to the importer, which sets them aside."""
    page = api.gbif(EVENTDATE)[2]
    west = box(-125, 20, -117, 45)
    east = sum(1 for x, y in located(page) if not west.covers(shapely.Point(x, y)))
    assert 0 < east < 39
    report = run(Replay([page]), clock, store, boundary=west)
    assert report.outside_boundary == east
    assert report.dataset is not None and report.dataset.rows_read == 71 - east


def test_paging_follows_gbif_offsets_and_never_asks_past_the_count(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """Recorded: a first page of 300 and the page at offset 300 with limit 200. With `count`
    set to 500 the run needs exactly these two, and the second request is the recorded one."""
    recorded = api.gbif(OCC_DATA)
    first, second = with_count(recorded[2], 500), with_count(recorded[3], 500)
    replay = Replay([first, second])
    report = run(replay, clock, store)
    assert [(replay.params(i)["offset"], replay.params(i)["limit"]) for i in range(2)] == [
        (["0"], ["300"]),
        (["300"], ["200"]),
    ]
    assert dict(recorded[3].query)["offset"] == "300" and dict(recorded[3].query)["limit"] == "200"
    ids = [r["gbifID"] for p in (first, second) for r in p.json()["results"]]
    assert report.received == 500 and report.duplicates == 500 - len(set(ids)) == 0
    assert (report.pages_fetched, report.queries) == (2, 1)


def test_the_recorded_year_range_query_is_asked_the_same_way(
    api: Api, clock: FakeClock, store: Store
) -> None:
    page = api.gbif(EVENTDATE)[2]
    assert ("year", "1990,1991") in page.query
    replay = Replay([page])
    query = GbifQuery(
        years=(1990, 1991),
        groups=("birds", "arthropods"),
        basis_of_record=("HUMAN_OBSERVATION", "PRESERVED_SPECIMEN"),
    )
    run(replay, clock, store, query=query)
    params = replay.params(0)
    assert params["year"] == ["1990,1991"]
    assert params["taxonKey"] == ["212", "54"]
    assert params["basisOfRecord"] == ["HUMAN_OBSERVATION", "PRESERVED_SPECIMEN"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (lambda: GbifQuery(groups=("mammals",)), r"'mammals' is not a taxon group; use one of "),
        (lambda: GbifQuery(basis_of_record=("SIGHTING",)), r"basis of record 'SIGHTING' is not"),
        (lambda: GbifQuery(years=(2020, 2010)), r"the first year 2020 comes after the last 2010"),
    ],
)
def test_a_bad_filter_is_refused_before_any_request(
    query: Callable[[], GbifQuery], message: str
) -> None:
    with pytest.raises(ConnectorError, match=message):
        query().taxon_keys()


def test_years_are_halved_until_every_range_fits_the_cap() -> None:
    """Cap 100. 2000-2003 holds 60 + 50 + 0 + 90 = 200: split into 2000-2001 (110, still too
    many: 2000 = 60 and 2001 = 50) and 2002-2003 (90, fits). The empty year is never listed."""
    per_year = {2000: 60, 2001: 50, 2002: 0, 2003: 90}
    asked: list[tuple[int, int] | None] = []

    def count(years: tuple[int, int] | None) -> int:
        asked.append(years)
        assert years is not None
        return sum(n for y, n in per_year.items() if years[0] <= y <= years[1])

    parts = split_years(
        count, (2000, 2003), cap=100, first_year=1753, last_year=2026, advice="x", total=200
    )
    assert parts == [((2000, 2000), 60), ((2001, 2001), 50), ((2002, 2003), 90)]
    assert asked == [(2000, 2001), (2000, 2000), (2001, 2001), (2002, 2003)]


def test_without_years_the_whole_span_is_split_and_undated_records_are_out_of_reach() -> None:
    """No year filter: 250 records, of which 20 have no year. The span 1753-2026 is split; the
    ranges found hold the 230 dated records."""

    def count(years: tuple[int, int] | None) -> int:
        if years is None:
            return 250
        return 230 if years[0] <= 2020 <= years[1] else 0

    parts = split_years(count, None, cap=240, first_year=1753, last_year=2026, advice="x")
    assert sum(n for _, n in parts) == 230
    assert all(span is not None and span[0] <= 2020 <= span[1] for span, _ in parts)


def test_a_single_year_over_the_cap_points_to_the_download_api() -> None:
    with pytest.raises(
        ConnectorError,
        match=r"150 records in 2012 alone, more than one query may page \(100\); use",
    ):
        split_years(
            lambda years: 150, (2012, 2012), cap=100, first_year=1753, last_year=2026,
            advice="use a download",
        )  # fmt: skip


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    """GBIF's cap of 100,000 records per query lowered to 400, so recorded pages can show a
    split; everything else as in services.yaml."""
    gbif = services().gbif
    patched = gbif.model_copy(
        update={"search": gbif.search.model_copy(update={"max_records": 400})}
    )
    monkeypatch.setattr(gbif_module, "gbif_service", lambda: patched)
    return 400


def test_a_query_over_the_cap_is_counted_and_paged_by_year(
    api: Api, clock: FakeClock, store: Store, small_cap: int
) -> None:
    recorded = api.gbif(OCC_DATA)
    count_only = api.gbif("rgbif/occ_count.yml")[2]
    replay = Replay([
        with_count(recorded[2], 500),
        with_count(count_only, 300),
        with_count(count_only, 200),
        with_count(recorded[2], 300),
        with_count(recorded[3], 200, end=True),
    ])  # fmt: skip
    report = run(replay, clock, store, query=GbifQuery(years=(2000, 2001)))
    asked = [
        (replay.params(i)["year"], replay.params(i)["limit"], replay.params(i).get("offset"))
        for i in range(5)
    ]
    assert asked == [
        (["2000,2001"], ["300"], ["0"]),
        (["2000,2000"], ["0"], None),
        (["2001,2001"], ["0"], None),
        (["2000,2000"], ["300"], ["0"]),
        (["2001,2001"], ["200"], ["0"]),
    ]
    assert report.queries == 2 and report.received == 500


def test_a_year_over_the_cap_stops_the_run_with_advice(
    api: Api, clock: FakeClock, store: Store, small_cap: int
) -> None:
    replay = Replay([with_count(api.gbif(OCC_DATA)[2], 500)])
    with pytest.raises(
        ConnectorError, match=r"500 records in 2000 alone.*GBIF download \(--download\)"
    ):
        run(replay, clock, store, query=GbifQuery(years=(2000, 2000)))
    assert visible_tree(store) is None


def test_records_on_the_seam_of_two_query_pieces_are_kept_once(
    api: Api, clock: FakeClock, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two islands, 7 degrees apart, too detailed for one query under a 6-vertex budget: two
    queries. The recorded page is served for both, so every record arrives twice and is kept
    once (then clipped to the islands)."""
    monkeypatch.setattr(
        gbif_module, "search_budget", lambda: AreaBudget(max_vertices=6, max_chars=1500)
    )
    page = api.gbif(EVENTDATE)[2]
    islands = MultiPolygon([box(-125, 20, -117, 45), box(-110, 20, -100, 45)])
    replay = Replay([page, page])
    report = run(replay, clock, store, boundary=islands)
    assert report.queries == 2 and len(replay.requests) == 2
    assert report.received == 142 and report.duplicates == 71
    assert report.dataset is not None and report.dataset.rows_read == 71 - report.outside_boundary


def test_a_run_that_failed_half_way_continues_without_refetching_finished_pages(
    api: Api, clock: FakeClock, store: Store
) -> None:
    recorded = api.gbif(OCC_DATA)
    first, second = with_count(recorded[2], 500), with_count(recorded[3], 500)
    offline = Replay([first, *[httpx.ConnectError("network is unreachable")] * 5])
    with pytest.raises(NetworkUnavailable):
        run(offline, clock, store)
    assert visible_tree(store) is None
    assert store.datasets() == []

    again = Replay([second])
    report = run(again, clock, store)
    assert [dict(r.url.params)["offset"] for r in again.requests] == ["300"]
    assert report.resumed and report.pages_reused == 1 and report.pages_fetched == 1
    assert report.received == 500
    assert report.dataset is not None and report.dataset.rows_read == 500


def test_fetching_the_same_records_twice_stores_them_once(
    api: Api, clock: FakeClock, store: Store
) -> None:
    page = api.gbif(EVENTDATE)[2]
    first = run(Replay([page]), clock, store)
    before = visible_tree(store)
    second = run(Replay([page]), clock, store)
    assert not first.already_present and second.already_present
    assert second.dataset == first.dataset
    assert visible_tree(store) == before
    assert len(store.datasets()) == 1


def test_a_later_fetch_that_overlaps_an_earlier_one_adds_only_the_new_records(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """The 20 records of the small recorded page are all among the 300 of the larger one."""
    recorded = api.gbif(OCC_DATA)
    small, large = with_count(recorded[1], 20, end=True), with_count(recorded[2], 300, end=True)
    small_ids = {r["gbifID"] for r in small.json()["results"]}
    assert small_ids <= {r["gbifID"] for r in large.json()["results"]}
    run(Replay([small]), clock, store)
    run(Replay([large]), clock, store)
    ids = stored_ids(store)
    assert len(store.datasets()) == 2
    assert len(ids) == len(set(ids))


def test_a_failing_import_leaves_the_store_as_it_was_and_keeps_the_pages(
    api: Api, clock: FakeClock, store: Store
) -> None:
    run(Replay([api.gbif(EVENTDATE)[2]]), clock, store)
    before = visible_tree(store)
    page = api.gbif(OCC_DATA)[1]
    data = page.json()
    data["results"][3]["coordinateUncertaintyInMeters"] = -5
    broken = page.with_json({**data, "endOfRecords": True, "count": 20})
    wrong = data["results"][3]["gbifID"]
    with pytest.raises(
        SpeciesDataError,
        match=rf"field coordinateUncertaintyInMeters: '-5' is out of range: .*\(record gbifID {wrong}\)",
    ):
        run(Replay([broken]), clock, store, query=GbifQuery(years=(1800, 2030)))
    assert visible_tree(store) == before
    assert len(store.datasets()) == 1
    states = [
        json.loads((folder / "run.json").read_text())
        for folder in (store.root / ".connectors" / "runs").iterdir()
    ]
    assert sorted(s["status"] for s in states) == ["fetching", "imported"]


def test_an_empty_answer_imports_nothing(api: Api, clock: FakeClock, store: Store) -> None:
    empty = with_count(api.gbif(EVENTDATE)[2], 0, end=True).json()
    empty["results"] = []
    page = api.gbif(EVENTDATE)[2].with_json(empty)
    report = run(Replay([page]), clock, store, boundary=Polygon([(0, 0), (1, 0), (1, 1)]))
    assert report.dataset is None and store.datasets() == []
    assert "nothing was imported" in report.warnings[-1]
