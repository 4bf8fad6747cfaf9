"""The assessment model: entries, computed values, confirmation, assessor scores, completion."""

from __future__ import annotations

import pytest

from localgbf.index.assessment import (
    Evidence,
    add_evidence,
    complete,
    confirm,
    dismiss_proposal,
    enter_form,
    enter_value,
    new_assessment,
    record_computed,
    score_by_assessor,
)
from localgbf.index.errors import AssessmentError, IndexInputError, ValueOutOfRangeError
from localgbf.index.species_change import SpeciesChange, net_species_change
from localgbf.provenance import IndicatorValue, InputFile


def computed(indicator: int, value: float, version: str = "1.0", unit: str = "percent"):
    return IndicatorValue(
        indicator=indicator,
        value=value,
        unit=unit,
        method_id="spatial.natural_share",
        method_version=version,
        inputs=(InputFile(role="landcover", name="lc.tif", sha256="ab" * 32),),
        warnings=("boundary repaired",),
    )


@pytest.mark.parametrize(("edition", "count"), [("2021", 28), ("2014", 23)])
def test_a_new_assessment_has_one_missing_entry_per_indicator(edition, count):
    a = new_assessment("CNDLU", 2024, edition=edition)
    assert [e.indicator for e in a.entries] == list(range(1, count + 1))
    assert {e.status for e in a.entries} == {"missing"}
    assert a.status == "draft"


def test_an_entered_value_is_scored_from_the_bands_and_stored_with_its_unit_id():
    a = enter_value(new_assessment("CNDLU", 2024), 12, 0.35, unit="ha/1000 persons", by="Li Na")
    entry = a.entry(12)
    assert (entry.status, entry.unit, entry.points) == ("entered", "ha_per_1000_persons", 2)
    assert entry.obtained is not None and entry.obtained.by == "Li Na"


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        (None, r"indicator 1: the unit is missing; the unit of indicator 1 is '%'"),
        ("ha", r"indicator 1: the unit 'ha' is not the indicator's unit '%'"),
    ],
)
def test_a_value_needs_the_unit_of_its_indicator(unit, message):
    with pytest.raises(IndexInputError, match=message):
        enter_value(new_assessment("CNDLU", 2024), 1, 18.0, unit=unit)


def test_an_indicator_without_a_unit_in_the_data_accepts_the_unit_the_city_gives():
    a = enter_value(new_assessment("CNDLU", 2024), 14, 35.0, unit="ha of allotments")
    assert a.entry(14).unit == "ha of allotments"


def test_a_form_entry_keeps_its_fields_and_the_method_that_computed_the_value():
    """Restored 17 ha of 50 ha degraded: 34 %, in '20% - 39.9%', score 1."""
    a = enter_form(
        new_assessment("CNDLU", 2024), 7, {"restored_area_ha": 17, "degraded_area_ha": 50}
    )
    entry = a.entry(7)
    assert entry.value == pytest.approx(34.0)
    assert entry.points == 1
    assert entry.obtained.form == {"restored_area_ha": 17.0, "degraded_area_ha": 50.0}
    assert entry.obtained.method_id == "si-form-share_percent"


def test_a_form_giving_a_share_above_100_percent_is_refused_with_the_range():
    with pytest.raises(
        ValueOutOfRangeError, match=r"indicator 8 .*140 is out of range; .*0 to 100 %"
    ):
        enter_form(
            new_assessment("CNDLU", 2024), 8, {"protected_area_ha": 140, "city_area_ha": 100}
        )


def test_a_computed_value_arrives_to_be_confirmed_with_its_method_and_inputs():
    a = record_computed(new_assessment("CNDLU", 2024), computed(1, 18.4))
    entry = a.entry(1)
    assert (entry.status, entry.value, entry.points) == ("computed", 18.4, 3)
    assert entry.obtained.how == "computed"
    assert entry.obtained.method_version == "1.0"
    assert entry.obtained.inputs[0].name == "lc.tif"
    assert entry.obtained.warnings == ("boundary repaired",)


