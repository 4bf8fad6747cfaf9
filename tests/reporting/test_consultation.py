"""The consultation record's pure parts: the targets' diff and the exports."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from localgbf.reporting.consultation import (
    ConsultationRecord,
    InputRow,
    TargetText,
    consultation_xlsx,
    targets_diff,
)


def test_the_diff_matches_targets_by_code_and_names_each_change():
    before = [
        TargetText("1", {"en": "Protect wetlands", "zh-hans": "保护湿地"}),
        TargetText("2", {"en": "Plant trees"}),
        TargetText("3", {"en": "Clean rivers"}),
    ]
    after = [
        TargetText("1", {"en": "Protect wetlands", "zh-hans": "保护湿地"}),
        TargetText("3", {"en": "Clean rivers"}, {"en": "By 2030."}),
        TargetText("4", {"en": "Green roofs"}),
    ]
    rows = [(r.code, r.change) for r in targets_diff(before, after)]
    assert rows == [("1", "unchanged"), ("2", "removed"), ("3", "changed"), ("4", "added")]
    changed = targets_diff(before, after)[2]
    assert changed.before == {"en": "Clean rivers"}
    assert changed.after == {"en": "Clean rivers — By 2030."}


def test_a_change_in_the_chinese_text_alone_is_a_change():
    before = [TargetText("1", {"en": "Protect wetlands", "zh-hans": "保护湿地"})]
    after = [TargetText("1", {"en": "Protect wetlands", "zh-hans": "保护和恢复湿地"})]
    assert targets_diff(before, after)[0].change == "changed"


def _record(**extra) -> ConsultationRecord:
    inputs = (
        InputRow(
            1,
            "1",
            "support",
            {"en": "Kunming"},
            "Yes.",
            "en",
            date(2026, 3, 1),
            response="accepted",
        ),
        InputRow(
            2,
            "",
            "new",
            {"en": "Network"},
            "Add roofs.",
            "en",
            date(2026, 3, 2),
            proposal="Green roofs",
        ),
        InputRow(
            3,
            "2",
            "change",
            {"en": "Shenzhen"},
            "<script>x</script>",
            "en",
            date(2026, 3, 3),
            response="not_accepted",
        ),
    )
    base = dict(
        title={"en": "T", "zh-hans": "题"},
        country={"en": "China", "zh-hans": "中国"},
        country_code="CN",
        framework_version="2025",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 4, 1),
        status="open",
        generated_on=date(2026, 3, 10),
        inputs=inputs,
    )
    base.update(extra)
    return ConsultationRecord(**base)


def test_the_record_counts_answered_inputs_and_those_taken_up():
    record = _record()
    assert (len(record.inputs), record.answered, record.taken_up) == (3, 2, 1)


def test_without_a_resulting_version_the_changes_are_the_proposals_taken_up():
    assert [(d.code, d.change) for d in _record().changes()] == [("1", "proposed")]


def test_a_proposal_taken_up_shows_the_target_as_consulted_on_beside_it():
    record = _record(
        consulted=(TargetText("1", {"en": "Protect wetlands", "zh-hans": "保护湿地"}),)
    )
    (row,) = record.changes()
    assert row.before == {"en": "Protect wetlands", "zh-hans": "保护湿地"}
    assert row.after == {"en": "Yes."}


def test_the_workbook_keeps_the_texts_as_given():
    book = load_workbook(io.BytesIO(consultation_xlsx(_record())))
    rows = list(book["Inputs 意见"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert rows[3][5] == "<script>x</script>"
    assert rows[2][1] == "(new target) / （新目标）"


def test_every_label_has_exactly_english_and_chinese():
    from localgbf.reporting.consultation import _labels, t

    assert _labels()
    assert t("poa_report", "en").endswith("cities and other local authorities")
