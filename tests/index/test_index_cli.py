"""`localgbf index score / scorecard / bands`: thin wrappers, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.builders import write_yaml_table
from localgbf.cli.main import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scorecard.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, ["index", *args])


def test_score_prints_the_score_band_and_rule_as_json():
    result = run("score", "1", "20.0", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("indicator", "value", "score", "band", "rule")} == {
        "indicator": 1,
        "value": 20.0,
        "score": 3,
        "band": "14.0% - 20.0%",
        "rule": "si-round-printed-v1",
    }
    assert data["scored_by"] == "bands"
    assert data["band_table_version"].startswith("si-2021/")


def test_score_in_plain_text_in_chinese():
    result = run("score", "11", "10", "--lang", "zh-hans")
    assert result.exit_code == 0
    assert "气候调节" in result.output
    assert "score 0 of 4, band < 10%" in result.output
    assert "compared as 10.0" in result.output


def test_a_negative_value_is_read_as_a_value():
    result = run("score", "5", "-2", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["value"] == -2.0
    assert json.loads(result.output)["scored_by"] == "none"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("score", "1", "140"),
            "indicator 1 (Proportion of Natural Areas in the City): 140 is out",
        ),
        (("score", "29", "1"), "indicator 29 is not in the 2021 edition"),
        (("score", "1", "5", "--edition", "1999"), "unknown Singapore Index edition '1999'"),
    ],
)
def test_bad_input_is_a_one_line_error_with_exit_code_1(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_score_with_an_imported_band_table(tmp_path):
    result = run("score", "9", "12.3", "--bands", str(write_yaml_table(tmp_path)), "--json")
    data = json.loads(result.output)
    assert (data["score"], data["band_table_version"]) == (2, "test-2027-1")


def test_scorecard_scores_the_example_file():
    result = run("scorecard", str(EXAMPLE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["points"], data["max_points"], data["scored"]) == (53, 112, 21)
    assert data["scored_label"] == {"en": "21 of 28 scored", "zh-hans": "已评分 21/28 项"}
    assert data["missing"] == [4, 5, 6, 18, 20, 21, 28]


def test_scorecard_text_labels_assessor_scores():
    result = run("scorecard", str(EXAMPLE))
    assert "Total: 53/112 — 21 of 28 scored" in result.output
    line_16 = next(x for x in result.output.splitlines() if x.strip().startswith("16."))
    assert "2*/4" in line_16 and "(scored by the assessor)" in line_16


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".svg", ".pdf"])
def test_scorecard_writes_the_export_named_by_out(tmp_path, suffix):
    out = tmp_path / f"card{suffix}"
    result = run("scorecard", str(EXAMPLE), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert list(tmp_path.glob("*.part")) == []


def test_the_csv_written_by_the_cli_is_in_the_language_asked(tmp_path):
    out = tmp_path / "card.csv"
    run("scorecard", str(EXAMPLE), "--out", str(out), "--lang", "zh-hans")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert rows[0][:4] == ["行类型", "组成部分", "编号", "指标"]


def test_scorecard_refuses_an_unknown_export_format(tmp_path):
    result = run("scorecard", str(EXAMPLE), "--out", str(tmp_path / "card.docx"))
    assert result.exit_code == 1
    assert "unknown format; use a name ending in .csv, .xlsx, .pdf, .svg" in result.output


def test_scorecard_names_the_line_of_a_bad_file(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("government: X\nreference_year: 2024\nvalues:\n  - {indicator: 40, unit: x}\n")
    result = run("scorecard", str(path))
    assert result.exit_code == 1
    assert f"{path}, line 4: indicator 40 is not an indicator of the 2021 edition" in result.output


def test_scorecard_with_a_baseline_shows_the_change(tmp_path):
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(
        "government: CNDLU\nreference_year: 2019\nstatus: completed\nvalues:\n"
        "  - {indicator: 1, value: 12.0, unit: percent}\n"
    )
    result = run("scorecard", str(EXAMPLE), "--baseline", str(baseline), "--json")
    data = json.loads(result.output)
    assert (data["baseline_year"], data["baseline_points"]) == (2019, 2)
    assert data["sections"][0]["rows"][0]["score_change"] == 2


def test_bands_lists_the_assessor_scored_indicators():
    data = json.loads(run("bands", "--json").output)
    assert sorted(int(n) for n in data["indicators"]) == [1, 2, 3, 7, 8, 10, 11, 12, 13]
    assert data["scored_by_assessor"] == [4, 5, 6, 9, *range(14, 29)]
    assert (
        "14. Food Security Resilience - Urban Agriculture: scored by the assessor"
        in run("bands").output
    )
