"""`localgbf batch assess`: its errors are messages with exit code 1, never tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localgbf.batch import run as batch_run
from localgbf.cli.main import cli


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_workers_cannot_go_with_a_scheduler(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("code,recipe\n")
    result = run(
        "batch",
        "assess",
        manifest,
        "--scheduler",
        "tcp://127.0.0.1:1",
        "--workers",
        "2",
        "--out",
        tmp_path,
    )
    assert result.exit_code == 2
    assert "--workers sizes the local cluster; it cannot go with --scheduler" in result.output


def test_a_bad_manifest_stops_the_batch_before_any_cluster_starts(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("code,recipe\nXA,nowhere.yaml\n")
    result = run("batch", "assess", manifest, "--out", tmp_path / "out", "--json")
    assert result.exit_code == 1
    assert "m.csv, line 2, recipe: no such recipe file:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_out_option_is_required(tmp_path):
    result = run("batch", "assess", tmp_path / "m.csv")
    assert result.exit_code == 2
    assert "Missing option '--out'" in result.output


@pytest.mark.slow
def test_a_scheduler_that_does_not_answer_is_named(make_city, csv_manifest, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_run, "CONNECT_TIMEOUT_S", 2)
    make_city("XA", "Ayton", 10)
    manifest = csv_manifest([("XA", "cities/XA/recipe.yaml")])
    result = run(
        "batch", "assess", manifest, "--scheduler", "tcp://127.0.0.1:9", "--out", tmp_path / "out"
    )
    assert result.exit_code == 1
    assert "tcp://127.0.0.1:9: no Dask scheduler answered within 2 s" in result.output
