"""A city officer writes part of its plan in Chinese through the guided steps, in a browser."""

import pytest

from localgbf.web.core.demo import DEMO_PASSWORD
from localgbf.web.plans.models import Action, LocalTarget

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DRAFT = "/zh-hans/governments/CNKMG/plan/v2"


def sign_in(page, site):
    page.goto(f"{site}/zh-hans/accounts/login/")
    page.fill("#id_username", "kunming.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def test_an_officer_adds_a_target_and_an_action_in_chinese(page, demo_site, artifacts):
    sign_in(page, demo_site)
    page.goto(f"{demo_site}{DRAFT}/step/targets/")
    assert page.locator("h2").first.inner_text() == "第 4 步：具体目标"
    assert page.locator(".stepper li").count() == 6

    page.locator("a", has_text="添加具体目标").first.click()
    page.fill("#id_title_zh", "滇池入湖河道生态修复")
    page.fill("#id_indicator_zh", "完成生态修复的入湖河道数量")
    page.fill("#id_unit", "条")
    page.fill("#id_baseline_value", "10")
    page.fill("#id_baseline_year", "2024")
    page.fill("#id_target_value", "35")
    page.fill("#id_deadline", "2030-12-31")
    page.select_option("#alignment tr:has(td.code:text-is('2')) select", label="高")
    page.screenshot(path=str(artifacts / "plan-target-form-zh-hans.png"), full_page=True)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{demo_site}{DRAFT}/step/targets/")
    assert page.locator("text=滇池入湖河道生态修复").count() == 1

    target = LocalTarget.objects.filter(version__number=2, goal__code="G1").latest("pk")
    assert target.title == {"zh-hans": "滇池入湖河道生态修复"}
    assert [(link.element.code, link.degree) for link in target.links.all()] == [("2", "high")]

    page.goto(f"{demo_site}{DRAFT}/actions/new/?target={target.pk}")
    page.fill("#id_title_zh", "盘龙江河道生态修复")
    page.fill("#id_responsible_zh", "昆明市水务局")
    page.check("input[name=sectors][value=water]")
    page.fill("#id_budget-0-year", "2026")
    page.fill("#id_budget-0-amount", "3000000")
    page.select_option("#id_budget-0-status", label="已落实")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{demo_site}{DRAFT}/step/actions/")

    action = Action.objects.get(target=target)
    assert action.sectors == ["water"]
    assert [(b.amount, b.currency, b.status) for b in action.budget_lines.all()] == [
        (3000000, "CNY", "secured")
    ]
    page.goto(f"{demo_site}{DRAFT}/")
    assert page.locator("text=盘龙江河道生态修复").count() == 1
    assert "水务" in page.locator(".sector-tag").all_inner_texts()
    page.screenshot(path=str(artifacts / "plan-draft-zh-hans.png"), full_page=True)


def test_the_steps_work_on_a_phone(browser, demo_site, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, demo_site)
    page.goto(f"{demo_site}{DRAFT}/step/team/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the step page scrolls sideways on a phone"
    page.screenshot(path=str(artifacts / "plan-step-team-phone.png"), full_page=True)
    context.close()
