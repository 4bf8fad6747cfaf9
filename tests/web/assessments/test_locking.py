"""Two officers never silently overwrite each other; stored data is always a valid assessment."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from localgbf.index import assessment as si
from localgbf.web.assessments import services
from localgbf.web.assessments.models import Assessment, AssessmentDataError
from localgbf.web.governments.models import AuditEntry, Membership, Role


@pytest.fixture
def second_officer(kunming) -> Client:
    user = get_user_model().objects.create_user(
        "kunming.second", password="x", first_name="Zhao", last_name="Lei"
    )
    Membership.objects.create(user=user, government=kunming, role=Role.OFFICER)
    client = Client()
    client.force_login(user)
    return client


def test_a_save_from_an_older_version_is_refused_and_says_who_saved_first(
    officer, second_officer, fresh
):
    """Both open indicator 1 at version 1; Zhao saves 18.4 %, then Li saves 25 % from version 1."""
    url = f"/en/assessments/{fresh.pk}/indicators/1/"
    first = second_officer.post(
        url, {"action": "value", "version": 1, "v-value": "18.4", "v-unit": "%"}
    )
    assert first.status_code == 302
    late = officer.post(
        url, {"action": "value", "version": 1, "v-value": "25", "v-unit": "%"}, follow=True
    )
    body = late.content.decode()
    assert "Your change was not saved: Zhao Lei saved this assessment at" in body
    fresh.refresh_from_db()
    assert fresh.version == 2
    assert fresh.pure().entry(1).value == 18.4
    assert AuditEntry.objects.filter(action="assessment.enter_value").count() == 1


def test_the_refusal_is_in_the_pages_language(officer, second_officer, fresh):
    url = f"/zh-hans/assessments/{fresh.pk}/indicators/1/"
    second_officer.post(url, {"action": "value", "version": 1, "v-value": "18.4", "v-unit": "%"})
    late = officer.post(
        url, {"action": "value", "version": 1, "v-value": "25", "v-unit": "%"}, follow=True
    )
    assert "您的修改未保存：Zhao Lei" in late.content.decode()


def test_a_change_that_races_another_save_is_refused_by_the_conditional_update(fresh, users):
    """The row object was read at version 1; another save made it 2 before this one wrote."""
    stale = Assessment.objects.get(pk=fresh.pk)
    Assessment.objects.filter(pk=fresh.pk).update(version=2)
    with pytest.raises(services.AssessmentConflict):
        services.change(
            stale,
            lambda a: si.enter_value(a, 1, 18.4, unit="%"),
            expected_version=1,
            user=users["city_officer"],
            action="enter_value",
        )
    fresh.refresh_from_db()
    assert fresh.pure().entry(1).status == "missing"


def test_every_save_increments_the_version_by_one(officer, fresh, post_indicator):
    for version, value in enumerate(["10", "11", "12"], start=1):
        post_indicator(officer, fresh, 1, "value", value=value, unit="%")
        fresh.refresh_from_db()
        assert fresh.version == version + 1


def test_a_form_without_its_version_is_a_bad_request(officer, fresh):
    url = f"/en/assessments/{fresh.pk}/indicators/1/"
    response = officer.post(url, {"action": "value", "v-value": "18.4", "v-unit": "%"})
    assert response.status_code == 400


def test_data_that_the_engine_refuses_is_never_saved(fresh):
    fresh.data = {**fresh.data, "reference_year": 1066}
    with pytest.raises(AssessmentDataError, match="not a valid assessment"):
        fresh.save()


def test_data_that_contradicts_its_row_is_refused(fresh):
    fresh.data = {**fresh.data, "government": "CNSZX"}
    with pytest.raises(AssessmentDataError, match=r"the data says \('CNSZX'"):
        fresh.save()


def test_data_broken_behind_the_models_back_is_caught_on_load(fresh):
    Assessment.objects.filter(pk=fresh.pk).update(data={"entries": "nonsense"})
    fresh.refresh_from_db()
    with pytest.raises(AssessmentDataError, match=f"assessment {fresh.pk}: the stored data"):
        fresh.pure()


def test_a_completed_assessment_can_no_longer_be_changed(officer, baseline, post_indicator):
    response = post_indicator(officer, baseline, 3, "value", value="15", unit="%")
    assert response.status_code == 302
    body = officer.get(response["Location"]).content.decode()
    assert (
        "Indicator 3 was not saved: the 2020 assessment of CNKMG is completed and can no longer be changed"
        in body
    )
    baseline.refresh_from_db()
    assert baseline.version == 1
