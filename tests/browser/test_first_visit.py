"""A visitor and an officer use the platform in a real browser, in both languages."""

import pytest

from localgbf.web.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_visitor_reads_english_switches_to_chinese_and_an_officer_signs_in(
    page, demo_site, artifacts
):
    page.goto(f"{demo_site}/en/")
    assert page.locator("h1").inner_text() == "Plan, measure and report local action for nature"

    page.goto(f"{demo_site}/zh-hans/")
    assert page.locator("h1").inner_text() == "规划、衡量和报告地方的自然行动"
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.goto(f"{demo_site}/en/governments/")
    page.select_option("#language", "zh-hans")
    page.wait_for_url(f"{demo_site}/zh-hans/governments/")
    assert page.locator("h1").inner_text() == "政府"

    page.click("text=登录")
    page.fill("#id_username", "kunming.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{demo_site}/zh-hans/governments/")
    assert "Li Na" in page.locator(".who").inner_text()
    from localgbf.web.governments.models import Government

    assert page.locator(".tree-node").count() == Government.objects.count()
    page.screenshot(path=str(artifacts / "directory-zh-hans-officer.png"), full_page=True)

    page.click("text=昆明市")
    page.click("text=编辑概况")
    assert page.locator("#id_name_zh").input_value() == "昆明市"


def test_the_directory_works_on_a_phone(browser, demo_site, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{demo_site}/zh-hans/governments/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot(path=str(artifacts / "directory-zh-hans-phone.png"), full_page=True)
    context.close()
