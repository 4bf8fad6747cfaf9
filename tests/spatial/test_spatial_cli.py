"""`localgbf spatial ...`: the exact JSON keys of the issue, and clean failures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from click.testing import CliRunner, Result

from localgbf.cli.main import cli
from spatial.builders import cell_box, write_raster, write_vector

AUGUSTA = "landcover/augusta_nlcd/augusta_nlcd_2011.tif"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_mesh_prints_the_documented_json_keys(shared_data: Path) -> None:
    result = run("spatial", "mesh", shared_data / AUGUSTA, "--natural", "41,43", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in (
        "effective_mesh_size_ha",
        "coherence_pct",
        "natural_area_ha",
        "patches",
        "groups",
        "method_version",
    ):
        assert key in data
    assert data["coherence_pct"] == pytest.approx(58.73, abs=0.01)
    assert "fragstats_mesh_ha" not in data
    assert data["inputs"][0]["name"] == "augusta_nlcd_2011.tif"


def test_mesh_with_no_gap_also_prints_the_fragstats_mesh(shared_data: Path) -> None:
    result = run(
        "spatial", "mesh", shared_data / AUGUSTA, "--natural", "42", "--gap-m", "0", "--json"
    )
    data = json.loads(result.output)
    assert data["patches"] == 1795
    assert data["fragstats_mesh_ha"] == pytest.approx(41.5710, abs=5e-5)


def test_mesh_accepts_a_range_of_codes_and_prints_a_table(shared_data: Path) -> None:
    result = run("spatial", "mesh", shared_data / AUGUSTA, "--natural", "41-43")
    assert result.exit_code == 0
    assert "coherence_pct" in result.output and "rule" in result.output


def test_mesh_with_barriers_and_zones_from_files(tmp_path: Path) -> None:
    array = np.full((20, 25), 2, dtype=np.uint8)
    array[5:10, 2:7] = 1
    array[5:10, 12:17] = 1
    landcover = write_raster(tmp_path / "lc.tif", array)
    x0, y0, x1, y1 = cell_box(0, 9, rows=20).bounds
    road = write_vector(
        tmp_path / "roads.gpkg", [shapely.LineString([((x0 + x1) / 2, y1), ((x0 + x1) / 2, y0)])]
    )
    zones = write_vector(
        tmp_path / "wards.geojson",
        [cell_box(0, 0, rows=20, cols=9), cell_box(0, 9, rows=20, cols=16)],
        fields={"ward": ["A", "B"]},
    )
    result = run(
        "spatial",
        "mesh",
        landcover,
        "--natural",
        "1",
        "--barriers",
        road,
        "--zones",
        zones,
        "--zone-field",
        "ward",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["groups"] == 2
    assert set(data["zones"]) == {"A", "B"}
    assert [i["role"] for i in data["inputs"]] == ["landcover", "barriers", "subunits"]


def test_shares_per_zone_as_json(shared_data: Path, tmp_path: Path) -> None:
    array = np.full((10, 10), 2, dtype=np.uint8)
    array[:3] = 1
    landcover = write_raster(tmp_path / "lc.tif", array)
    zones = write_vector(
        tmp_path / "z.gpkg",
        [cell_box(0, 0, rows=10, cols=5), cell_box(0, 5, rows=10, cols=5)],
        fields={"n": ["W", "E"]},
    )
    result = run("spatial", "shares", landcover, "--zones", zones, "--zone-field", "n", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"]["area_ha"] == pytest.approx(1.0)
    assert data["zones"]["W"]["classes"][0] == {
        "code": 1,
        "area_ha": pytest.approx(0.15),
        "share_pct": pytest.approx(30.0),
        "label": None,
    }


def test_shares_show_class_labels_in_chinese(shared_data: Path) -> None:
    result = run(
        "spatial", "shares", shared_data / AUGUSTA, "--class-map", "nlcd", "--lang", "zh-hans"
    )
    assert result.exit_code == 0
    assert "常绿林" in result.output


def test_classmaps_lists_the_presets() -> None:
    data = json.loads(run("spatial", "classmaps", "--json").output)
    assert {m["id"] for m in data} == {"esa-worldcover", "copernicus-glc100", "nlcd"}


def test_a_raster_without_crs_fails_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "nocrs.tif", np.ones((3, 3), np.uint8), crs=None)
    result = run("spatial", "mesh", path, "--natural", "1", "--json")
    assert result.exit_code == 1
    assert "nocrs.tif: has no coordinate reference system" in result.output
    assert "Traceback" not in result.output


def test_a_boundary_away_from_the_raster_fails_with_a_message(shared_data: Path) -> None:
    result = run(
        "spatial",
        "mesh",
        shared_data / AUGUSTA,
        "--natural",
        "41",
        "--boundary",
        shared_data / "osm/monaco/monaco_boundary.geojson",
    )
    assert result.exit_code == 1
    assert (
        "monaco_boundary.geojson: does not overlap the land cover augusta_nlcd_2011.tif"
        in result.output
    )


def test_codes_that_do_not_exist_fail_with_a_message(shared_data: Path) -> None:
    result = run("spatial", "mesh", shared_data / AUGUSTA, "--natural", "99")
    assert result.exit_code == 1
    assert "holds none of the natural code(s) [99]" in result.output


def test_a_bad_code_list_is_a_usage_error(shared_data: Path) -> None:
    result = run("spatial", "mesh", shared_data / AUGUSTA, "--natural", "forest")
    assert result.exit_code == 2
    assert "'forest' is not a code" in result.output
