"""The roll-up into the seventh national report: synthetic cases and the demo, worked by hand."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from localgbf.frameworks.text import Text
from localgbf.reporting.national_report import (
    Contribution,
    Element,
    KpiFigures,
    NationalReportError,
    NationalReportInput,
    PlanState,
    national_report,
)
from localgbf.reporting.national_report_files import (
    national_report_csv,
    national_report_pdf,
    national_report_xlsx,
)
from localgbf.reporting.pdf import find_cjk_font


def T(en: str, zh: str | None = None) -> Text:
    return Text(values={"en": en, **({"zh-hans": zh} if zh else {})})


def levels(row) -> dict[str, int]:
    return {lc.level: lc.count for lc in row.levels if lc.count}


def commitment(id_: str, gov: str, **fields) -> Contribution:
    return Contribution(
        kind="commitment", id=id_, government=gov, government_name=T(gov), title=T(id_), **fields
    )


def action(id_: str, gov: str, **fields) -> Contribution:
    return Contribution(
        kind="action", id=id_, government=gov, government_name=T(gov), title=T(id_), **fields
    )


NATIONAL = (
    Element("N1", T("Wetlands", "湿地"), kmgbf_targets=("2", "3"), kmgbf_goals=("A",)),
    Element("N2", T("Parks"), kmgbf_targets=("12",), kmgbf_goals=("B",)),
)
KMGBF_TARGETS = tuple(Element(str(n), T(f"Target {n}")) for n in (2, 3, 12))
GOALS = tuple(Element(g, T(f"Goal {g}")) for g in "AB")


def data(contributions=(), governments=()) -> NationalReportInput:
    return NationalReportInput(
        country="XX",
        country_name=T("Testland"),
        national_targets=NATIONAL,
        kmgbf_targets=KMGBF_TARGETS,
        kmgbf_goals=GOALS,
        governments=tuple(governments),
        contributions=tuple(contributions),
    )


def test_contributions_count_for_national_targets_and_through_them_for_kmgbf():
    """c1 → N1 (directly); a1 → N1 and T12 (directly); c2 → T3 only.

    N1: a1, c1 (2 governments: A, B). T2 via N1: a1, c1. T3 via N1: a1, c1, plus c2 → 3 entries
    from A, B, C. T12: a1 directly. Goal A via N1: a1, c1. Goal B: nothing (N2 has nothing).
    """
    report = national_report(
        data(
            [
                commitment("c1", "B", national=("N1",), level="on_track"),
                action("a1", "A", national=("N1",), kmgbf_targets=("12",)),
                commitment("c2", "C", kmgbf_targets=("3",)),
            ]
        )
    )
    n1, n2 = report.section_iii
    assert (n1.actions, n1.commitments, n1.governments) == (1, 1, 2)
    assert (n2.actions, n2.commitments, n2.governments) == (0, 0, 0)
    t = {
        row.code: (row.actions, row.commitments, row.governments)
        for row in report.section_iv_targets
    }
    assert t == {"2": (1, 1, 2), "3": (1, 2, 3), "12": (1, 0, 1)}
    g = {row.code: (row.actions, row.commitments) for row in report.section_iv_goals}
    assert g == {"A": (1, 1), "B": (0, 0)}


def test_a_commitment_without_an_accepted_report_counts_as_unknown():
    report = national_report(
        data(
            [
                commitment("c1", "A", national=("N1",), level="on_track"),
                commitment("c2", "B", national=("N1",), level="on_track"),
                commitment("c3", "C", national=("N1",)),
                action("a1", "A", national=("N1",)),
            ]
        )
    )
    assert levels(report.section_iii[0]) == {"on_track": 2, "unknown": 1}


def test_kpis_add_up_where_units_agree_and_not_for_shares():
    """ha: baselines 100 + 50 = 150, latest 130 + 80 = 210, targets 200 + 150 = 350; shares of
    the way (130-100)/(200-100) = 0.3 and (80-50)/(150-50) = 0.3 → 0.3. 'HA ' is the same unit.
    %: no sums; (40-30)/(50-30) = 0.5. trees: one KPI not reported → latest sum unknown."""
    report = national_report(
        data(
            [
                commitment(
                    "c1",
                    "A",
                    national=("N1",),
                    kpis=(
                        KpiFigures("ha", Decimal(200), Decimal(100), Decimal(130)),
                        KpiFigures("%", Decimal(50), Decimal(30), Decimal(40)),
                    ),
                ),
                commitment(
                    "c2",
                    "B",
                    national=("N1",),
                    kpis=(
                        KpiFigures("HA ", Decimal(150), Decimal(50), Decimal(80)),
                        KpiFigures("trees", Decimal(1000), Decimal(0)),
                        KpiFigures("trees", Decimal(500), Decimal(0), Decimal(100)),
                    ),
                ),
            ]
        )
    )
    kpis = {k.unit: k for k in report.section_iii[0].kpis}
    assert set(kpis) == {"%", "ha", "trees"}
    ha = kpis["ha"]
    assert (ha.kpis, ha.reported, ha.baseline, ha.latest, ha.target) == (2, 2, 150, 210, 350)
    assert ha.mean_achieved == pytest.approx(0.3)
    share = kpis["%"]
    assert (share.additive, share.baseline, share.latest, share.target) == (False, None, None, None)
    assert share.mean_achieved == pytest.approx(0.5)
    trees = kpis["trees"]
    assert (trees.reported, trees.baseline, trees.latest, trees.target) == (1, 0, None, 1500)
    assert trees.mean_achieved == pytest.approx(0.2)


def test_examples_show_the_most_advanced_commitments_first_then_actions():
    report = national_report(
        data(
            [
                action("a1", "A", national=("N1",)),
                commitment("c1", "B", national=("N1",), level="insufficient_rate"),
                commitment("c2", "C", national=("N1",), level="on_track_to_exceed"),
                commitment("c3", "D", national=("N1",)),
            ]
        )
    )
    assert [e.title.get("en") for e in report.section_iii[0].examples] == ["c2", "c1", "c3"]


@pytest.mark.parametrize(
    ("states", "situation", "answer"),
    [
        ([None, None], "none", "no"),
        (["draft", None], "drafts_only", "underDevelopment"),
        (["adopted", "draft", None], "some", "partially"),
        (["adopted", "adopted"], "all", "fully"),
    ],
)
def test_binary_indicator_12b_is_suggested_from_the_share_of_cities_with_a_plan(
    states, situation, answer
):
    governments = [
        PlanState(f"C{i}", "city", "lbsap" if s else None, s) for i, s in enumerate(states)
    ] + [PlanState("R1", "region", "bsap", "adopted")]
    twelve_b = national_report(data(governments=governments)).binary[0]
    assert (twelve_b.indicator, twelve_b.situation, twelve_b.answer) == ("12.b", situation, answer)
    assert twelve_b.governments == len(states)


def test_section_ii_counts_governments_and_plans_by_kind_and_status():
    report = national_report(
        data(
            governments=[
                PlanState("C1", "city", "lbsap", "adopted"),
                PlanState("C2", "city", "lbsap", "draft"),
                PlanState("C3", "city"),
                PlanState("R1", "region", "bsap", "adopted"),
            ]
        )
    )
    assert report.section_ii.governments_by_kind == {"city": 3, "region": 1}
    assert [(p.government_kind, p.status, p.count) for p in report.section_ii.plans] == [
        ("city", "adopted", 1),
        ("city", "draft", 1),
        ("region", "adopted", 1),
    ]


def test_a_level_off_the_nr7_scale_is_refused():
    with pytest.raises(
        NationalReportError, match=r"progress level\(s\) great are not on the NR7 scale"
    ):
        national_report(data([commitment("c1", "A", national=("N1",), level="great")]))


def test_a_national_target_that_is_not_the_countrys_is_refused():
    with pytest.raises(NationalReportError, match=r"national target\(s\) N9, which are not among"):
        national_report(data([action("a1", "A", national=("N9",))]))


def test_the_csv_has_one_measure_per_line_in_utf8_with_a_bom():
    report = national_report(
        data(
            [
                commitment(
                    "c1",
                    "A",
                    national=("N1",),
                    level="on_track",
                    kpis=(KpiFigures("ha", Decimal(10), Decimal(0), Decimal(5)),),
                )
            ]
        )
    )
    body = national_report_csv(report)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["section", "code", "title_en", "title_zh", "measure", "value"]
    assert ["III", "N1", "Wetlands", "湿地", "commitments", "1"] in rows
    assert ["III", "N1", "Wetlands", "湿地", "level:on_track", "1"] in rows
    assert ["III", "N1", "Wetlands", "湿地", "kpi[ha]:mean_achieved", "0.5"] in rows


def test_the_xlsx_has_a_sheet_per_section_with_bilingual_headings():
    report = national_report(data([commitment("c1", "A", national=("N1",), level="on_track")]))
    book = load_workbook(io.BytesIO(national_report_xlsx(report)))
    assert book.sheetnames == ["II", "III", "IV-targets", "IV-goals", "KPI", "Examples", "Binary"]
    sheet = book["III"]
    assert sheet["A1"].value == "Code / 编号"
    assert [c.value for c in sheet[2]][:6] == ["N1", "Wetlands", "湿地", 0, 1, 1]


def test_the_pdf_is_bilingual_and_embeds_the_cjk_font():
    report = national_report(data([commitment("c1", "A", national=("N1",), level="on_track")]))
    body = national_report_pdf(report, font=find_cjk_font(), generated_on=date(2026, 11, 25))
    assert body.startswith(b"%PDF")
    assert b"FontFile" in body  # the font is embedded, not referenced


# ------------------------------------------------------------------------------- the demo


@pytest.fixture
def demo_report(db, settings, tmp_path):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    from localgbf.web.commitments.exports import country_report
    from localgbf.web.core.demo import build_demo
    from localgbf.web.governments.models import Government

    build_demo()
    return country_report(Government.objects.get(code="CN"))


def test_the_demo_roll_up_section_ii_and_12b(demo_report):
    """The demo country has 5 cities (Kunming, Dali, Shenzhen and Shanghai with adopted plans,
    Guangzhou with a draft only) and 2 provinces (Yunnan adopted, Guangdong without a plan).
    12.b: 4 of 5 cities → 80% → partially. 14.b: 5 of 7 subnational governments → partially."""
    assert demo_report.section_ii.governments_by_kind == {"city": 5, "region": 2}
    assert [(p.government_kind, p.status, p.count) for p in demo_report.section_ii.plans] == [
        ("city", "adopted", 4),
        ("city", "draft", 1),
        ("region", "adopted", 1),
    ]
    b12, b14 = demo_report.binary
    assert (b12.governments, b12.adopted, b12.drafts, b12.share, b12.answer) == (
        5,
        4,
        1,
        0.8,
        "partially",
    )
    assert (b14.governments, b14.adopted, b14.answer) == (7, 5, "partially")


def test_the_demo_roll_up_of_national_target_2(demo_report):
    """National target 2 (restore degraded ecosystems), current national targets only (Dali's
    plan follows the previous version and does not count):
    - actions: Yunnan 2.1.1 (no own links → its target 2.1 → NT 6, 2), Kunming 1.1.1 (own
      link NT 2) and Shenzhen 1.1.1 (its own links are KMGBF ones only, so for national targets
      it takes its target 1.1's: NT 2, 3 — the coverage matrix's rule, national and KMGBF links
      apart); Kunming 1.1.2 links NT 5 only;
    - commitments: Kunming C1 (accepted; Shenzhen's is pending, so not counted);
    - governments: Yunnan, Kunming, Shenzhen → 3;
    - level: C1's latest accepted report (2024; 2025 is pending) is on track;
    - KPI ha: baseline 3300, latest 3820, target 4500 → (3820 − 3300) / (4500 − 3300) = 0.4333.
    """
    row = next(r for r in demo_report.section_iii if r.code == "2")
    assert (row.actions, row.commitments, row.governments) == (3, 1, 3)
    assert levels(row) == {"on_track": 1}
    (ha,) = row.kpis
    assert (ha.unit, ha.baseline, ha.latest, ha.target) == ("ha", 3300, 3820, 4500)
    assert ha.mean_achieved == pytest.approx(520 / 1200)


def test_the_demo_roll_up_of_national_target_8_and_kmgbf_target_12(demo_report):
    """NT 8 (green and blue spaces): Kunming 2.1.1 (via its target 2.1), Kunming 2.1.2 (own
    link), Shenzhen 2.1.1 (via its target 2.1) → 3 actions; Kunming C2 (accepted automatically)
    → 1 commitment, whose 2025 report says 'insufficient rate'; KPI in % (not added up):
    (88 − 85) / (95 − 85) = 0.3. KMGBF T12 gets the same entries: NT 8 is aligned to T12 and
    Kunming 2.1.2 and C2 also link T12 directly (counted once)."""
    row = next(r for r in demo_report.section_iii if r.code == "8")
    assert (row.actions, row.commitments, row.governments) == (3, 1, 2)
    assert levels(row) == {"insufficient_rate": 1}
    (share,) = row.kpis
    assert (share.unit, share.additive, share.baseline) == ("%", False, None)
    assert share.mean_achieved == pytest.approx(0.3)
    t12 = next(r for r in demo_report.section_iv_targets if r.code == "12")
    assert (t12.actions, t12.commitments, t12.governments) == (3, 1, 2)


def test_the_demo_roll_up_of_goal_a(demo_report):
    """Goal A through national targets 1-6: Yunnan 1.1.1, 2.1.1, 3.1.1; Kunming 1.1.1, 1.1.2,
    1.2.1; Shanghai 1.1.1; Shenzhen 1.1.1 (NT 2, 3 through its target) → 8 actions; Kunming C1
    (NT 2, 5) and Shanghai C1 (NT 3, 4) → 2 commitments, on track and on track to exceed;
    4 governments."""
    goal_a = next(r for r in demo_report.section_iv_goals if r.code == "A")
    assert (goal_a.actions, goal_a.commitments, goal_a.governments) == (8, 2, 4)
    assert levels(goal_a) == {"on_track": 1, "on_track_to_exceed": 1}
