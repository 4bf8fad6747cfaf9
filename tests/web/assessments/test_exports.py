"""Score-card files: CSV and XLSX at once, the bilingual PDF rendered in the background."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from localgbf.web.assessments.models import ScoreCardFile
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import run_pending

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
requires_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def test_the_csv_is_in_the_pages_language_and_parses(client_as, baseline):
    """The demo baseline: 34 of 112 points, 16 of 28 scored (see test_demo.py)."""
    response = client_as("anonymous").get(f"/zh-hans/assessments/{baseline.pk}/scorecard.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="singapore-index-CNKMG-2020-2021.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    (total,) = [r for r in rows if r["行类型"] == "合计"]
    assert (total["得分"], total["满分"], total["状态"]) == ("34", "112", "已评分 16/28 项")
    nine = next(r for r in rows if r["编号"] == "9")
    assert nine["评分方式"] == "由评估人员评分" and nine["评分理由"].startswith(
        "2.1 % of the species"
    )


def test_the_xlsx_opens_with_a_sheet_per_language(client_as, baseline):
    response = client_as("anonymous").get(f"/en/assessments/{baseline.pk}/scorecard.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Singapore Index score card", "评分卡", "About · 说明"]
    sheet = workbook["Singapore Index score card"]
    summary = {row[0]: row[1] for row in sheet.iter_rows(min_row=1, max_row=6, values_only=True)}
    assert summary["Government"] == "Kunming · 昆明市"
    assert summary["Total"] == "34 / 112 (16 of 28 scored)"


def test_an_unknown_format_is_404(client_as, baseline):
    assert (
        client_as("anonymous").get(f"/en/assessments/{baseline.pk}/scorecard.docx").status_code
        == 404
    )


@requires_pdftotext
def test_the_pdf_is_rendered_in_the_background_and_then_downloaded(officer, draft, tmp_path):
    url = f"/en/assessments/{draft.pk}/scorecard.pdf"
    assert "Prepare the PDF" in officer.get(url).content.decode()
    assert officer.post(url)["Location"] == f"{url}?wait=1"
    waiting = officer.get(f"{url}?wait=1").content.decode()
    assert f'<meta http-equiv="refresh" content="2; url={url}?wait=1">' in waiting
    officer.post(url)
    assert Job.objects.filter(kind="assessments.scorecard_pdf").count() == 1
    run_pending()
    ready = officer.get(f"{url}?wait=1").content.decode()
    assert f'<meta http-equiv="refresh" content="0; url={url}">' in ready
    response = officer.get(url)
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    (tmp_path / "card.pdf").write_bytes(data)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "scorecard-draft.pdf").write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "card.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Kunming · 昆明市" in text and "2024" in text
    assert "* Scored by the assessor: the data holds no bands" in text
    assert "* 由评估人员评分：数据中没有该指标的评分区间" in text
    assert "Baseline" in text and "2020" in text


def test_a_changed_assessment_needs_a_new_pdf(officer, draft, post_indicator):
    url = f"/en/assessments/{draft.pk}/scorecard.pdf"
    officer.post(url)
    run_pending()
    assert ScoreCardFile.objects.count() == 1
    post_indicator(officer, draft, 3, "value", value="15", unit="%")
    assert "Prepare the PDF" in officer.get(url).content.decode()


def test_completing_an_assessment_prepares_its_pdf(officer, fresh, post_indicator):
    post_indicator(officer, fresh, 1, "value", value="18.4", unit="%")
    fresh.refresh_from_db()
    officer.post(f"/en/assessments/{fresh.pk}/complete/", {"version": fresh.version})
    assert Job.objects.filter(
        kind="assessments.scorecard_pdf", params__assessment=fresh.pk
    ).exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_to_prepare_a_pdf(client_as, baseline):
    url = f"/en/assessments/{baseline.pk}/scorecard.pdf"
    assert "Sign in to prepare the PDF" in client_as("anonymous").get(url).content.decode()
    assert client_as("anonymous").post(url).status_code == 302
    assert not Job.objects.filter(kind="assessments.scorecard_pdf").exists()
