"""The country's Plan of Action report on the demo, its figures checked by hand against the
demo's records (plans/demo_data.py, commitments/demo_data.py, participation/demo_data.py),
and who may read it."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from localgbf.reporting.plan_of_action_report import build_report
from localgbf.web.governments.models import Government
from localgbf.web.participation import poa
from localgbf.web.participation.models import Organisation


@pytest.fixture
def report(demo):
    return build_report(poa.country_input(Government.objects.get(code="CN")))


def test_plans_on_the_demo(report):
    # Under CN: Guangdong (no plan), Guangzhou (draft v1), Shenzhen, Yunnan, Dali, Kunming,
    # Shanghai (adopted v1 each, all following the national targets); local targets of the
    # adopted versions: 3 + 3 + 1 + 6 + 1.
    values = {f.key: f.value for f in report.area(1).figures}
    assert values["governments"] == 7
    assert values["plans_adopted"] == 5
    assert values["plans_draft"] == 1
    assert values["plans_following"] == 5
    assert values["targets_total"] == 14
    assert [r.url for r in report.figure(1, "plans_draft").links] == [
        "/en/governments/CNCAN/plan/v1/"
    ]


def test_secured_funding_on_the_demo(report):
    # own budget, CNY, secured or spent: Shenzhen 80 M + 300 M; Yunnan 500 M; Dali 150 M
    # (spent); Kunming 120 M + 8 M + 200 M + 50 M + 0.5 M + 0.3 M; Shanghai 60 M.
    assert report.figure(3, "secured:own_budget:CNY").value == Decimal("1468800000.00")
    assert report.figure(3, "secured:international:USD").value == Decimal("400000.00")
    assert report.figure(3, "secured:national_transfer:CNY").value == Decimal("30000000.00")
    assert report.figure(3, "finance_governments").value == 5


def test_cepa_and_commitments_on_the_demo(report):
    # Kunming: event 5,200, City Nature Challenge 1,260, school programme 3,400;
    # Shenzhen: campaign 48,000.
    assert report.figure(5, "cepa_activities").value == 4
    assert report.figure(5, "cepa_reach").value == 5200 + 1260 + 3400 + 48000
    assert report.figure(5, "bioblitzes").value == 1
    # Latest versions: Kunming C1, C2 accepted; Shenzhen C1, Shanghai C1 pending; Yunnan C1
    # returned.
    assert report.figure(7, "commitments").value == 5
    assert report.figure(7, "commitments_accepted").value == 2
    assert report.figure(7, "commitments_pending").value == 2
    assert report.figure(7, "commitments_returned").value == 1


def test_the_network_report_counts_its_three_members_with_what_they_share(demo):
    network = Organisation.objects.get(code="cn-cities-network")
    report = build_report(poa.network_input(network))
    assert report.figure(1, "governments").value == 3  # Kunming, Shenzhen, Dali
    # own budget, CNY, secured or spent: Shenzhen 380 M, Dali 150 M, Kunming 378.8 M.
    assert report.figure(3, "secured:own_budget:CNY").value == Decimal("908800000.00")
    # Kunming C1, C2 (accepted) and Shenzhen C1 (pending, shared with the network).
    assert report.figure(7, "commitments").value == 3
    # Kunming shares its assessments, so the network counts its draft one too ...
    draft = report.figure(6, "assessments_draft")
    assert draft.value == 1 and draft.links[0].label.startswith("CNKMG")
    # ... and no longer once Kunming stops sharing them.
    member = network.members.get(government__code="CNKMG")
    member.shares = ["plans", "commitments"]
    member.save()
    report = build_report(poa.network_input(network))
    assert report.figure(6, "assessments_draft").value == 0
    assert report.figure(6, "assessments_completed").value == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("viewer", 403),
        ("city_officer", 403),
        ("region_officer", 403),
        ("network_staff", 403),
        ("reviewer", 200),
        ("network_admin", 200),
    ],
)
def test_the_country_report_is_for_the_country_s_reviewers(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CN/plan-of-action/").status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("city_officer", 403),
        ("reviewer", 403),
        ("network_staff", 200),
        ("network_admin", 200),
    ],
)
def test_the_network_report_is_for_the_network_s_staff(client_as, persona, status):
    url = "/en/organisations/cn-cities-network/plan-of-action/"
    assert client_as(persona).get(url).status_code == status


def test_the_reviewer_downloads_the_report_in_each_format(client_as):
    client = client_as("reviewer")
    document = json.loads(client.get("/en/governments/CN/plan-of-action/export.json").content)
    assert [a["number"] for a in document["action_areas"]] == [1, 2, 3, 4, 5, 6, 7]
    link = document["action_areas"][0]["figures"][0]["links"][0]["url"]
    assert link.startswith("http://testserver/en/governments/")
    book = client.get("/en/governments/CN/plan-of-action/export.xlsx")
    assert load_workbook(io.BytesIO(book.content)).active["A1"].value.startswith("Implementation")
    pdf = client.get("/en/governments/CN/plan-of-action/export.pdf?lang=zh-hans")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/en/governments/CN/plan-of-action/export.pdf?lang=xx").status_code == 404


def test_the_report_page_reads_in_chinese(client_as):
    page = client_as("reviewer").get("/zh-hans/governments/CN/plan-of-action/").content.decode()
    assert "宣传教育活动覆盖人数" in page and "57,860" in page
