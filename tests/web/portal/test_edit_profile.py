"""Officers edit their government's public profile; nobody else does, and every change is
in the audit log."""

import pytest

from localgbf.web.governments.models import AuditEntry
from localgbf.web.portal.models import PublicProfile

EDIT = "/en/portal/CNKMG/edit/"
FORM = {
    "introduction_en": "Kunming, on Lake Dianchi.",
    "introduction_zh": "昆明，滇池之滨。",
    "seat_latitude": "24.88",
    "seat_longitude": "102.83",
    "data_licence": "CC0-1.0",
}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("viewer", 403),
        ("reviewer", 403),
        ("region_officer", 403),
        ("other_officer", 403),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_only_the_governments_officers_open_the_form(client_as, persona, status):
    assert client_as(persona).get(EDIT).status_code == status


@pytest.mark.parametrize("persona", ["anonymous", "viewer", "other_officer", "reviewer"])
def test_a_refused_post_changes_nothing(client_as, demo, persona):
    before = PublicProfile.objects.get(government__code="CNKMG").introduction
    client_as(persona).post(EDIT, FORM)
    assert PublicProfile.objects.get(government__code="CNKMG").introduction == before


def test_an_officer_saves_the_profile_and_the_change_is_audited(client_as, demo):
    response = client_as("city_officer").post(EDIT, FORM)
    assert response.status_code == 302
    profile = PublicProfile.objects.get(government__code="CNKMG")
    assert profile.introduction == {
        "en": "Kunming, on Lake Dianchi.",
        "zh-hans": "昆明，滇池之滨。",
    }
    assert profile.data_licence == "CC0-1.0"
    entry = AuditEntry.objects.filter(action="portal.profile.edit").latest("pk")
    assert entry.after["data_licence"] == "CC0-1.0"
    assert entry.before["data_licence"] == "CC-BY-4.0"
    page = client_as("anonymous").get("/en/portal/CNKMG/").content.decode()
    assert "Kunming, on Lake Dianchi." in page
    assert "Creative Commons Zero 1.0 Universal" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("seat_latitude", "91", "Ensure this value is less than or equal to 90"),
        ("seat_longitude", "", "Give both the latitude and the longitude, or neither."),
        ("data_licence", "WTFPL", "Select a valid choice."),
    ],
)
def test_a_bad_value_is_refused_with_its_reason(client_as, demo, field, value, message):
    response = client_as("city_officer").post(EDIT, {**FORM, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PublicProfile.objects.get(government__code="CNKMG").data_licence == "CC-BY-4.0"
