"""A plan as JSON, XLSX and a bilingual PDF, from the page; drafts only for those who may."""

import io
import json

from openpyxl import load_workbook

URL = "/en/governments/CNKMG/plan/v1/export"


def test_the_json_holds_the_whole_plan_with_exact_amounts(client_as):
    doc = json.loads(client_as("anonymous").get(f"{URL}.json").content)
    assert doc["status"] == "adopted" and doc["national_framework"] == "nbsap-cn:2024-demo"
    action = doc["goals"][0]["targets"][0]["actions"][0]
    assert action["code"] == "1.1.1" and action["sectors"] == ["water", "urban_planning"]
    assert action["budget"][0] == {
        "year": 2025,
        "amount": "120000000.00",
        "currency": "CNY",
        "source": "own_budget",
        "status": "secured",
        "note": "",
    }
    assert {(link["framework"], link["code"], link["degree"]) for link in action["links"]} == {
        ("national", "2", "high"),
        ("kmgbf", "2", "high"),
    }
    assert doc["finance"]["total"]["CNKMG"]["needs"] == "680672000.00"


def test_the_xlsx_has_bilingual_sheets_and_states_the_rates(client_as):
    book = load_workbook(io.BytesIO(client_as("anonymous").get(f"{URL}.xlsx").content))
    assert book.sheetnames == [
        "Plan 计划",
        "Targets 目标",
        "Actions 行动",
        "Alignment 对应",
        "Budget 预算",
        "Finance 资金 (CNY)",
    ]
    actions = book["Actions 行动"]
    assert actions["A1"].value == "Local target / 地方目标"
    finance = [row[0].value for row in book["Finance 资金 (CNY)"].iter_rows()]
    assert "Totals in CNY, converted at: USD 2025 = 7.18" in finance


def test_the_pdf_embeds_a_chinese_font(client_as):
    response = client_as("anonymous").get(f"{URL}.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert b"/FontFile3" in response.content and b"NotoSansCJKSC" in response.content


def test_a_drafts_export_is_refused_to_the_public(client_as):
    assert (
        client_as("anonymous").get("/en/governments/CNKMG/plan/v2/export.json").status_code == 403
    )
    assert client_as("viewer").get("/en/governments/CNKMG/plan/v2/export.json").status_code == 200
