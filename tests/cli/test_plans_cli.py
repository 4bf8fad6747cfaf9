"""`localgbf national import`, `localgbf plans export` and `localgbf coverage` on the demo."""

import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from localgbf.cli.main import cli
from localgbf.web.core.demo import build_demo
from localgbf.web.frameworks.models import Framework


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_demo()


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_national_import_adds_a_version_and_keeps_the_earlier_ones(demo, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "编号,标题（中文）,对应的全球行动目标及一致程度\n1,减少污染,7:中; 8:低\n2,城市绿地,12:高\n"
    )
    result = run("national", "import", str(path), "--country", "CN", "--version", "2030")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Imported 2 national targets of CN as nbsap-cn version 2030 (current), with 3 alignments to KMGBF targets.",
        "Earlier versions kept: 2016-demo, 2024-demo.",
    ]
    assert Framework.objects.get(slug="nbsap-cn", is_current=True).version == "2030"


def test_national_import_refuses_a_bad_row_naming_it_and_stores_nothing(demo, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("code,title_en,kmgbf_targets\n1,A,3:high\n2,B,24:low\n")
    result = run("national", "import", str(path), "--country", "CN")
    assert result.exit_code == 1
    assert (
        "targets.csv, row 3, column C (kmgbf_targets): '24' is not a KMGBF target (1 to 23)"
        in result.output
    )
    assert Framework.objects.filter(slug="nbsap-cn").count() == 2


def test_national_import_refuses_an_unknown_country(demo, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,title_en\n1,A\n")
    result = run("national", "import", str(path), "--country", "XX")
    assert result.exit_code == 1 and "no government has the code 'XX'" in result.output


def test_plans_export_writes_json_xlsx_and_pdf(demo, tmp_path):
    for fmt in ("json", "xlsx", "pdf"):
        out = tmp_path / f"plan.{fmt}"
        result = run("plans", "export", "CNKMG", "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        assert "Wrote version 1 (adopted) of the plan of CNKMG" in result.output
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert doc["format"] == "localgbf.plan" and doc["government_code"] == "CNKMG"
    assert [g["code"] for g in doc["goals"]] == ["G1", "G2", "G3"]
    assert doc["finance"]["currency"] == "CNY"
    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames[:3] == ["Plan 计划", "Targets 目标", "Actions 行动"]
    assert (tmp_path / "plan.pdf").read_bytes()[:5] == b"%PDF-"


def test_plans_export_of_a_government_without_a_plan_fails_clearly(demo, tmp_path):
    result = run("plans", "export", "CN-GD", "--format", "json", "--out", str(tmp_path / "x.json"))
    assert result.exit_code == 1 and "CN-GD has no plan" in result.output


def test_coverage_json_has_the_shape_of_the_issue(demo, tmp_path):
    """Demo plans in force: every adopted plan, and Guangzhou's draft (no adopted version).
    Needs (CNY): Yunnan 994,360,000 (of which 2,000,000 USD × 7.18), Kunming 680,672,000,
    Dali 150,000,000, Shenzhen 401,000,000, Guangzhou 90,000,000, Shanghai 63,975,000
    (500,000 EUR × 7.95): 2,380,007,000 in all."""
    result = run("coverage", "CN", "--json", "--out", str(tmp_path / "m.xlsx"))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"country", "national_targets", "kmgbf_targets_uncovered", "finance"}
    assert doc["country"] == "CN"
    target_2 = next(t for t in doc["national_targets"] if t["code"] == "2")
    assert target_2["governments"] == [
        {"code": "CN-YN", "actions": 1, "best_alignment": "medium"},
        {"code": "CNCAN", "actions": 1, "best_alignment": "medium"},
        {"code": "CNDLU", "actions": 1, "best_alignment": "high"},
        {"code": "CNKMG", "actions": 1, "best_alignment": "high"},
        {"code": "CNSZX", "actions": 1, "best_alignment": "high"},
    ]
    assert doc["kmgbf_targets_uncovered"] == [
        "1",
        "5",
        "8",
        "10",
        "11",
        "13",
        "17",
        "18",
        "19",
        "20",
        "23",
    ]
    finance = doc["finance"]
    assert (finance["currency"], finance["needs"], finance["secured"], finance["gap"]) == (
        "CNY",
        2380007000,
        1502672000,
        877335000,
    )
    assert sum(g["needs"] for g in finance["by_government"]) == finance["needs"]
    assert set(finance["by_government"][0]) == {"code", "needs", "secured"}
    book = load_workbook(io.BytesIO((tmp_path / "m.xlsx").read_bytes()))
    assert book.sheetnames[0] == "Matrix 矩阵"


def test_coverage_as_text(demo):
    result = run("coverage", "CN")
    assert result.exit_code == 0
    assert (
        "     2  CN-YN 1 medium · CNCAN 1 medium · CNDLU 1 high · CNKMG 1 high · CNSZX 1 high"
        in result.output
    )
    assert (
        "Finance (CNY): needs 2,380,007,000.00 · secured 1,502,672,000.00 · gap 877,335,000.00"
        in result.output
    )


def test_coverage_of_a_city_is_refused(demo):
    result = run("coverage", "CNKMG")
    assert result.exit_code == 1 and "'CNKMG' is not the code of a country" in result.output
