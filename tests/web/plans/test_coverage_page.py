"""The coverage matrix and the finance roll-up on the demo data, as the reviewer sees them.

Plans in force for the reviewer: the adopted plans of Yunnan, Kunming (v1; its v2 is a draft),
Dali (linked to the 2016 national targets, matched by code), Shenzhen and Shanghai, and
Guangzhou's draft (it has no adopted version, and the reviewer may read drafts).
"""

import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from localgbf.web.governments.models import Government
from localgbf.web.plans.rollup import coverage_for, finance_for


@pytest.fixture
def china(demo):
    return demo["government:CN"]


def test_national_target_8_is_covered_by_three_cities(china, users):
    """Kunming: target 2.1 (high) with actions 2.1.1 (inherits, high) and 2.1.2 (medium);
    Shenzhen: target 2.1 (high) with action 2.1.1; Guangzhou: target 1.1 (medium), 1 action."""
    matrix = coverage_for(china, users["reviewer"]).matrix
    row = next(r for r in matrix.national_targets if r.code == "8")
    assert [(c.government, c.actions, c.best_alignment) for c in row.cells] == [
        ("CNCAN", 1, "medium"),
        ("CNKMG", 2, "high"),
        ("CNSZX", 1, "high"),
    ]


def test_the_kmgbf_targets_no_plan_covers(china, users):
    """Linked national targets 2, 3, 4, 5, 6, 8, 9, 11, 12 reach KMGBF 2, 3, 4, 9, 6, 7, 12,
    14, 15, 21, 22, 16; direct links add 2, 12, 15. Eleven of 23 are left."""
    matrix = coverage_for(china, users["reviewer"]).matrix
    assert matrix.kmgbf_targets_uncovered == (
        "1", "5", "8", "10", "11", "13", "17", "18", "19", "20", "23",
    )  # fmt: skip


def test_the_finance_behind_national_target_2(china, users):
    """Actions linked to national target 2: Yunnan 2.1.1 (500,000,000 + 450,000,000),
    Kunming 1.1.1 (120,000,000 + 80,000,000), Dali 1.1.1 (150,000,000), Shenzhen 1.1.1
    (80,000,000 + 20,000,000), Guangzhou 1.1.1 (90,000,000): 1,490,000,000 CNY."""
    matrix = coverage_for(china, users["reviewer"]).matrix
    row = next(r for r in matrix.national_targets if r.code == "2")
    assert row.finance.needs == D("1490000000.00")


def test_drafts_count_only_for_those_who_may_read_them(china, users):
    assert finance_for(china, users["reviewer"]).totals_of("CN").needs == D("2380007000.00")
    assert finance_for(china, None).totals_of("CN").needs == D("2290007000.00")


def test_a_region_includes_its_cities(demo):
    """Yunnan 994,360,000 + Kunming 680,672,000 + Dali 150,000,000 = 1,825,032,000."""
    yunnan = Government.objects.get(code="CN-YN")
    result = finance_for(yunnan, None)
    assert result.totals_of("CN-YN").needs == D("1825032000.00")
    assert result.own["CN-YN"].needs == D("994360000.00")


def test_the_matrix_is_read_in_a_fixed_number_of_queries(china, users):
    with CaptureQueriesContext(connection) as queries:
        coverage_for(china, users["reviewer"])
    assert len(queries) <= 15


def test_the_page_shows_regions_with_their_cities_and_drills_down(client_as):
    client = client_as("reviewer")
    body = client.get("/en/plans/coverage/CN/").content.decode()
    assert "?within=CN-YN" in body and "Shanghai" in body and "2,380,007,000" in body
    region = client.get("/zh-hans/plans/coverage/CN/", {"within": "CN-YN"}).content.decode()
    assert "昆明市" in region and "大理市" in region


def test_the_xlsx_export_holds_the_matrix(client_as):
    response = client_as("reviewer").get("/en/plans/coverage/CN/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    matrix = book["Matrix 矩阵"]
    header = [c.value for c in matrix[1]]
    assert header[:3] == ["Government / 政府", None, "1"]
    rows = {r[0].value: [c.value for c in r] for r in matrix.iter_rows(min_row=2)}
    assert rows["CNKMG"][header.index("8")] == "2 · High"
    uncovered = [r[0].value for r in book["Uncovered 未覆盖"].iter_rows(min_row=2)]
    assert uncovered == ["1", "5", "8", "10", "11", "13", "17", "18", "19", "20", "23"]
