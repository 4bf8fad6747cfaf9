"""Finance roll-up: conversion to a reporting currency, three levels of government, per group."""

from decimal import Decimal as D

import pytest

from localgbf.reporting.finance import (
    BudgetLine,
    FinanceError,
    RateTable,
    rates_statement,
    regroup,
    roll_up,
    target19_of_sources,
)

PARENTS = {"CN": None, "CN-YN": "CN", "CNKMG": "CN-YN", "CNDLU": "CN-YN", "CNSHA": "CN"}
RATES = RateTable(
    currency="CNY",
    rates={(2025, "USD"): D("7.2"), (2026, "USD"): D("7.0"), (2025, "EUR"): D("7.8")},
)


def line(gov, action, year, amount, currency, source, status):
    return BudgetLine(gov, action, year, D(amount), currency, source, status)


LINES = [
    line("CNKMG", "a1", 2025, "100000", "CNY", "own_budget", "planned"),
    line("CNKMG", "a1", 2026, "10000", "USD", "international", "secured"),
    line("CNKMG", "a2", 2025, "5000", "EUR", "philanthropic", "spent"),
    line("CNDLU", "a3", 2025, "200000", "CNY", "national_transfer", "secured"),
    line("CN-YN", "a4", 2026, "1000", "USD", "private", "planned"),
    line("CNSHA", "a5", 2027, "2000", "USD", "blended", "secured"),
    line("CNSHA", "a6", 2025, "300", "GBP", "other", "planned"),
]
GROUPS = {"a1": ["T12", "T19"], "a2": ["T12"], "a4": ["T19"]}


@pytest.fixture(scope="module")
def result():
    return roll_up(LINES, RATES, parents=PARENTS, groups=GROUPS)


def test_a_citys_own_totals_convert_each_line_at_its_years_rate(result):
    """Kunming: 100,000 CNY planned; 10,000 USD × 7.0 (2026) = 70,000 secured;
    5,000 EUR × 7.8 (2025) = 39,000 spent (so also secured).
    needs 209,000; secured 109,000; spent 39,000; gap 100,000."""
    kmg = result.own["CNKMG"]
    assert (kmg.needs, kmg.secured, kmg.spent, kmg.gap) == (
        D("209000.00"),
        D("109000.00"),
        D("39000.00"),
        D("100000.00"),
    )


def test_a_region_includes_its_cities(result):
    """Yunnan: own 1,000 USD × 7.0 = 7,000 planned; + Kunming 209,000 (109,000 secured)
    + Dali 200,000 secured. needs 416,000; secured 309,000; spent 39,000; gap 107,000."""
    yn = result.total["CN-YN"]
    assert (yn.needs, yn.secured, yn.spent, yn.gap) == (
        D("416000.00"),
        D("309000.00"),
        D("39000.00"),
        D("107000.00"),
    )
    assert result.own["CN-YN"].needs == D("7000.00")


def test_the_country_sums_all_its_subnational_governments(result):
    """China: Yunnan's 416,000 + Shanghai's 2,000 USD in 2027 at the nearest (2026) rate 7.0
    = 14,000 secured; Shanghai's 300 GBP has no rate and is left out.
    needs 430,000; secured 323,000; spent 39,000; gap 107,000."""
    cn = result.totals_of("CN")
    assert (cn.needs, cn.secured, cn.spent, cn.gap) == (
        D("430000.00"),
        D("323000.00"),
        D("39000.00"),
        D("107000.00"),
    )
    assert sum(result.own[g].needs for g in result.own) == cn.needs


def test_the_countrys_totals_per_source_type(result):
    by_source = result.total["CN"].by_source
    assert {k: v.needs for k, v in by_source.items()} == {
        "blended": D("14000.00"),
        "international": D("70000.00"),
        "national_transfer": D("200000.00"),
        "own_budget": D("100000.00"),
        "philanthropic": D("39000.00"),
        "private": D("7000.00"),
    }
    assert by_source["international"].secured == D("70000.00")
    assert by_source["own_budget"].gap == D("100000.00")


def test_the_countrys_totals_per_year(result):
    """2025: 100,000 + 39,000 + 200,000; 2026: 70,000 + 7,000; 2027: 14,000."""
    assert {y: v.needs for y, v in result.total["CN"].by_year.items()} == {
        2025: D("339000.00"),
        2026: D("77000.00"),
        2027: D("14000.00"),
    }


