"""A Kunming officer completes indicators of the 2024 draft in Chinese and downloads the score card."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from localgbf.web.core.demo import DEMO_PASSWORD
from localgbf.web.jobs.queue import run_pending

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def store(settings, tmp_path):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"


# The elements wider than the window, outside any box that scrolls on its own.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 391)
  .filter(e => !e.parentElement.closest('.table-scroll, .si-chart'))
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def sign_in(page, site: str) -> None:
    page.goto(f"{site}/zh-hans/accounts/login/")
    page.fill("#id_username", "kunming.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def test_an_officer_completes_an_indicator_in_chinese_and_downloads_the_score_card(
    page, demo_site, store, artifacts
):
    sign_in(page, demo_site)
    page.goto(f"{demo_site}/zh-hans/governments/CNKMG/")
    page.click("#si-assessments ~ ul >> text=2024")
    assert page.locator("h1").inner_text() == "2024 年新加坡指数评估"
    assert page.locator("#computed").inner_text() == "待处理的计算值"
    page.screenshot(path=str(artifacts / "assessment-overview-zh-hans.png"), full_page=True)

    # Indicator 3 from its form: first a share above 100 %, refused in the page's language.
    page.click("a:has-text('建成区本土生物多样性')")
    page.fill("#id_f-native_birds_built_up", "500")
    page.fill("#id_f-native_birds_city", "415")
    page.click("button[value=form]")
    error = page.locator(".errorlist.nonfield").inner_text()
    assert error.startswith("指标 3 未保存：indicator 3 (Native Biodiversity in Built Up Areas")
    assert "the accepted range is 0 to 100 %" in error
    page.screenshot(path=str(artifacts / "assessment-indicator-error-zh-hans.png"), full_page=True)
    page.fill("#id_f-native_birds_built_up", "61")
    page.click("button[value=form]")
    assert page.locator(".messages").inner_text() == "数据已保存，并据此计算出数值。"
    assert "14.7 %" in page.locator("section:has(#now)").inner_text()
    page.screenshot(path=str(artifacts / "assessment-indicator-zh-hans.png"), full_page=True)

    # Indicator 1 was computed from data: the officer confirms it, with the keyboard.
    page.goto(f"{page.url.rsplit('/indicators/', 1)[0]}/indicators/1/")
    page.focus("button:has-text('确认计算值')")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text() == "数值已确认。"

    page.click("text=全部指标")
    page.click(".si-actions >> text=评分卡")
    summary = page.locator(".si-summary").inner_text()
    assert "/ 112" in summary and "已评分 8/28 项" in summary
    page.screenshot(path=str(artifacts / "assessment-scorecard-zh-hans.png"), full_page=True)

    with page.expect_download() as xlsx_download:
        page.click("a:has-text('XLSX')")
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert workbook.sheetnames[1] == "评分卡"

    page.click("a:has-text('PDF（中英双语）')")
    page.click("button:has-text('生成 PDF')")
    assert "正在后台生成" in page.locator("main").inner_text()
    waiting = page.url
    run_pending()
    with page.expect_download() as pdf_download:
        page.goto(waiting)
    assert page.locator("main .card p").first.inner_text() == "PDF 已生成，下载将自动开始。"
    pdf = artifacts / "assessment-scorecard.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(artifacts / "assessment-scorecard-pdf")],
            check=True,
        )  # fmt: skip


def test_the_assessment_pages_work_on_a_phone(browser, demo_site, store, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, demo_site)
    page.goto(f"{demo_site}/zh-hans/governments/CNKMG/assessments/")
    page.click("text=2024")
    overview = page.url
    for path, name in [
        ("", "overview"),
        ("indicators/17/", "indicator"),
        ("scorecard/", "scorecard"),
    ]:
        page.goto(f"{overview}{path}")
        page.screenshot(
            path=str(artifacts / f"assessment-{name}-zh-hans-phone.png"), full_page=True
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the {name} page scrolls sideways: {page.evaluate(WIDE_ELEMENTS)}"
    context.close()
