"""`localgbf assess RECIPE.yaml`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from localgbf.cli.main import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "recipe.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_example_recipe_runs_on_the_shared_data(shared_data: Path) -> None:
    result = run("assess", EXAMPLE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["government"]["code"] == "US-GA-AUGUSTA"
    assert [v["indicator"] for v in data["indicators"]] == [1, 2, 10, 11]
    assert {s["indicator"] for s in data["scores"]} == {1, 2, 10, 11}
    assert data["inputs"][0]["role"] == "recipe"
    assert data["method_versions"]


def test_the_table_names_indicators_in_chinese(shared_data: Path) -> None:
    result = run("assess", EXAMPLE, "--lang", "zh-hans")
    assert result.exit_code == 0, result.output
    assert "US-GA-AUGUSTA" in result.output


def test_a_bad_recipe_fails_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "recipe_version: 1\ngovernment: {code: X, name: Y}\nlandcover: nowhere.tif\nclass_map: nlcd\n"
    )
    result = run("assess", path, "--json")
    assert result.exit_code == 1
    assert "r.yaml, line 3, landcover: no such file or folder" in result.output
    assert "Traceback" not in result.output
