"""The public portal in a real browser: a visitor goes from the country to a city to its score
card in both languages, and a keyboard alone reaches every link of a profile."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

VISITS = {
    "zh-hans": {"country": "中国", "city": "昆明市", "open": "打开完整评分卡", "card": "评分卡"},
    "en": {
        "country": "China",
        "city": "Kunming",
        "open": "Open the full score card",
        "card": "Score card",
    },
}


def test_a_visitor_goes_from_the_country_to_a_city_to_its_score_card(page, demo_site, artifacts):
    for language, words in VISITS.items():
        page.goto(f"{demo_site}/{language}/")
        page.click(f"a.button-secondary[href='/{language}/portal/CN/']")
        page.wait_for_url(f"{demo_site}/{language}/portal/CN/")
        assert words["country"] in page.locator("h1").inner_text()
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(path=str(artifacts / f"portal-country-{language}.png"), full_page=True)

        page.locator("table.portal-governments").get_by_role("link", name=words["city"]).click()
        page.wait_for_url(f"{demo_site}/{language}/portal/CNKMG/")
        assert words["city"] in page.locator("h1").inner_text()
        chart = page.locator("#index ~ figure svg, section[aria-labelledby=index] svg").first
        assert chart.get_attribute("role") == "img"
        page.screenshot(path=str(artifacts / f"portal-profile-{language}.png"), full_page=True)

        page.get_by_role("link", name=words["open"]).click()
        page.wait_for_url(f"{demo_site}/{language}/assessments/*/scorecard/")
        assert words["card"] in page.locator("h1").inner_text()
        page.screenshot(path=str(artifacts / f"portal-scorecard-{language}.png"), full_page=True)


def test_the_keyboard_alone_reaches_every_link_of_a_profile(page, demo_site, artifacts):
    page.goto(f"{demo_site}/en/portal/CNKMG/")
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    reached: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href || ''")
        if href:
            if reached and href == reached[0]:
                break
            reached.append(href)
    assert reached[0].endswith("#main"), "the first stop is the skip link"
    assert links <= set(reached), sorted(links - set(reached))
    page.keyboard.press("Shift+Tab")
    page.screenshot(path=str(artifacts / "portal-profile-keyboard-focus.png"))


def test_a_profile_works_on_a_phone(browser, demo_site, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{demo_site}/zh-hans/portal/CNKMG/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(artifacts / "portal-profile-zh-hans-phone.png"), full_page=True)
    context.close()
