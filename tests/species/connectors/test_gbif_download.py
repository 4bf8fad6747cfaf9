"""GBIF's asynchronous download, replayed from rgbif's recording of a real one (PREPARING,
RUNNING, SUCCEEDED with a DOI), with a real GBIF download archive served as the file."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import shapely
from shapely.geometry import box

from localgbf.species.connectors.errors import ConnectorError, DownloadFailed, NetworkUnavailable
from localgbf.species.connectors.gbif import GbifQuery, gbif_client
from localgbf.species.connectors.gbif_download import (
    GbifCredentials,
    PollPolicy,
    download_citation,
    fetch_gbif_download,
)
from localgbf.species.connectors.runs import FetchReport
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import Store, open_store

from .builders import Api, visible_tree
from .cassettes import FakeClock, Recorded, Replay

WAIT = "rgbif/occ_download_wait_request.yml"
KEY = "0026011-250827131500795"
AREA = box(90, -10, 130, 30)
CREDENTIALS = GbifCredentials(
    user="city-officer", password="s3cret-pw", email="officer@example.org"
)


@pytest.fixture
def archive(shared_data: Path) -> bytes:
    """GBIF download 0000006-130717145108713 (python-dwca-reader test file), served as the
    file of the recorded download."""
    return (shared_data / "occurrences" / "gbif_dwca_sample" / "gbif-results.zip").read_bytes()


def zip_response(content: bytes) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"content-type": "application/zip"})


def run(replay: Replay, clock: FakeClock, store: Store, **kwargs: object) -> FetchReport:
    client = gbif_client(transport=replay.transport(), clock=clock)
    return fetch_gbif_download(
        AREA,
        store,
        credentials=CREDENTIALS,
        client=client,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_download_is_requested_polled_fetched_and_imported_with_its_doi(
    api: Api, clock: FakeClock, store: Store, archive: bytes, tmp_path: Path
) -> None:
    recorded = api.gbif(WAIT)
    statuses = [r.json()["status"] for r in recorded[1:]]
    assert statuses[0] == "PREPARING" and "RUNNING" in statuses and statuses[-1] == "SUCCEEDED"
    replay = Replay([*recorded, zip_response(archive)])
    report = run(replay, clock, store, query=GbifQuery(years=(1975, 2025), groups=("birds",)))

    post = replay.requests[0]
    assert (post.method, post.url.path) == ("POST", "/v1/occurrence/download/request")
    body = json.loads(post.content)
    assert body["creator"] == "city-officer" and body["format"] == "DWCA"
    predicates = body["predicate"]["predicates"]
    within = shapely.from_wkt(predicates[0]["geometry"])
    assert predicates[0]["type"] == "within" and within.exterior.is_ccw and within.covers(AREA)
    keys = {(p.get("key"), p.get("value"), tuple(p.get("values", ()))) for p in predicates[1:]}
    assert keys == {
        ("OCCURRENCE_STATUS", "PRESENT", ()),
        ("HAS_COORDINATE", "true", ()),
        ("HAS_GEOSPATIAL_ISSUE", "false", ()),
        ("TAXON_KEY", None, ("212",)),
        ("YEAR", "1975", ()),
        ("YEAR", "2025", ()),
    }
    assert [r.url.path for r in replay.requests[1:-1]] == [f"/v1/occurrence/download/{KEY}"] * 56
    assert str(replay.requests[-1].url).endswith(f"/request/{KEY}.zip")

    (tmp_path / "same.zip").write_bytes(archive)
    direct = import_occurrences(tmp_path / "same.zip", open_store(tmp_path / "direct")).dataset
    assert report.dataset is not None
    assert (report.dataset.records, report.dataset.rejected) == (direct.records, direct.rejected)
    assert report.dataset.info.doi == "10.15468/dl.np3k7j"
    assert report.dataset.info.citation == (
        "GBIF.org (4 September 2025) GBIF Occurrence Download https://doi.org/10.15468/dl.np3k7j"
    )
    assert report.download_key == KEY and report.received == direct.rows_read
    stored = json.loads(
        (store.entry_dir("occurrences", report.dataset.id) / "dataset.json").read_text()
    )
    assert stored["info"]["doi"] == "10.15468/dl.np3k7j"


def test_polling_waits_longer_each_time_up_to_a_ceiling(
    api: Api, clock: FakeClock, store: Store, archive: bytes
) -> None:
    """First wait 15 s, times 1.5 each poll, never more than 300 s: 15, 22.5, 33.75, 50.625,
    75.9375, 113.90625, 170.859375, 256.2890625, then 300 for every later poll."""
    replay = Replay([*api.gbif(WAIT), zip_response(archive)])
    run(replay, clock, store)
    assert clock.sleeps[:9] == pytest.approx(
        [15, 22.5, 33.75, 50.625, 75.9375, 113.90625, 170.859375, 256.2890625, 300]
    )
    assert len(clock.sleeps) == 55 and set(clock.sleeps[8:]) == {300}


def test_the_password_goes_only_into_the_request_header(
    api: Api, clock: FakeClock, store: Store, archive: bytes
) -> None:
    replay = Replay([*api.gbif(WAIT), zip_response(archive)])
    report = run(replay, clock, store)
    assert (
        replay.requests[0].headers["Authorization"]
        == httpx.BasicAuth("city-officer", "s3cret-pw")._auth_header
    )
    assert all("Authorization" not in r.headers for r in replay.requests[1:])
    assert "s3cret-pw" not in repr(CREDENTIALS)
    assert "s3cret-pw" not in json.dumps(report.as_json())
    for file in store.root.rglob("*"):
        if file.is_file() and file.suffix in (".json", ".csv"):
            assert "s3cret-pw" not in file.read_text("utf-8", errors="replace")


def test_a_run_stopped_while_gbif_prepares_polls_the_same_download_again(
    api: Api, clock: FakeClock, store: Store, archive: bytes
) -> None:
    recorded = api.gbif(WAIT)
    offline = Replay([recorded[0], recorded[1], *[httpx.ConnectError("no route to host")] * 5])
    with pytest.raises(NetworkUnavailable):
        run(offline, clock, store)
    assert visible_tree(store) is None

    again = Replay([*recorded[2:], zip_response(archive)])
    report = run(again, clock, store)
    assert all(r.method == "GET" for r in again.requests)
    assert report.resumed and report.download_key == KEY
    assert report.dataset is not None and report.dataset.info.doi == "10.15468/dl.np3k7j"


def test_a_cancelled_download_is_reported_and_forgotten(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """rgbif's recorded metadata of a CANCELLED download stands in for the status answer."""
    cancelled = api.gbif("rgbif/occ_download_meta.yml")[0]
    request = api.gbif(WAIT)[0]
    status = Recorded(
        "GET",
        f"https://api.gbif.org/v1/occurrence/download/{KEY}",
        200,
        cancelled.headers,
        cancelled.body,
    )
    with pytest.raises(DownloadFailed, match=r"ended with status CANCELLED; nothing was imported"):
        run(Replay([request, status]), clock, store)
    state = next((store.root / ".connectors" / "runs").iterdir()) / "run.json"
    assert json.loads(state.read_text())["download_key"] is None


