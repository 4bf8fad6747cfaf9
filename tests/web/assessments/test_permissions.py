"""Who may see and change assessments, view by view and persona by persona.

Drafts are private to the government's members (VIEW_PRIVATE: its officers and viewers, the
country's reviewer, network administrators); completed assessments are public; only the
government's officers (and network administrators) change them; band tables are for network
administrators only. Anonymous visitors who are refused are sent to the sign-in page.
"""

from __future__ import annotations

import pytest

from localgbf.web.assessments.models import Assessment, BandTableVersion, ComputationRecord
from localgbf.web.governments.models import AuditEntry

READ_VIEWS = [
    "/en/assessments/{pk}/",
    "/en/assessments/{pk}/indicators/1/",
    "/zh-hans/assessments/{pk}/indicators/17/",
    "/en/assessments/{pk}/profile/",
    "/en/assessments/{pk}/scorecard/",
    "/en/assessments/{pk}/scorecard.csv",
    "/en/assessments/{pk}/scorecard.xlsx",
    "/en/assessments/{pk}/scorecard.pdf",
]
MEMBERS = {"city_officer": 200, "viewer": 200, "reviewer": 200, "network_admin": 200}
NOT_MEMBERS = {"outsider": 403, "other_officer": 403, "region_officer": 403, "anonymous": 302}
EDITORS = {"city_officer", "network_admin"}


@pytest.mark.parametrize(("persona", "status"), [*MEMBERS.items(), *NOT_MEMBERS.items()])
def test_a_draft_is_visible_to_the_governments_members_only(client_as, draft, persona, status):
    client = client_as(persona)
    for url in READ_VIEWS:
        response = client.get(url.format(pk=draft.pk))
        assert (url, response.status_code) == (url, status)
        if status == 302:
            assert "/accounts/login/?next=" in response["Location"]


@pytest.mark.parametrize("persona", [*MEMBERS, *NOT_MEMBERS])
def test_a_completed_assessment_is_visible_to_everyone(client_as, baseline, persona):
    client = client_as(persona)
    for url in READ_VIEWS:
        assert (url, client.get(url.format(pk=baseline.pk)).status_code) == (url, 200)


@pytest.mark.parametrize("persona", [*MEMBERS, *NOT_MEMBERS])
def test_the_list_shows_drafts_to_members_and_completed_ones_to_all(client_as, persona):
    body = client_as(persona).get("/en/governments/CNKMG/assessments/").content.decode()
    assert "/en/assessments/" in body and ">2020<" in body
    assert (">2024<" in body) is (persona in MEMBERS)


@pytest.mark.parametrize("persona", [*MEMBERS, *NOT_MEMBERS])
def test_the_government_page_lists_its_assessments_by_the_same_rule(client_as, persona):
    body = client_as(persona).get("/en/governments/CNKMG/").content.decode()
    assert "Singapore Index on Cities' Biodiversity" in body
    assert ("<strong>2024</strong>" in body) is (persona in MEMBERS)
    assert ("Start an assessment" in body) is (persona in EDITORS)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("city_officer", 200), ("network_admin", 200), ("viewer", 403), ("reviewer", 403),
     ("region_officer", 403), ("other_officer", 403), ("outsider", 403), ("anonymous", 302)],
)  # fmt: skip
def test_only_officers_start_an_assessment(client_as, demo, persona, status):
    client = client_as(persona)
    assert client.get("/en/governments/CNKMG/assessments/new/").status_code == status
    response = client.post(
        "/en/governments/CNKMG/assessments/new/", {"edition": "2021", "reference_year": 2026}
    )
    assert response.status_code == (302 if status == 200 else status)
    assert Assessment.objects.filter(reference_year=2026).exists() is (status == 200)


def _changes(draft):
    pending = ComputationRecord.objects.get(
        government=draft.government, status="pending", indicator=11
    )
    return {
        "value": (f"/en/assessments/{draft.pk}/indicators/3/", {"action": "value", "v-value": "12", "v-unit": "%"}),
        "confirm": (f"/en/assessments/{draft.pk}/indicators/1/", {"action": "confirm"}),
        "profile": (f"/en/assessments/{draft.pk}/profile/", {"location": "Kunming"}),
        "complete": (f"/en/assessments/{draft.pk}/complete/", {}),
        "take": (f"/en/assessments/{draft.pk}/computations/{pending.pk}/", {"decision": "take"}),
        "rescore": (f"/en/assessments/{draft.pk}/rescore/", {"i1": "on"}),
    }  # fmt: skip


CHANGES = ["value", "confirm", "profile", "complete", "take", "rescore"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("viewer", 403), ("reviewer", 403), ("region_officer", 403), ("other_officer", 403),
     ("outsider", 403), ("anonymous", 302)],
)  # fmt: skip
def test_nobody_but_the_officers_changes_a_draft(client_as, draft, persona, status):
    client = client_as(persona)
    for change, (url, data) in _changes(draft).items():
        response = client.post(url, {"version": draft.version, **data})
        assert (change, response.status_code) == (change, status)
    draft.refresh_from_db()
    assert draft.version == 1
    assert not AuditEntry.objects.filter(action__startswith="assessment.").exists()


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("persona", sorted(EDITORS))
def test_the_officers_and_administrators_may_change_a_draft(client_as, draft, change, persona):
    url, data = _changes(draft)[change]
    response = client_as(persona).post(url, {"version": draft.version, **data})
    assert response.status_code == 302
    assert "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("network_admin", 200), ("city_officer", 403), ("viewer", 403), ("reviewer", 403),
     ("region_officer", 403), ("other_officer", 403), ("outsider", 403), ("anonymous", 302)],
)  # fmt: skip
def test_band_tables_are_for_network_administrators(client_as, demo, persona, status):
    client = client_as(persona)
    assert client.get("/en/assessments/band-tables/").status_code == status
    response = client.post("/en/assessments/band-tables/", {})
    assert response.status_code == status
    assert not BandTableVersion.objects.exists()
