import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/frameworks/",
        "/{lang}/frameworks/kmgbf/",
        "/{lang}/frameworks/kmgbf/goals/A/",
        "/{lang}/frameworks/kmgbf/targets/12/",
        "/{lang}/frameworks/plan-of-action/",
        "/{lang}/accounts/login/",
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_public_pages_open_for_a_visitor_in_both_languages(client_as, path, lang):
    response = client_as("anonymous").get(path.format(lang=lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_the_root_redirects_to_a_language(client_as):
    response = client_as("anonymous").get("/")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_the_home_page_is_translated(client_as):
    body = client_as("anonymous").get("/zh-hans/").content.decode()
    assert "规划、衡量和报告地方的自然行动" in body
    assert "制定和执行体现次国家政府" in body  # action area 1, official Chinese text


def test_chinese_target_titles_are_marked_as_working_translations(client_as):
    body = client_as("anonymous").get("/zh-hans/frameworks/kmgbf/targets/12/").content.decode()
    assert "增加城市绿色和蓝色空间" in body
    assert "非正式译文" in body


def test_indicator_names_without_chinese_show_english_with_a_marker(client_as):
    body = client_as("anonymous").get("/zh-hans/frameworks/kmgbf/targets/12/").content.decode()
    assert '<span lang="en">Singapore Index on Cities&#x27; Biodiversity</span>' in body
    assert 'class="marker"' in body


def test_an_unknown_target_is_404(client_as):
    assert client_as("anonymous").get("/en/frameworks/kmgbf/targets/99/").status_code == 404


def test_switching_language_keeps_the_page(client_as):
    client = client_as("anonymous")
    response = client.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "/en/governments/CNKMG/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/governments/CNKMG/"


def test_signing_in_works_with_the_demo_password(client_as):
    from localgbf.web.core.demo import DEMO_PASSWORD

    client = client_as("anonymous")
    response = client.post(
        "/en/accounts/login/", {"username": "kunming.officer", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "Li Na" in client.get("/en/").content.decode()


def test_a_wrong_password_is_refused_in_chinese(client_as):
    response = client_as("anonymous").post(
        "/zh-hans/accounts/login/", {"username": "kunming.officer", "password": "wrong"}
    )
    assert "用户名和密码不匹配" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("edition", ["2021", "2014"])
def test_the_singapore_index_page_lists_every_indicator_of_an_edition(client_as, lang, edition):
    from localgbf.frameworks.singapore_index import load_singapore_index

    ed = load_singapore_index().edition(edition)
    body = (
        client_as("anonymous")
        .get(f"/{lang}/frameworks/singapore-index/{edition}/")
        .content.decode()
    )
    rows = body.count('<td class="num">')
    assert rows == len(ed.indicators)
    unbanded = len(ed.indicators) - len(ed.banded())
    marker = "由评估人员评分" if lang == "zh-hans" else "scored by the assessor"
    assert body.count(f'<span class="muted">{marker}</span>') == unbanded


def test_an_unknown_edition_is_404(client_as):
    assert client_as("anonymous").get("/en/frameworks/singapore-index/1999/").status_code == 404
