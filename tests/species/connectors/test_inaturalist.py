"""iNaturalist observations for a boundary, replayed from the recorded v1 responses: the query,
paging, the date split under the result cap, the CSV rows, obscured locations, resume and
idempotence."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from shapely.geometry import box

from localgbf.species.connectors import inaturalist as inat_module
from localgbf.species.connectors.errors import ConnectorError
from localgbf.species.connectors.inaturalist import (
    INatQuery,
    fetch_inaturalist,
    inaturalist_client,
    observation_row,
    split_dates,
)
from localgbf.species.connectors.reference import services
from localgbf.species.connectors.runs import FetchReport
from localgbf.species.groups import Taxonomy, classify
from localgbf.species.store import Store

from .builders import Api, visible_tree
from .cassettes import FakeClock, Recorded, Replay

SASKATCHEWAN = box(-105.5, 49.5, -104, 51)  # Wilcox and Regina
WILCOX = box(-104.8, 50.0, -104.6, 50.2)
EVERYWHERE = box(-110, 40, 10, 60)  # Saskatchewan, Iowa and Belgium


def run(
    replay: Replay, clock: FakeClock, store: Store, boundary: Any = SASKATCHEWAN, **kwargs: Any
) -> FetchReport:
    client = inaturalist_client(transport=replay.transport(), clock=clock)
    return fetch_inaturalist(boundary, store, client=client, **kwargs)


def envelope(api: Api, *names: str, total: int | None = None, per_page: int = 200) -> Recorded:
    """The results of several recorded responses in one v1 envelope (for one page that holds
    observations recorded separately)."""
    results = [r for name in names for r in api.inat(name).json()["results"]]
    body = {"total_results": len(results) if total is None else total, "page": 1,
            "per_page": per_page, "results": results}  # fmt: skip
    return api.inat(names[0]).with_json(body)


def test_an_observation_becomes_the_row_inaturalist_exports_for_it(
    api: Api, shared_data: Path
) -> None:
    """Observation 16227955 from the v1 API against the same observation in iNaturalist's own
    CSV (v0 observations.csv, recorded by pyinaturalist): every column both have agrees."""
    row = observation_row(api.inat("get_observations_by_id.json").json()["results"][0])
    export = shared_data / "occurrences" / "inaturalist_sample" / "get_observations.csv"
    with export.open(encoding="utf-8") as handle:
        expected = next(csv.DictReader(handle))
    shared = [c for c in row if c in expected]
    assert len(shared) >= 15
    assert {c: row[c] for c in shared} == {c: expected[c] for c in shared}
    assert (row["taxon_kingdom_name"], row["taxon_phylum_name"], row["taxon_class_name"]) == (
        "Animalia",
        "Arthropoda",
        "Insecta",
    )


def test_two_recorded_pages_are_fetched_one_second_apart_and_imported(
    api: Api, clock: FakeClock, store: Store
) -> None:
    replay = Replay(
        [api.inat("get_observations_page1.json"), api.inat("get_observations_page2.json")]
    )
    report = run(replay, clock, store)
    first = replay.params(0)
    assert (first["swlat"], first["swlng"], first["nelat"], first["nelng"]) == (
        ["49.500000"], ["-105.500000"], ["51.000000"], ["-104.000000"],
    )  # fmt: skip
    assert first["quality_grade"] == ["research"]
    assert (first["order_by"], first["order"], first["per_page"]) == (["id"], ["asc"], ["200"])
    assert [replay.params(i)["page"] for i in range(2)] == [["1"], ["2"]]
    assert clock.sleeps == [1.0]
    assert (report.received, report.outside_boundary, report.pages_fetched) == (2, 0, 2)
    assert report.dataset is not None and report.dataset.format == "inat-csv"
    assert report.dataset.records == 2
    assert report.dataset.licences == {"CC-BY-NC": 1}


def test_the_monarchs_are_counted_as_arthropods_from_their_ancestor_ids(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """Danaus plexippus: ancestor ids 1 (Animalia), 47120 (Arthropoda), 47158 (Insecta)."""
    replay = Replay(
        [api.inat("get_observations_page1.json"), api.inat("get_observations_page2.json")]
    )
    report = run(replay, clock, store)
    assert report.dataset is not None
    names = store.entry_dir("occurrences", report.dataset.id) / "names.parquet"
    rows = duckdb.sql(
        f"SELECT scientific_name, kingdom, phylum, class, iconic_taxon FROM read_parquet('{names}')"
    ).fetchall()
    assert rows == [("Danaus plexippus", "Animalia", "Arthropoda", "Insecta", "Insecta")]
    assert classify(Taxonomy(*rows[0][1:4])) == "arthropods"


def test_filters_become_query_parameters(api: Api, clock: FakeClock, store: Store) -> None:
    replay = Replay(
        [api.inat("get_observations_page1.json"), api.inat("get_observations_page2.json")]
    )
    query = INatQuery(years=(2019, 2020), groups=("birds", "arthropods"), research_grade=False)
    run(replay, clock, store, query=query)
    params = replay.params(0)
    assert "quality_grade" not in params
    assert params["taxon_id"] == ["3,47120"]
    assert (params["d1"], params["d2"]) == (["2019-01-01"], ["2020-12-31"])


def test_observations_outside_the_boundary_are_left_out(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """Only Wilcox (50.09 N, 104.72 W) is in the box; Regina (50.43 N, 104.56 W) is not."""
    replay = Replay(
        [api.inat("get_observations_page1.json"), api.inat("get_observations_page2.json")]
    )
    report = run(replay, clock, store, boundary=WILCOX)
    assert report.outside_boundary == 1
    assert report.dataset is not None and report.dataset.records == 1


def test_obscured_locations_are_counted_by_cause(api: Api, clock: FakeClock, store: Store) -> None:
    """Observation 70963477: obscured true, geoprivacy "obscured", public accuracy 27,754 m (over
    the 1,000 m threshold). Observation 16227955: open, accuracy 23 m."""
    page = envelope(api, "get_observation_with_ofvs.json", "get_observations_by_id.json")
    report = run(Replay([page]), clock, store, boundary=EVERYWHERE)
    assert report.obscured == {
        "any": 1,
        "obscured": 1,
        "geoprivacy": 1,
        "taxon_geoprivacy": 0,
        "coarse_accuracy": 1,
    }
    assert report.dataset is not None and report.dataset.obscured == 1


def test_dates_are_halved_until_every_range_fits_the_cap() -> None:
    """Cap 10. 2020 holds 8 observations in January and 6 in December (14): halved at day 182
    (2020 is a leap year: 1 January + 182 days = 1 July), giving 8 and 6."""
    counts = {date(2020, 1, 15): 8, date(2020, 12, 15): 6}

    def count(span: tuple[date, date] | None) -> int:
        assert span is not None
        return sum(n for day, n in counts.items() if span[0] <= day <= span[1])

    whole = (date(2020, 1, 1), date(2020, 12, 31))
    parts = split_dates(count, whole, cap=10, first=date(1753, 1, 1), last=date(2026, 1, 1))
    assert parts == [
        ((date(2020, 1, 1), date(2020, 7, 1)), 8),
        ((date(2020, 7, 2), date(2020, 12, 31)), 6),
    ]


def test_a_single_day_over_the_cap_points_to_the_export_tool() -> None:
    with pytest.raises(ConnectorError, match=r"12 observations on 2020-04-25 alone.*export tool"):
        day = (date(2020, 4, 25), date(2020, 4, 25))
        split_dates(lambda span: 12, day, cap=10, first=date(1753, 1, 1), last=date(2026, 1, 1))


def test_a_query_over_the_result_cap_is_counted_and_paged_by_date(
    api: Api, clock: FakeClock, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """iNaturalist's 10,000-result window lowered to 2. 2020 holds 3 observations: the first
    half-year 1 (asked with per_page=0), the second 2, each then paged."""
    inat = services().inaturalist
    window = inat.observations.model_copy(update={"max_results": 2})
    patched = services().model_copy(
        update={"inaturalist": inat.model_copy(update={"observations": window})}
    )
    monkeypatch.setattr(inat_module, "services", lambda: patched)
    count_page = envelope(api, "get_nonexistent_observation.json", total=1, per_page=0)
    replay = Replay([
        envelope(api, "get_observations_page1.json", total=3, per_page=1),
        count_page,
        envelope(api, "get_nonexistent_observation.json", total=2, per_page=0),
        api.inat("get_observations_by_id.json"),
        api.inat("get_observations_page1.json"),
        api.inat("get_observations_page2.json"),
    ])  # fmt: skip
    report = run(replay, clock, store, boundary=EVERYWHERE, query=INatQuery(years=(2020, 2020)))
    asked = [
        (p.get("d1"), p.get("d2"), p.get("per_page"), p.get("page"))
        for p in (replay.params(i) for i in range(6))
    ]
    assert asked == [
        (["2020-01-01"], ["2020-12-31"], ["200"], ["1"]),
        (["2020-01-01"], ["2020-07-01"], ["0"], None),
        (["2020-07-02"], ["2020-12-31"], ["0"], None),
        (["2020-01-01"], ["2020-07-01"], ["200"], ["1"]),
        (["2020-07-02"], ["2020-12-31"], ["200"], ["1"]),
        (["2020-07-02"], ["2020-12-31"], ["200"], ["2"]),
    ]
    assert report.queries == 2 and report.received == 3
    assert report.dataset is not None and report.dataset.records == 3


def test_nothing_found_imports_nothing(api: Api, clock: FakeClock, store: Store) -> None:
    report = run(Replay([api.inat("get_nonexistent_observation.json")]), clock, store)
    assert report.received == 0 and report.dataset is None
    assert visible_tree(store) is None


def test_a_run_stopped_by_rate_limiting_continues_where_it_stopped(
    api: Api, clock: FakeClock, store: Store
) -> None:
    busy = [httpx.Response(429, headers={"Retry-After": "60"}, text="Too Many Requests")] * 5
    with pytest.raises(ConnectorError, match=r"answered HTTP 429 Too Many Requests"):
        run(Replay([api.inat("get_observations_page1.json"), *busy]), clock, store)
    assert clock.sleeps.count(60.0) == 4
    assert visible_tree(store) is None

    again = Replay([api.inat("get_observations_page2.json")])
    report = run(again, clock, store)
    assert [dict(r.url.params)["page"] for r in again.requests] == ["2"]
    assert report.resumed and report.pages_reused == 1
    assert report.dataset is not None and report.dataset.records == 2


def test_fetching_the_same_observations_twice_stores_them_once(
    api: Api, clock: FakeClock, store: Store
) -> None:
    pages = [api.inat("get_observations_page1.json"), api.inat("get_observations_page2.json")]
    first = run(Replay(list(pages)), clock, store)
    second = run(Replay(list(pages)), clock, store)
    assert second.already_present and second.dataset == first.dataset
    assert len(store.datasets()) == 1
