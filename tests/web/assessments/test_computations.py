"""Computed values arrive as computation records; a person takes and confirms them."""

from __future__ import annotations

import pytest

from localgbf.index.errors import IndexInputError, ValueOutOfRangeError
from localgbf.provenance import IndicatorValue, InputFile
from localgbf.web.assessments import services
from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.governments.models import AuditEntry

LANDCOVER = InputFile(role="landcover", name="kunming_lc_2024.tif", sha256="ab" * 32)


def computed(indicator=1, value=18.4, version="1.0", unit="percent") -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        value=value,
        unit=unit,
        method_id="spatial.natural_share",
        method_version=version,
        inputs=(LANDCOVER,),
        warnings=("2 % of the cells have no class",),
    )


def take(client, row, record):
    row.refresh_from_db()
    return client.post(
        f"/en/assessments/{row.pk}/computations/{record.pk}/",
        {"decision": "take", "version": row.version},
    )


def test_computed_values_wait_on_the_assessment_page(officer, fresh, kunming):
    (record,) = services.add_computations(kunming, [computed()], "job")
    assert record.status == "pending" and record.source == "job"
    body = officer.get(f"/en/assessments/{fresh.pk}/").content.decode()
    assert "Computed values waiting" in body
    assert "spatial.natural_share 1.0" in body and "kunming_lc_2024.tif" in body
    added = AuditEntry.objects.get(action="computation.add", object_id=str(record.pk))
    assert added.after == {"indicator": 1, "value": 18.4, "source": "job"}


def test_a_taken_value_is_computed_until_confirmed_then_confirmed(officer, fresh, kunming):
    (record,) = services.add_computations(kunming, [computed(value=18.4)], "batch")
    response = take(officer, fresh, record)
    assert response["Location"] == f"/en/assessments/{fresh.pk}/indicators/1/"
    fresh.refresh_from_db()
    entry = fresh.pure().entry(1)
    assert (entry.status, entry.value, entry.points) == ("computed", 18.4, 3)
    assert entry.obtained.inputs == (LANDCOVER,)
    record.refresh_from_db()
    assert (record.status, record.assessment_id) == ("taken", fresh.pk)
    page = officer.get(f"/en/assessments/{fresh.pk}/indicators/1/").content.decode()
    assert "Confirm the computed value" in page and LANDCOVER.sha256[:12] in page
    officer.post(
        f"/en/assessments/{fresh.pk}/indicators/1/", {"action": "confirm", "version": fresh.version}
    )
    fresh.refresh_from_db()
    assert fresh.pure().entry(1).status == "confirmed"
    assert fresh.pure().entry(1).confirmed_by == "kunming.officer"


def test_a_recomputed_value_never_overwrites_a_confirmed_one(
    officer, fresh, kunming, post_indicator
):
    """Confirmed 18.4 % (score 3); recomputed with method 1.1 as 22.0 % (score 4): the confirmed
    value stays, the new one waits beside it, and the assessment cannot be completed."""
    (first,) = services.add_computations(kunming, [computed(value=18.4, version="1.0")], "job")
    take(officer, fresh, first)
    post_indicator(officer, fresh, 1, "confirm")
    (second,) = services.add_computations(kunming, [computed(value=22.0, version="1.1")], "job")
    take(officer, fresh, second)
    fresh.refresh_from_db()
    entry = fresh.pure().entry(1)
    assert (entry.status, entry.value, entry.points) == ("confirmed", 18.4, 3)
    assert (entry.proposal.value, entry.proposal.score.score) == (22.0, 4)
    assert entry.proposal.obtained.method_version == "1.1"
    card = officer.get(f"/en/assessments/{fresh.pk}/scorecard/").content.decode()
    assert "recomputed value waiting" in card
    response = officer.post(
        f"/en/assessments/{fresh.pk}/complete/", {"version": fresh.version}, follow=True
    )
    assert (
        "computed values still await confirmation for indicator(s) 1" in response.content.decode()
    )
    post_indicator(officer, fresh, 1, "dismiss")
    fresh.refresh_from_db()
    entry = fresh.pure().entry(1)
    assert (entry.value, entry.proposal) == (18.4, None)


def test_taking_the_recomputed_value_needs_a_person(officer, fresh, kunming, post_indicator):
    (first,) = services.add_computations(kunming, [computed(value=18.4, version="1.0")], "job")
    take(officer, fresh, first)
    post_indicator(officer, fresh, 1, "confirm")
    (second,) = services.add_computations(kunming, [computed(value=22.0, version="1.1")], "job")
    take(officer, fresh, second)
    post_indicator(officer, fresh, 1, "confirm")
    fresh.refresh_from_db()
    entry = fresh.pure().entry(1)
    assert (entry.status, entry.value, entry.points, entry.proposal) == ("confirmed", 22.0, 4, None)


def test_a_dismissed_record_cannot_be_taken(officer, fresh, kunming):
    (record,) = services.add_computations(kunming, [computed()], "job")
    officer.post(
        f"/en/assessments/{fresh.pk}/computations/{record.pk}/",
        {"decision": "dismiss", "version": 1},
    )
    record.refresh_from_db()
    assert record.status == "dismissed" and record.decided_by.username == "kunming.officer"
    response = take(officer, fresh, record)
    body = officer.get(response["Location"]).content.decode()
    assert "This computed value has already been taken or dismissed." in body
    fresh.refresh_from_db()
    assert fresh.version == 1


def test_another_governments_record_is_not_found(officer, fresh, demo):
    (record,) = services.add_computations(demo["government:CNSZX"], [computed()], "job")
    assert take(officer, fresh, record).status_code == 404


def test_a_2014_assessment_does_not_take_values_numbered_for_2021(officer, kunming):
    officer.post(
        "/en/governments/CNKMG/assessments/new/", {"edition": "2014", "reference_year": 2019}
    )
    row = kunming.si_assessments.get(edition="2014")
    (record,) = services.add_computations(kunming, [computed()], "job")
    body = officer.get(take(officer, row, record)["Location"]).content.decode()
    assert "computed values use the 2021 numbering; this assessment is in the 2014 edition" in body
    record.refresh_from_db()
    assert record.status == "pending"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (computed(value=140.0), ValueOutOfRangeError,
         r"indicator 1 \(Proportion of Natural Areas in the City\): 140 is out of range; the accepted range is 0 to 100 %"),
        (computed(indicator=24, value=-2.0, unit="organisations"), ValueOutOfRangeError,
         r"indicator 24 .*: -2 is out of range; the accepted range is 0 organisations or more, whole numbers"),
        (computed(unit="acres"), IndexInputError,
         r"indicator 1: the unit 'acres' is not the indicator's unit '%' \(percent\)"),
    ],
)  # fmt: skip
def test_bad_computed_values_are_refused_all_or_nothing(kunming, value, error, message):
    before = ComputationRecord.objects.count()
    with pytest.raises(error, match=message):
        services.add_computations(kunming, [computed(indicator=10, value=70.0), value], "job")
    assert ComputationRecord.objects.count() == before


def test_an_unknown_source_is_refused(kunming):
    with pytest.raises(
        services.ComputationError, match="unknown computation source 'cron'; use one of job, batch"
    ):
        services.add_computations(kunming, [computed()], "cron")
