"""Bad input is refused on the form, in the page's language, with the engine's precise reason."""

from __future__ import annotations

import pytest

from localgbf.web.governments.models import AuditEntry

NATURAL = "indicator 1 (Proportion of Natural Areas in the City)"


@pytest.mark.parametrize(
    ("number", "action", "fields", "message"),
    [
        (1, "value", {"value": "140", "unit": "%"},
         f"Indicator 1 was not saved: {NATURAL}: 140 is out of range; the accepted range is 0 to 100 %"),
        (1, "form", {"natural_area_ha": "5600", "city_area_ha": "4000"},
         f"Indicator 1 was not saved: {NATURAL}: 140 is out of range; the accepted range is 0 to 100 %"),
        (24, "value", {"value": "-2", "unit": "organisations"},
         "Indicator 24 was not saved: indicator 24 (Participation and Partnership: Number of"),
        (3, "form", {"native_birds_built_up": "-5", "native_birds_city": "410"},
         "Indicator 3 was not saved: indicator 3, field &#x27;native_birds_built_up&#x27;: -5 is below the minimum 0"),
        (1, "value", {"value": "18.4", "unit": "acres"},
         "Indicator 1 was not saved: indicator 1: the unit &#x27;acres&#x27; is not the indicator&#x27;s unit &#x27;%&#x27; (percent)"),
        (1, "value", {"value": "18.4", "unit": ""},
         "Indicator 1 was not saved: indicator 1: the unit is missing; the unit of indicator 1 is &#x27;%&#x27;"),
        (1, "form", {"natural_area_ha": "10", "city_area_ha": "0"},
         "Indicator 1 was not saved: indicator 1: city_area_ha must be more than 0"),
    ],
)  # fmt: skip
def test_a_value_out_of_its_range_is_refused_naming_the_indicator_and_the_range(
    officer, fresh, post_indicator, number, action, fields, message
):
    response = post_indicator(officer, fresh, number, action, **fields)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert '<ul class="errorlist nonfield">' in body
    fresh.refresh_from_db()
    assert fresh.version == 1
    assert fresh.pure().entry(number).status == "missing"
    assert not AuditEntry.objects.filter(action__startswith="assessment.enter").exists()


def test_the_refusal_is_framed_in_chinese_on_a_chinese_page(officer, fresh, post_indicator):
    response = post_indicator(officer, fresh, 1, "value", value="140", unit="%", lang="zh-hans")
    body = response.content.decode()
    assert (
        f"指标 1 未保存：{NATURAL}: 140 is out of range; the accepted range is 0 to 100 %" in body
    )


def test_the_form_keeps_what_was_typed(officer, fresh, post_indicator):
    response = post_indicator(
        officer, fresh, 1, "form", natural_area_ha="5600", city_area_ha="4000"
    )
    body = response.content.decode()
    assert 'value="5600"' in body and 'value="4000"' in body


@pytest.mark.parametrize(
    ("lang", "message"), [("en", "Enter a number."), ("zh-hans", "输入一个数字。")]
)
def test_text_where_a_number_belongs_is_refused_by_the_form(
    officer, fresh, post_indicator, lang, message
):
    response = post_indicator(officer, fresh, 1, "value", value="a lot", unit="%", lang=lang)
    assert message in response.content.decode()


def test_a_list_of_numbers_with_a_word_in_it_is_refused(officer, fresh, post_indicator):
    response = post_indicator(officer, fresh, 2, "form", group_areas_ha="60 thirty 10")
    assert "“thirty” is not a number." in response.content.decode()


def test_an_assessor_score_needs_a_justification(officer, fresh, post_indicator):
    post_indicator(officer, fresh, 17, "form", lbsap_exists="yes")
    response = post_indicator(officer, fresh, 17, "score", score=3, justification="  ")
    assert (
        "Indicator 17 was not saved: indicator 17: a score entered by the assessor needs a justification"
        in response.content.decode()
    )


def test_an_assessor_score_needs_something_to_score(officer, fresh, post_indicator):
    response = post_indicator(officer, fresh, 20, "score", score=3, justification="We do a lot.")
    assert (
        "record the value (or, for a descriptive indicator, its form or evidence) before scoring it"
        in (response.content.decode())
    )


def test_an_unknown_indicator_is_404(officer, fresh, post_indicator):
    assert officer.get(f"/en/assessments/{fresh.pk}/indicators/29/").status_code == 404
    assert post_indicator(officer, fresh, 29, "value", value="1", unit="%").status_code == 404


def test_an_unknown_action_is_a_bad_request(officer, fresh, post_indicator):
    assert post_indicator(officer, fresh, 1, "delete").status_code == 400


def test_a_second_assessment_for_the_same_year_is_refused(officer, fresh):
    response = officer.post(
        "/en/governments/CNKMG/assessments/new/", {"edition": "2021", "reference_year": 2025}
    )
    assert response.status_code == 200
    assert (
        "Kunming already has an assessment for 2025 in the 2021 edition."
        in response.content.decode()
    )
