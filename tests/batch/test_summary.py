"""The summary table: one row per government, the same in CSV and XLSX."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from localgbf.assess import AssessmentResult
from localgbf.assess.recipe import Government
from localgbf.batch import SummaryEntry, summary_csv, summary_table, summary_xlsx
from localgbf.index.scoring import score_value
from localgbf.provenance import IndicatorValue


def result(code: str, name: str, values: dict[int, float]) -> AssessmentResult:
    indicators = tuple(
        IndicatorValue(indicator=n, value=v, unit="percent", method_id="m", method_version="1")
        for n, v in values.items()
    )
    return AssessmentResult(
        government=Government(code=code, name=name),
        edition="2021",
        indicators=indicators,
        scores=tuple(score_value(n, v, edition="2021") for n, v in values.items()),
    )


ENTRIES = [
    SummaryEntry("CNKMG", "昆明市", "done", seconds=3.14159, peak_mib=412.345,
                 result=result("CNKMG", "昆明市", {1: 25.0, 10: 58.95})),
    SummaryEntry("CNDLU", "Dali", "failed", error="dali.tif: truncated", seconds=0.5),
    SummaryEntry("CNSZX", "Shenzhen", "skipped", result=result("CNSZX", "Shenzhen", {1: 8.0})),
]  # fmt: skip


def test_every_indicator_any_government_has_gets_a_value_and_a_score_column():
    table = summary_table(ENTRIES)
    assert table.columns == (
        "code", "name", "status", "error", "seconds", "worker_peak_mib",
        "i1_value", "i1_score", "i10_value", "i10_score",
    )  # fmt: skip
    assert table.indicators == (1, 10)


def test_the_csv_holds_values_and_band_scores_and_blanks_for_what_is_missing():
    """Scores by the 2021 bands: natural areas (1) 25.0 % is above 20.0 %: 4; 8.0 % lies in
    7.0-13.9 %: 2. Permeable land (10) 58.95 % lies in 50-59.9 %: 3."""
    text = summary_csv(summary_table(ENTRIES)).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1] == ["CNKMG", "昆明市", "done", "", "3.14", "412.3", "25.0", "4", "58.95", "3"]
    assert rows[2] == ["CNDLU", "Dali", "failed", "dali.tif: truncated", "0.5", "", "", "", "", ""]
    assert rows[3] == ["CNSZX", "Shenzhen", "skipped", "", "", "", "8.0", "2", "", ""]


def test_the_xlsx_adds_columns_and_indicators_in_english_and_chinese():
    book = load_workbook(io.BytesIO(summary_xlsx(summary_table(ENTRIES))))
    assert book.sheetnames == ["summary", "columns", "indicators"]
    summary = [[c.value for c in row] for row in book["summary"].iter_rows()]
    assert summary[1][:3] == ["CNKMG", "昆明市", "done"]
    columns = {
        row[0].value: (row[1].value, row[2].value) for row in book["columns"].iter_rows(min_row=2)
    }
    assert columns["i10_score"] == (
        "Indicator 10: score (0 to 4) under the edition's bands",
        "指标 10：按该版本分级得出的得分（0 至 4）",
    )
    assert columns["status = skipped"] == ("already assessed, result kept", "已评估，保留原结果")
    indicators = [[c.value for c in row] for row in book["indicators"].iter_rows(min_row=2)]
    assert [row[0] for row in indicators] == [1, 10]
    assert indicators[0][1] == "Proportion of Natural Areas in the City"
    assert indicators[0][2] and indicators[0][2] != indicators[0][1]


@pytest.mark.parametrize("entries", [[], [SummaryEntry("X", "X", "failed", error="e")]])
def test_a_table_without_results_has_only_the_fixed_columns(entries):
    table = summary_table(entries)
    assert table.columns == ("code", "name", "status", "error", "seconds", "worker_peak_mib")
    assert load_workbook(io.BytesIO(summary_xlsx(table))).sheetnames == [
        "summary",
        "columns",
        "indicators",
    ]