def test_an_action_linked_to_two_targets_counts_fully_under_each(result):
    """T12: a1 (100,000 + 70,000) + a2 39,000 = 209,000; T19: a1 170,000 + a4 7,000 = 177,000."""
    assert result.by_group["T12"].needs == D("209000.00")
    assert result.by_group["T19"].needs == D("177000.00")
    assert result.by_group["T19"].secured == D("70000.00")


def test_every_rate_used_is_stated_and_the_nearest_year_fallback_is_warned(result):
    assert [(u.currency, u.year, u.rate, u.rate_year) for u in result.rates_used] == [
        ("EUR", 2025, D("7.8"), 2025),
        ("USD", 2026, D("7.0"), 2026),
        ("USD", 2027, D("7.0"), 2026),
    ]
    assert "USD has no rate for 2027; the 2026 rate (7.0) was used" in result.warnings
    assert rates_statement(result) == "CNY; EUR 2025 at 7.8, USD 2026 at 7, USD 2027 at 7"


def test_a_currency_without_any_rate_is_left_out_and_named(result):
    assert [(u.currency, u.year, u.amount, u.lines) for u in result.unconverted] == [
        ("GBP", 2025, D("300.00"), 1)
    ]
    assert any("300.00 GBP in 2025 are left out" in w for w in result.warnings)


def test_when_two_years_are_as_near_the_earlier_rate_is_used():
    rates = RateTable("CNY", {(2024, "USD"): D("7"), (2026, "USD"): D("8")})
    assert rates.lookup(2025, "USD") == (D("7"), 2024)
    assert rates.lookup(2025, "CNY") == (D("1"), 2025)
    assert rates.lookup(2025, "EUR") is None


def test_sums_are_exact_and_rounded_to_cents_only_when_reported():
    """Three lines of 0.005 USD at rate 1: each would round to 0.01 (0.03 in all), the exact
    sum 0.015 rounds half up to 0.02."""
    lines = [line("CNKMG", f"a{i}", 2025, "0.005", "USD", "other", "planned") for i in range(3)]
    result = roll_up(lines, RateTable("USD"), parents=PARENTS)
    assert result.own["CNKMG"].needs == D("0.02")


def test_a_government_without_lines_has_zero_totals(result):
    empty = result.totals_of("CNSZX")
    assert (empty.needs, empty.gap, empty.by_source) == (D("0.00"), D("0.00"), {})


def test_a_negative_amount_is_refused_naming_the_action():
    with pytest.raises(FinanceError, match=r"action a1 of CNKMG: the amount of 2025 is negative"):
        roll_up(
            [line("CNKMG", "a1", 2025, "-1", "CNY", "other", "planned")], RATES, parents=PARENTS
        )


def test_an_unknown_status_is_refused():
    with pytest.raises(FinanceError, match=r"unknown budget status 'promised'"):
        roll_up(
            [line("CNKMG", "a1", 2025, "1", "CNY", "other", "promised")], RATES, parents=PARENTS
        )


def test_a_rate_of_zero_is_refused():
    with pytest.raises(FinanceError, match=r"the rate of USD in 2025 must be more than zero"):
        RateTable("CNY", {(2025, "USD"): D("0")})


def test_a_government_outside_the_hierarchy_is_refused():
    with pytest.raises(FinanceError, match="government XX is not in the hierarchy given"):
        roll_up([line("XX", "a1", 2025, "1", "CNY", "other", "planned")], RATES, parents=PARENTS)


def test_source_types_regroup_into_the_elements_of_target_19(result):
    """(a) international 70,000; (b) own budget 100,000 + national transfer 200,000;
    (c) private 7,000 + philanthropic 39,000 + blended 14,000 (each source's first element)."""
    grouped = regroup(result.total["CN"].by_source, target19_of_sources())
    assert {k: v.needs for k, v in grouped.items()} == {
        "T19(a)": D("70000.00"),
        "T19(b)": D("300000.00"),
        "T19(c)": D("60000.00"),
    }
    assert grouped["T19(c)"].gap == D("7000.00")
