"""The Plan of Action report counted from plain records, checked by hand."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from localgbf.reporting.plan_of_action_report import (
    CepaFacts,
    ConsultationFacts,
    GovernmentFacts,
    MoneyFacts,
    PlanFacts,
    Ref,
    ReportInput,
    ReviewFacts,
    build_report,
    report_json,
    report_xlsx,
)


def _ref(name: str) -> Ref:
    return Ref(name, f"/{name}/")


def _input() -> ReportInput:
    city = GovernmentFacts(
        code="A",
        name={"en": "A"},
        ref=_ref("A"),
        plan=PlanFacts(_ref("A-plan"), "adopted", True, targets=4, targets_linked=3),
        money=(
            MoneyFacts("own_budget", "CNY", Decimal("100.50"), "secured", _ref("A-fin")),
            MoneyFacts("own_budget", "CNY", Decimal("20"), "spent", _ref("A-fin")),
            MoneyFacts("own_budget", "CNY", Decimal("999"), "planned", _ref("A-fin")),
            MoneyFacts("international", "USD", Decimal("7"), "secured", _ref("A-fin")),
        ),
        capacity_needs=(_ref("A-need1"), _ref("A-need2")),
        matched_needs=(_ref("A-need1"),),
        cepa=(
            CepaFacts(_ref("A-cnc"), "bioblitz", 1200),
            CepaFacts(_ref("A-talk"), "event", None),
        ),
        assessments=(
            ReviewFacts(_ref("A-si-2023"), "completed"),
            ReviewFacts(_ref("A-si-2025"), "draft"),
        ),
        commitments=(
            ReviewFacts(_ref("A-C1"), "accepted"),
            ReviewFacts(_ref("A-C2"), "returned"),
        ),
    )
    region = GovernmentFacts(
        code="B",
        name={"en": "B"},
        ref=_ref("B"),
        plan=PlanFacts(_ref("B-plan"), "draft", False, targets=2, targets_linked=2),
        money=(MoneyFacts("own_budget", "CNY", Decimal("0.50"), "secured", _ref("B-fin")),),
        capacity_offers=(_ref("B-offer"),),
        cepa=(CepaFacts(_ref("B-school"), "school", 300),),
        commitments=(ReviewFacts(_ref("B-C1"), "pending"),),
    )
    return ReportInput(
        scope="country",
        code="X",
        name={"en": "Xland", "zh-hans": "某国"},
        generated_on=date(2026, 11, 25),
        governments=(city, region),
        consultations=(
            ConsultationFacts(_ref("c1"), inputs=3, taken_up=2, authors=("A", "net")),
            ConsultationFacts(_ref("c2"), inputs=1, taken_up=0, authors=("A",)),
        ),
        organisations=(_ref("net"),),
    )


def test_there_is_one_entry_per_action_area_in_order():
    report = build_report(_input())
    assert [a.number for a in report.areas] == [1, 2, 3, 4, 5, 6, 7]
    assert report.area(5).title["en"] == "Communication, education and public awareness"


def test_plans_count_adopted_and_draft_and_only_adopted_targets():
    report = build_report(_input())
    values = {f.key: f.value for f in report.area(1).figures}
    assert values == {
        "governments": 2,
        "plans_adopted": 1,
        "plans_draft": 1,
        "plans_following": 1,
        "targets_total": 4,
        "targets_linked": 3,
    }
    assert [r.url for r in report.figure(1, "plans_draft").links] == ["/B-plan/"]


def test_coordination_counts_inputs_taken_up_and_distinct_authors():
    report = build_report(_input())
    assert report.figure(2, "inputs").value == 4
    assert report.figure(2, "inputs_taken_up").value == 2
    assert [r.url for r in report.figure(2, "inputs_taken_up").links] == ["/c1/"]
    assert report.figure(2, "input_authors").value == 2


def test_finance_sums_secured_and_spent_money_by_source_and_currency_without_conversion():
    report = build_report(_input())
    # own_budget CNY: 100.50 + 20 (spent counts as secured) + 0.50; the planned 999 is not.
    assert report.figure(3, "secured:own_budget:CNY").value == Decimal("121.00")
    assert report.figure(3, "secured:international:USD").value == Decimal("7")
    assert report.figure(3, "finance_governments").value == 2
    assert [r.url for r in report.figure(3, "secured:own_budget:CNY").links] == [
        "/A-fin/",
        "/B-fin/",
    ]


def test_capacity_cepa_information_and_reporting():
    report = build_report(_input())
    assert (report.figure(4, "needs_open").value, report.figure(4, "needs_matched").value) == (2, 1)
    assert report.figure(4, "offers_active").value == 1
    assert report.figure(5, "cepa_activities").value == 3
    assert report.figure(5, "cepa_reach").value == 1500
    assert report.figure(5, "bioblitzes").value == 1
    assert report.figure(6, "assessments_completed").value == 1
    assert report.figure(6, "assessed_governments").value == 1
    assert report.figure(7, "commitments").value == 3
    assert report.figure(7, "commitments_accepted").value == 1
    assert report.figure(7, "commitments_pending").value == 1
    assert report.figure(7, "commitments_returned").value == 1


def test_the_json_has_seven_action_areas_and_exact_amounts():
    document = report_json(build_report(_input()))
    assert document["format"] == "localgbf.plan-of-action-report"
    assert [a["number"] for a in document["action_areas"]] == [1, 2, 3, 4, 5, 6, 7]
    finance = {f["key"]: f["value"] for f in document["action_areas"][2]["figures"]}
    assert finance["secured:own_budget:CNY"] == "121.00"


def test_the_workbook_in_chinese_only_names_the_figures_in_chinese():
    book = load_workbook(io.BytesIO(report_xlsx(build_report(_input()), "zh-hans")))
    rows = [r for r in book.active.iter_rows(values_only=True) if r and r[0] == 5]
    assert rows[1][2] == "宣传教育活动覆盖人数" and rows[1][3] == 1500


def test_offers_of_networks_are_counted_apart_from_governments_offers():
    base = _input()
    city = base.governments[0]
    offer = _ref("net-offer-A-need2")
    city = type(city)(
        **{
            **city.__dict__,
            "organisation_offers": (offer,),
            "matched_needs": (_ref("A-need1"), _ref("A-need2")),
        }
    )
    report = build_report(
        type(base)(**{**base.__dict__, "governments": (city, *base.governments[1:])})
    )
    assert report.figure(4, "offers_organisations").value == 1
    assert report.figure(4, "offers_organisations").links == (offer,)
    assert report.figure(4, "offers_active").value == 1  # B's own offer only
    assert report.figure(4, "needs_matched").value == 2
    assert (
        report.figure(4, "offers_organisations").label["zh-hans"]
        == "网络和咨询委员会提供的能力支持"
    )