def test_wrong_credentials_are_refused_without_retrying(
    api: Api, clock: FakeClock, store: Store
) -> None:
    unauthorized = api.gbif("rgbif/occ_download_list_unauthorized.yml")[0]
    answer = Recorded("POST", "", unauthorized.status, unauthorized.headers, unauthorized.body)
    with pytest.raises(
        ConnectorError, match=r"refused with HTTP 401: Failed to authenticate user foobar"
    ):
        run(Replay([answer]), clock, store)
    assert clock.sleeps == []


def test_a_damaged_archive_is_downloaded_again(
    api: Api, clock: FakeClock, store: Store, archive: bytes
) -> None:
    replay = Replay(
        [*api.gbif(WAIT), zip_response(archive[: len(archive) // 2]), zip_response(archive)]
    )
    report = run(replay, clock, store)
    assert report.retries == 1 and report.dataset is not None


def test_a_download_that_never_finishes_stops_and_keeps_its_key(
    api: Api, clock: FakeClock, store: Store
) -> None:
    """Polls at 0, 10, 20 and 30 s; after 30 s of waiting (more than the 25 allowed) the run
    stops, keeping the key for the next run."""
    recorded = api.gbif(WAIT)
    replay = Replay(recorded[:5])
    with pytest.raises(
        ConnectorError, match=r"still (PREPARING|RUNNING) after .* run the same command again later"
    ):
        run(replay, clock, store, poll=PollPolicy(first_wait_s=10, factor=1, give_up_after_s=25))
    state = next((store.root / ".connectors" / "runs").iterdir()) / "run.json"
    assert json.loads(state.read_text())["download_key"] == KEY


def test_the_citation_reads_as_gbif_writes_it(api: Api) -> None:
    """GBIF's citation endpoint, recorded by pygbif for download 0235283-220831081235567:
    "GBIF.org (2 January 2023) GBIF Occurrence Download https://doi.org/10.15468/dl.29wbtx"."""
    recorded = api.gbif("test-occurrences-download_citation.yaml")[0].body.decode()
    meta = {"created": "2023-01-02T10:11:12.000+00:00", "doi": "10.15468/dl.29wbtx"}
    assert download_citation(meta) == recorded.strip()
    assert download_citation({"created": "2023-01-02T10:11:12Z"}) is None