def test_recomputing_never_overwrites_a_confirmed_value():
    a = record_computed(new_assessment("CNDLU", 2024), computed(1, 18.4))
    a = confirm(a, 1, by="Li Na")
    a = record_computed(a, computed(1, 21.0, version="1.1"))
    entry = a.entry(1)
    assert (entry.status, entry.value, entry.points) == ("confirmed", 18.4, 3)
    assert entry.proposal is not None
    assert (entry.proposal.value, entry.proposal.score.score) == (21.0, 4)
    kept = dismiss_proposal(a, 1).entry(1)
    assert (kept.value, kept.proposal) == (18.4, None)
    taken = confirm(a, 1, by="Li Na").entry(1)
    assert (taken.value, taken.points, taken.obtained.method_version) == (21.0, 4, "1.1")
    assert taken.proposal is None


def test_recomputing_the_same_value_with_the_same_method_changes_nothing():
    a = confirm(record_computed(new_assessment("CNDLU", 2024), computed(1, 18.4)), 1, by="Li Na")
    assert record_computed(a, computed(1, 18.4)) == a


def test_a_computed_species_change_keeps_its_lists():
    value = net_species_change(5, SpeciesChange(added=("A a", "B b"), lost=("C c",)))
    a = record_computed(new_assessment("CNDLU", 2024), value)
    entry = a.entry(5)
    assert entry.value == 1.0
    assert entry.species_change == SpeciesChange(added=("A a", "B b"), lost=("C c",))
    assert entry.points is None  # no bands for indicator 5 in the data


def test_the_assessor_score_is_labelled_and_dropped_when_the_value_changes():
    a = enter_value(new_assessment("CNDLU", 2024), 9, 3.2, unit="%")
    a = score_by_assessor(a, 9, 2, justification="provisional guidance", by="Li Na")
    entry = a.entry(9)
    assert (entry.points, entry.scored_by, entry.score.justification) == (
        2,
        "assessor",
        "provisional guidance",
    )
    changed = enter_value(a, 9, 5.0, unit="%").entry(9)
    assert (changed.points, changed.scored_by) == (None, "none")


def test_the_assessor_cannot_score_an_indicator_with_bands_or_an_empty_entry():
    a = enter_value(new_assessment("CNDLU", 2024), 1, 18.0, unit="%")
    with pytest.raises(AssessmentError, match="indicator 1 has bands"):
        score_by_assessor(a, 1, 4, justification="we like it")
    with pytest.raises(AssessmentError, match="indicator 17: record the value"):
        score_by_assessor(a, 17, 2, justification="an LBSAP exists")


def test_evidence_alone_lets_the_assessor_score_a_descriptive_indicator():
    a = add_evidence(new_assessment("CNDLU", 2024), 28, Evidence(kind="link", text="https://x"))
    a = score_by_assessor(a, 28, 1, justification="one bioblitz a year")
    assert a.entry(28).points == 1


def test_completion_waits_for_computed_values_to_be_confirmed_and_then_freezes():
    a = record_computed(new_assessment("CNDLU", 2024), computed(1, 18.4))
    with pytest.raises(AssessmentError, match=r"await confirmation for indicator\(s\) 1"):
        complete(a)
    done = complete(confirm(a, 1, by="Li Na"))
    assert done.status == "completed"
    with pytest.raises(AssessmentError, match="is completed and can no longer be changed"):
        enter_value(done, 2, 50.0, unit="%")


def test_an_empty_assessment_cannot_be_completed():
    with pytest.raises(AssessmentError, match="no indicator entered"):
        complete(new_assessment("CNDLU", 2024))


def test_a_computed_value_cannot_enter_a_2014_assessment():
    with pytest.raises(AssessmentError, match="computed values use the 2021 numbering"):
        record_computed(new_assessment("CNDLU", 2013, edition="2014"), computed(1, 18.4))


def test_an_unknown_indicator_is_refused():
    with pytest.raises(IndexInputError, match=r"indicator 29 is not in the 2021 edition"):
        new_assessment("CNDLU", 2024).entry(29)
