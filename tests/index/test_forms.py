"""Input forms: the data each formula needs, and the value computed from it."""

from __future__ import annotations

import pytest

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.index.forms import FormError, compute_from_form, form_for, input_forms


def test_every_2021_indicator_has_a_form_whose_fields_are_labelled_in_both_languages():
    forms = input_forms("2021").forms
    assert sorted(forms) == list(range(1, 29))
    for form in forms.values():
        for field in form.fields:
            assert field.label.has("en") and field.label.has("zh-hans"), (form.indicator, field.id)


def test_a_form_that_computes_a_value_gives_it_in_the_indicator_unit():
    edition = load_singapore_index().edition("2021")
    pairs = [
        (form.indicator, form.unit, edition.indicator(form.indicator).unit)
        for form in input_forms("2021").forms.values()
        if form.computes_value
    ]
    assert [p for p in pairs if p[2] is not None and p[1] != p[2]] == []
    assert [p[0] for p in pairs if p[2] is None] == [15, 22, 27]  # 2014 analogues, own units


@pytest.mark.parametrize(
    ("indicator", "fields", "value"),
    [
        # 1 840 ha natural of 10 000 ha: 1840 / 10000 x 100 = 18.4 %
        (1, {"natural_area_ha": 1840, "city_area_ha": 10000}, 18.4),
        # groups of 30 and 10 ha: (30^2 + 10^2) / 40^2 x 100 = 1000 / 1600 x 100 = 62.5 %
        (2, {"group_areas_ha": [30, 10]}, 62.5),
        # 9 invasive, 268 native: 9 / (268 + 9) x 100 = 3.249 %
        (9, {"invasive_species": 9, "native_species": 268}, 900 / 277),
        # (300 + 50) ha for 500 000 people: 350 / 500 = 0.7 ha per 1000 persons
        (12, {"park_area_ha": 300, "accessible_protected_area_ha": 50, "population": 500000}, 0.7),
        # 2 added, 1 lost: net +1
        (5, {"species_added": ["Aythya baeri", "Grus nigricollis"], "species_lost": ["X y"]}, 1),
        # duplicates in a list count once: 3 distinct partners
        (24, {"partners": ["Dali University", "dali  university", "A", "B"]}, 3),
        # 2014 formula: 86.5 M of 4 120 M = 2.0995 %
        (16, {"biodiversity_spending": 86.5e6, "city_budget": 4120e6}, 86.5 / 4120 * 100),
    ],
)
def test_the_value_is_computed_from_the_fields_as_worked_by_hand(indicator, fields, value):
    result = compute_from_form(indicator, fields)
    assert result.value == pytest.approx(value)
    assert result.method_id.startswith("si-form-")
    assert result.method_version == input_forms().version


def test_a_descriptive_form_records_the_facts_and_yields_no_value():
    result = compute_from_form(17, {"lbsap_exists": True, "adopted_year": 2022})
    assert result.value is None
    assert result.basis == "descriptive"
    assert result.fields == {"lbsap_exists": True, "adopted_year": 2022}


def test_the_form_states_when_it_uses_the_2014_formula():
    assert form_for(16).basis == "formula-2014"
    assert input_forms().bases["formula-2014"].has("zh-hans")


@pytest.mark.parametrize(
    ("indicator", "fields", "message"),
    [
        (1, {"natural": 1}, r"indicator 1: unknown field\(s\) natural; the form has city_area_ha"),
        (16, {"biodiversity_spending": 1}, r"indicator 16: the field 'city_budget' is required"),
        (1, {"natural_area_ha": -1, "city_area_ha": 10}, r"field 'natural_area_ha': -1 is below"),
        (1, {"natural_area_ha": "lots", "city_area_ha": 10}, r"expected a number, got 'lots'"),
        (1, {"natural_area_ha": 5, "city_area_ha": 0}, r"indicator 1: city_area_ha must be more"),
        (3, {"native_birds_built_up": 2.5, "native_birds_city": 10}, r"expected a whole number"),
        (17, {"lbsap_exists": "yes"}, r"field 'lbsap_exists': expected true or false"),
        (17, {"lbsap_exists": True, "adopted_year": 1066}, r"1066 is not a plausible year"),
        (19, {"plans_exist": True, "share_covered_percent": 120}, r"120 is above the maximum 100"),
        (4, {"species_added": ["A b"], "species_lost": ["a  B"]}, r"both added and lost: a b"),
        (2, {"group_areas_ha": []}, r"expected a non-empty list of numbers"),
    ],
)
def test_bad_form_input_is_refused_naming_the_indicator_and_field(indicator, fields, message):
    with pytest.raises(FormError, match=message):
        compute_from_form(indicator, fields)
