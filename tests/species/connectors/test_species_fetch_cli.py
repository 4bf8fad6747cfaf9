"""`localgbf species fetch`: its wiring, its output and its messages (the network replayed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from localgbf.cli.species_fetch import fetch

from .builders import Api, square, write_boundary
from .cassettes import FakeClock, Replay


@pytest.fixture
def baja(tmp_path: Path) -> Path:
    return write_boundary(tmp_path / "baja.geojson", square(-120, 29, -114, 35))


def invoke(replay: Replay, *args: str, env: dict[str, str] | None = None, **kw: Any) -> Result:
    obj = {"http_transport": replay.transport(), "clock": FakeClock()}
    return CliRunner().invoke(fetch, list(args), obj=obj, env=env, **kw)


def test_a_gbif_fetch_prints_what_was_received_stored_and_how_to_cite_it(
    api: Api, baja: Path, tmp_path: Path
) -> None:
    replay = Replay([api.gbif("rgbif/occ_search_eventdate.yml")[2]])
    result = invoke(replay, "gbif", "--boundary", str(baja), "--store", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("GBIF occurrence search: 71 records received in 1 page")
    assert "0 outside the boundary, 0 repeated; 71 handed to the importer" in lines[1]
    assert any(line.startswith("Data set ") and "(stored): 33 records" in line for line in lines)
    assert any(line.startswith("Cite: GBIF.org (") for line in lines)
    assert "warning: an occurrence search has no DOI" in result.stderr


def test_json_output_carries_the_data_set_and_its_citation(
    api: Api, baja: Path, tmp_path: Path
) -> None:
    replay = Replay([api.gbif("rgbif/occ_search_eventdate.yml")[2]])
    result = invoke(
        replay, "gbif", "--boundary", str(baja), "--store", str(tmp_path / "s"), "--json",
        "--from", "1990", "--to", "1991", "--groups", "vascular_plants",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"]["records"] == 33 and data["received"] == 71
    assert data["dataset"]["citation"].startswith("GBIF.org (")
    assert replay.params(0)["year"] == ["1990,1991"]
    assert replay.params(0)["taxonKey"] == ["7707728"]


def test_no_network_ends_with_a_one_line_message(baja: Path, tmp_path: Path) -> None:
    replay = Replay([httpx.ConnectError("[Errno -3] Temporary failure in name resolution")] * 5)
    result = invoke(replay, "inaturalist", "--boundary", str(baja), "--store", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: iNaturalist: cannot reach api.inaturalist.org after 5 tries"
    )
    assert "Traceback" not in result.output


def test_an_inaturalist_fetch_reports_obscured_locations(api: Api, tmp_path: Path) -> None:
    iowa = write_boundary(tmp_path / "iowa.geojson", square(-94, 41, -93, 42))
    replay = Replay([api.inat("get_observation_with_ofvs.json")])
    result = invoke(
        replay,
        "inaturalist",
        "--any-grade",
        "--boundary",
        str(iowa),
        "--store",
        str(tmp_path / "s"),
    )
    assert result.exit_code == 0, result.output
    assert "obscured or generalised locations: 1 (obscured 1, geoprivacy 1" in result.stdout
    assert "quality_grade" not in replay.params(0)


def test_a_gbif_download_reads_the_account_from_the_environment(
    api: Api, baja: Path, tmp_path: Path, shared_data: Path
) -> None:
    archive = (shared_data / "occurrences" / "gbif_dwca_sample" / "gbif-results.zip").read_bytes()
    replay = Replay(
        [*api.gbif("rgbif/occ_download_wait_request.yml"), httpx.Response(200, content=archive)]
    )
    env = {
        "GBIF_USER": "city-officer",
        "GBIF_EMAIL": "officer@example.org",
        "GBIF_PWD": "s3cret-pw",
    }
    result = invoke(
        replay,
        "gbif",
        "--download",
        "--boundary",
        str(baja),
        "--store",
        str(tmp_path / "s"),
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert (
        "Cite: GBIF.org (4 September 2025) GBIF Occurrence Download https://doi.org/10.15468/dl.np3k7j"
        in result.stdout
    )
    assert "s3cret-pw" not in result.output
    assert replay.requests[0].headers["Authorization"].startswith("Basic ")


def test_a_download_without_an_account_is_a_usage_error(baja: Path, tmp_path: Path) -> None:
    result = invoke(
        Replay([]),
        "gbif",
        "--download",
        "--boundary",
        str(baja),
        "--store",
        str(tmp_path / "s"),
        env={"GBIF_USER": "", "GBIF_EMAIL": ""},
    )
    assert result.exit_code == 2
    assert "--download needs a GBIF account" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gbif", "--groups", "mammals"], "'mammals' is not a taxon group"),
        (["inaturalist", "--basis-of-record", "HUMAN_OBSERVATION"], "apply to gbif only"),
        (["gbif", "--from", "2020", "--to", "2010"], "--from 2020 comes after --to 2010"),
        (["gbif", "--basis-of-record", "SIGHTING"], "basis of record 'SIGHTING' is not one of"),
    ],
)
def test_bad_options_are_refused_before_any_request(
    baja: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    replay = Replay([])
    result = invoke(replay, *args, "--boundary", str(baja), "--store", str(tmp_path / "s"))
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert replay.requests == []


def test_a_missing_boundary_file_is_named(tmp_path: Path) -> None:
    result = invoke(
        Replay([]),
        "gbif",
        "--boundary",
        str(tmp_path / "nowhere.geojson"),
        "--store",
        str(tmp_path / "s"),
    )
    assert result.exit_code == 1
    assert "nowhere.geojson" in result.stderr and "not found" in result.stderr
