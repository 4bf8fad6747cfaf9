"""`localgbf species ...`: the wiring of each command and its errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from localgbf.cli.main import cli

from .conftest import City, folder_checksum


def invoke(*args: object) -> object:
    return CliRunner().invoke(cli, ["species", *[str(a) for a in args]])


def test_import_prints_counts_and_reasons(gbif_dwca: Path, tmp_path: Path) -> None:
    result = invoke("import", gbif_dwca, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    assert "Imported 47 records from gbif-results.zip (dwca)" in out
    assert "No coordinates: 102" in out
    assert "Coordinates 0, 0: 7" in out


def test_import_json_says_when_a_file_is_already_there(inat_csv: Path, tmp_path: Path) -> None:
    invoke("import", inat_csv, "--store", tmp_path / "s")
    result = invoke("import", inat_csv, "--store", tmp_path / "s", "--json", "--doi", "10.1/x")
    data = json.loads(result.output)  # type: ignore[attr-defined]
    assert data["already_present"] is True
    assert data["records"] == 1


def test_import_of_a_bad_file_fails_with_one_line_and_changes_nothing(
    inat_csv: Path, tmp_path: Path
) -> None:
    store = tmp_path / "s"
    invoke("import", inat_csv, "--store", store)
    before = folder_checksum(store)
    bad = tmp_path / "bad.zip"
    bad.write_text("not a zip", "utf-8")
    result = invoke("import", bad, "--store", store)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "Error: bad.zip: is not a zip archive" in result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert folder_checksum(store) == before


def test_checklist_prints_taxa_and_swaps(griis: Path, tmp_path: Path) -> None:
    result = invoke("checklist", griis / "singapore", "--store", tmp_path / "s")
    out = result.output  # type: ignore[attr-defined]
    assert "698 taxa (introduced 467, invasive 20, uncertain 211); 20 flagged invasive" in out
    assert "read swapped" in out


def test_indicators_json_has_every_indicator_and_the_counts(city: City) -> None:
    invoke("import", city.occurrences, "--store", city.store)
    invoke("checklist", city.checklist, "--store", city.store)
    result = invoke(
        "indicators", "--store", city.store, "--boundary", city.boundary,
        "--landcover", city.landcover, "--class-map", "esa-worldcover",
        "--from", 2020, "--to", 2024, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.output)  # type: ignore[attr-defined]
    assert {k: data[f"indicator_{k}"]["value"] for k in (4, 5, 6, 9)} == {
        4: 1.0, 5: 0.0, 6: 0.0, 9: 25.0,
    }  # fmt: skip
    assert round(data["indicator_3"]["value"], 2) == 66.67
    assert (data["unmatched_names"], data["obscured_records"]) == (1, 2)


def test_indicators_in_chinese_name_the_indicators_in_chinese(city: City) -> None:
    invoke("import", city.occurrences, "--store", city.store)
    result = invoke(
        "indicators", "--store", city.store, "--boundary", city.boundary, "--lang", "zh-hans"
    )
    assert "建成区本地鸟类物种" in result.output  # type: ignore[attr-defined]


def test_indicators_need_land_cover_and_class_map_together(city: City) -> None:
    invoke("import", city.occurrences, "--store", city.store)
    result = invoke(
        "indicators",
        "--store",
        city.store,
        "--boundary",
        city.boundary,
        "--landcover",
        city.landcover,
    )
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "--landcover and --class-map go together" in result.output  # type: ignore[attr-defined]


def test_indicators_on_an_empty_folder_say_to_import_first(tmp_path: Path, city: City) -> None:
    result = invoke("indicators", "--store", tmp_path / "nothing", "--boundary", city.boundary)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "no species store here; import data first" in result.output  # type: ignore[attr-defined]


def test_datasets_and_records_show_citations_and_withhold_sensitive_points(
    city: City, tmp_path: Path
) -> None:
    invoke("import", city.occurrences, "--store", city.store, "--citation", "City survey 2024")
    listing = invoke("datasets", "--store", city.store)
    assert "cite: City survey 2024" in listing.output  # type: ignore[attr-defined]
    sensitive = tmp_path / "sensitive.txt"
    sensitive.write_text("Bubo bubo\n", "utf-8")
    shown = invoke("records", "Bubo bubo", "--store", city.store, "--sensitive", sensitive)
    assert shown.output.count("coordinates withheld") == 3  # type: ignore[attr-defined]
