"""Batches on a separately started Dask scheduler: results, failures, resume, national form.

The expected values are worked by hand from the synthetic cities of conftest.py: a city of
40 × 40 cells with tree cover in its first k columns has k/40 of its area natural
(indicator 1), and every result file must be what `localgbf assess RECIPE --json` prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localgbf.assess import load_recipe, run_assessment
from localgbf.assess.recipe import Recipe
from localgbf.batch import Status, load_manifest, open_cluster, run_batch
from localgbf.cli.main import cli

pytestmark = pytest.mark.slow


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def cities(make_city, csv_manifest, *specs: tuple[str, str, int]) -> Path:
    for code, name, natural in specs:
        make_city(code, name, natural)
    return csv_manifest([(code, f"cities/{code}/recipe.yaml") for code, _, _ in specs])


def natural_share(path: Path) -> float:
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(v["value"] for v in data["indicators"] if v["indicator"] == 1)


def test_a_small_batch_runs_on_a_separately_started_scheduler(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    manifest = cities(make_city, csv_manifest, ("XA", "Ayton", 10), ("XB", "Beeville", 30))
    out = tmp_path / "out"
    result = run("batch", "assess", manifest, "--scheduler", dask_scheduler, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["cluster"] == f"Dask scheduler {dask_scheduler}"
    assert (report["done"], report["failed"], report["skipped"]) == (2, 0, 0)
    assert [r["code"] for r in report["results"]] == ["XA", "XB"]
    assert natural_share(out / "XA.json") == pytest.approx(25.0)
    assert natural_share(out / "XB.json") == pytest.approx(75.0)


def test_each_result_is_exactly_what_localgbf_assess_prints(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    manifest = cities(make_city, csv_manifest, ("XA", "Ayton", 10))
    out = tmp_path / "out"
    assert (
        run("batch", "assess", manifest, "--scheduler", dask_scheduler, "--out", out).exit_code == 0
    )
    printed = run("assess", tmp_path / "cities" / "XA" / "recipe.yaml", "--json")
    assert printed.exit_code == 0, printed.output
    assert (out / "XA.json").read_text(encoding="utf-8") == printed.output


def test_a_failing_government_is_recorded_and_the_others_go_on(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    manifest = cities(
        make_city, csv_manifest, ("XA", "Ayton", 10), ("XB", "Beeville", 30), ("XC", "Ceeford", 20)
    )
    (tmp_path / "cities" / "XB" / "landcover.tif").write_bytes(b"truncated")
    out = tmp_path / "out"
    result = run("batch", "assess", manifest, "--scheduler", dask_scheduler, "--out", out)
    assert result.exit_code == 1
    assert "1 of 3 governments failed; see" in result.output
    assert "XB               failed" in result.output
    assert sorted(p.name for p in out.glob("*.json")) == ["XA.json", "XC.json"]
    problem = (out / "failed" / "XB.txt").read_text(encoding="utf-8")
    assert "XB/landcover.tif: cannot be read as a land-cover raster" in problem
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert summary[0].startswith("code,name,status,error,seconds,worker_peak_mib,i1_value,i1_score")
    assert summary[2].startswith("XB,Beeville,failed,")
    assert summary[3].startswith("XC,Ceeford,done,,")


def test_a_recipe_for_another_government_fails_naming_both_codes(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    make_city("XA", "Ayton", 10)
    manifest = csv_manifest([("XZ", "cities/XA/recipe.yaml")])
    with open_cluster(scheduler=dask_scheduler) as cluster:
        report = run_batch(load_manifest(manifest), tmp_path / "out", cluster)
    (only,) = report.runs
    assert only.status is Status.FAILED
    assert only.error == (
        "cities.csv, line 2, code: the manifest gives the code 'XZ' but the recipe "
        "recipe.yaml is for the government 'XA'"
    )


def test_a_rerun_skips_governments_already_done_unless_forced(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    manifest = cities(make_city, csv_manifest, ("XA", "Ayton", 10), ("XB", "Beeville", 30))
    broken = tmp_path / "cities" / "XB" / "landcover.tif"
    good = broken.read_bytes()
    broken.write_bytes(b"truncated")
    out = tmp_path / "out"
    with open_cluster(scheduler=dask_scheduler) as cluster:
        first = run_batch(load_manifest(manifest), out, cluster)
        assert [r.status for r in first.runs] == [Status.DONE, Status.FAILED]
        done_at = (out / "XA.json").stat().st_mtime_ns
        broken.write_bytes(good)
        second = run_batch(load_manifest(manifest), out, cluster)
        assert [r.status for r in second.runs] == [Status.SKIPPED, Status.DONE]
        assert (out / "XA.json").stat().st_mtime_ns == done_at
        assert not (out / "failed" / "XB.txt").exists()
        summary = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
        assert summary[1].startswith("XA,Ayton,skipped,,,,25.0,")
        forced = run_batch(load_manifest(manifest), out, cluster, force=True)
    assert [r.status for r in forced.runs] == [Status.DONE, Status.DONE]
    assert natural_share(out / "XB.json") == pytest.approx(75.0)


def test_a_national_batch_gives_each_city_its_hand_worked_share(dask_scheduler, national, tmp_path):
    out = tmp_path / "out"
    result = run(
        "batch", "assess", national.manifest, "--scheduler", dask_scheduler, "--out", out, "--json"
    )
    assert result.exit_code == 0, result.output
    for code, share in national.natural_share.items():
        assert natural_share(out / f"{code}.json") == pytest.approx(share)
    printed = run("assess", out / "inputs" / "XB" / "recipe.yaml", "--json")
    assert (out / "XB.json").read_text(encoding="utf-8") == printed.output


def test_a_national_window_gives_the_values_of_the_whole_raster(dask_scheduler, national, tmp_path):
    """The independent computation: the whole national raster, with one city's outline as the
    boundary; every value and per-zone value must be the same as the batch's window gives."""
    out = tmp_path / "out"
    with open_cluster(scheduler=dask_scheduler) as cluster:
        run_batch(load_manifest(national.manifest), out, cluster)
    windowed = load_recipe(out / "inputs" / "XC" / "recipe.yaml")
    assert windowed.landcover is not None and windowed.boundary is not None
    whole = Recipe.model_validate(
        {
            "government": {"code": "XC", "name": "Ceeford"},
            "landcover": national.landcover,
            "class_map": "esa-worldcover",
            "boundary": windowed.boundary.path,
        }
    )
    expected = run_assessment(whole)
    batch = json.loads((out / "XC.json").read_text(encoding="utf-8"))
    assert [(v["indicator"], v["value"]) for v in batch["indicators"]] == [
        (v.indicator, v.value) for v in expected.indicators
    ]
    assert batch["scores"] == [s.model_dump(mode="json") for s in expected.scores]


def test_a_local_cluster_is_started_when_no_scheduler_is_given(make_city, csv_manifest, tmp_path):
    manifest = cities(make_city, csv_manifest, ("XA", "Ayton", 10))
    result = run("batch", "assess", manifest, "--workers", "1", "--out", tmp_path / "out", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["cluster"] == "local Dask cluster of 1 worker"
    assert natural_share(tmp_path / "out" / "XA.json") == pytest.approx(25.0)
