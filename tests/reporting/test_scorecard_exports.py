"""CSV, XLSX and text exports of the score card: every row, totals, assessor labels."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from localgbf.reporting.scorecard import (
    format_value,
    scorecard_csv,
    scorecard_text,
    scorecard_xlsx,
)


def test_the_csv_has_every_indicator_then_subtotals_and_the_total(card):
    rows = list(csv.DictReader(io.StringIO(scorecard_csv(card))))
    kinds = [r["Row"] for r in rows]
    assert kinds.count("indicator") == 28
    assert kinds.count("subtotal") == 3
    assert kinds[-1] == "total"
    total = rows[-1]
    assert (total["Score"], total["Out of"], total["Status"]) == ("53", "112", "21 of 28 scored")
    assert [r["Score"] for r in rows if r["Row"] == "subtotal"] == ["14", "14", "25"]


def test_the_csv_labels_every_assessor_score_and_keeps_the_justification(card):
    rows = [r for r in csv.DictReader(io.StringIO(scorecard_csv(card))) if r["Row"] == "indicator"]
    assessor = [r for r in rows if r["Scored by"] == "scored by the assessor"]
    assert [int(r["No."]) for r in assessor] == [9, 14, 15, 16, 17, 19, 22, 23, 24, 25, 26, 27]
    assert all(r["Justification"] for r in assessor)
    assert rows[0]["Scored by"] == "scored from the bands"
    assert rows[0]["Band"] == "> 20.0%"


def test_the_chinese_csv_has_chinese_headings_and_names(card):
    rows = list(csv.reader(io.StringIO(scorecard_csv(card, lang="zh-hans"))))
    assert rows[0][:5] == ["行类型", "组成部分", "编号", "指标", "数值"]
    assert rows[1][3] == "城市自然区域比例"
    assert rows[9][9] == "由评估人员评分"


def test_a_baseline_adds_the_baseline_score_and_change_columns(card_with_baseline):
    rows = list(csv.DictReader(io.StringIO(scorecard_csv(card_with_baseline))))
    assert (rows[0]["Baseline score"], rows[0]["Change"]) == ("2", "2")
    assert (rows[-1]["Baseline score"], rows[-1]["Change"]) == ("5", "48")


def test_the_workbook_has_a_sheet_per_language_and_an_about_sheet(card, tmp_path):
    path = tmp_path / "card.xlsx"
    path.write_bytes(scorecard_xlsx(card))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Singapore Index score card", "评分卡", "About · 说明"]
    en, zh = book.worksheets[0], book.worksheets[1]
    header = [c.value for c in en[8]]
    assert header[:4] == ["Row", "Component", "No.", "Indicator"]
    first = {h: c.value for h, c in zip(header, en[9], strict=True)}
    assert (first["No."], first["Value"], first["Score"]) == (1, 46.2, 4)
    last = {h: c.value for h, c in zip(header, en[en.max_row], strict=True)}
    assert (last["Row"], last["Score"], last["Out of"]) == ("total", 53, 112)
    assert any(c.value == "由评估人员评分" for row in zh.iter_rows() for c in row)
    about = [c.value for row in book.worksheets[2].iter_rows() for c in row if c.value]
    assert any("si-round-printed-v1" in str(v) for v in about)


def test_the_text_card_marks_assessor_scores_and_lists_the_rule(card):
    text = scorecard_text(card)
    assert "Total: 53/112 — 21 of 28 scored" in text
    assert (
        "9. Proportion of Invasive Alien Species · 3.25 % · 2*/4 · (scored by the assessor)" in text
    )
    assert (
        "18. Status of Natural Capital Assessment in the City · — · —/4 · (missing, not scored)"
        in text
    )
    assert "Scoring rule: si-round-printed-v1" in text


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), (46.2, "46.2"), (48.463869, "48.46"), (4.0, "4"), (86500000.0, "86,500,000")],
)
def test_values_are_shown_with_at_most_two_decimals(value, shown):
    assert format_value(value) == shown
