"""An officer of the demo city starts a computation in Chinese and reads its result; the
species page and the results read well on a desk and on a phone."""

import pytest

from localgbf.web.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def data_site(settings, tmp_path, transactional_db, live_server):
    """The demo, with its files in a private file store (set before the demo is built)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    from localgbf.web.core.demo import build_demo

    build_demo()
    return live_server.url


def sign_in(page, site, language="zh-hans"):
    page.goto(f"{site}/{language}/accounts/login/")
    page.fill("#id_username", "monaco.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def test_an_officer_starts_a_computation_in_chinese_and_sees_its_result(page, data_site, artifacts):
    from localgbf.web.computations.models import Computation
    from localgbf.web.datasets.models import Dataset
    from localgbf.web.jobs.queue import run_pending

    sign_in(page, data_site)
    page.goto(f"{data_site}/zh-hans/governments/MCMON/")
    page.screenshot(path=str(artifacts / "data-government-zh-hans.png"), full_page=True)
    page.click("text=计算指标")
    page.wait_for_url(f"{data_site}/zh-hans/governments/MCMON/computations/new/")
    assert page.locator("h1").inner_text() == "计算指标"

    files = {d.kind: d.pk for d in Dataset.objects.filter(government__code="MCMON")}
    for role in ("landcover", "boundary", "parks", "population"):
        page.select_option(f"#id_{role}", str(files[role]))
    page.select_option("#id_class_map", "preset:esa-worldcover")
    page.screenshot(path=str(artifacts / "data-computation-form-zh-hans.png"), full_page=True)
    page.click("text=开始计算")
    page.wait_for_url("**/zh-hans/computations/*/")
    assert "排队中" in page.locator("#job-status").inner_text()
    page.screenshot(path=str(artifacts / "data-computation-queued-zh-hans.png"), full_page=True)

    assert run_pending() == 1
    page.wait_for_selector("#values-title", timeout=30_000)
    assert page.locator("#values-title").inner_text() == "指标"
    computation = Computation.objects.filter(government__code="MCMON").order_by("-pk").first()
    natural = next(v for v in computation.result["indicators"] if v["indicator"] == 1)
    row = page.locator("#indicator-1")
    assert f"{natural['value']:.2f}" in row.inner_text()
    assert "自然区域" in row.inner_text() or "Natural" in row.inner_text()
    assert page.locator("#records-title").inner_text() == "等待确认"
    page.screenshot(path=str(artifacts / "data-computation-result-zh-hans.png"), full_page=True)


def test_the_species_page_and_the_demo_result_read_well(page, data_site, artifacts):
    from localgbf.web.computations.models import Computation

    sign_in(page, data_site, "en")
    demo = Computation.objects.get(government__code="MCMON")
    page.goto(f"{data_site}/en/computations/{demo.pk}/")
    assert page.locator("#zones-title").inner_text() == "Per sub-unit"
    page.screenshot(path=str(artifacts / "data-demo-computation-en.png"), full_page=True)
    page.goto(f"{data_site}/zh-hans/governments/MCMON/species/")
    assert "GBIF.org (13 November 2025)" in page.content()
    page.screenshot(path=str(artifacts / "data-species-zh-hans.png"), full_page=True)
    page.goto(f"{data_site}/en/governments/MCMON/species/taxa/Falco peregrinus/")
    assert page.locator("td", has_text="withheld").count() > 0
    page.screenshot(path=str(artifacts / "data-sensitive-species-en.png"), full_page=True)


@pytest.mark.parametrize("path", ["computations/{pk}/", "governments/MCMON/species/"])
def test_the_data_pages_fit_a_phone(browser, data_site, artifacts, path):
    from localgbf.web.computations.models import Computation

    pk = Computation.objects.get(government__code="MCMON").pk
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        sign_in(page, data_site)
        page.goto(f"{data_site}/zh-hans/{path.format(pk=pk)}")
        width = page.evaluate("document.documentElement.scrollWidth")
        name = "computation" if "computations" in path else "species"
        page.screenshot(path=str(artifacts / f"data-{name}-zh-hans-phone.png"), full_page=True)
    finally:
        context.close()
    assert width <= 390, "the page scrolls sideways on a phone"
