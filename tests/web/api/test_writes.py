"""Writes need a token, and go through the same rules as the pages: `can(user, EDIT, ...)`
for the government, drafts only, the workflow services, the audit log."""

import pytest

from localgbf.web.assessments.models import Assessment
from localgbf.web.commitments.models import Commitment, ProgressReport
from localgbf.web.governments.models import AuditEntry, Government
from localgbf.web.plans.models import Action

# Who may change Kunming: its officers and network administrators. Members who only read get
# 403; those who may not even see a draft get 404, as if it did not exist.
ROLES = [
    ("anonymous", 401),
    ("outsider", 403),
    ("other_officer", 403),
    ("region_officer", 403),
    ("viewer", 403),
    ("reviewer", 403),
    ("city_officer", 200),
    ("network_admin", 200),
]
ON_A_DRAFT = [
    ("anonymous", 401),
    ("outsider", 404),
    ("other_officer", 404),
    ("region_officer", 404),
    ("viewer", 403),
    ("reviewer", 403),
    ("city_officer", 200),
    ("network_admin", 200),
]


@pytest.mark.parametrize(("persona", "status"), ROLES)
def test_patching_a_government(api_as, demo, persona, status):
    response = api_as(persona).patch(
        "/api/v1/governments/CNKMG", {"population": 8_700_000}, content_type="application/json"
    )
    assert response.status_code == status, response.content
    changed = Government.objects.get(code="CNKMG").population == 8_700_000
    assert changed is (status == 200)
    if status == 200:
        entry = AuditEntry.objects.filter(action="government.edit").latest("pk")
        assert (entry.before["population"], entry.after["population"]) == (8_680_000, 8_700_000)


@pytest.mark.parametrize(("persona", "status"), ROLES)
def test_replacing_the_public_profile(api_as, demo, persona, status):
    body = {
        "introduction": {"en": "By the lake."},
        "seat": {"latitude": 24.9, "longitude": 102.8},
        "data_licence": "CC0-1.0",
    }
    response = api_as(persona).put(
        "/api/v1/governments/CNKMG/profile", body, content_type="application/json"
    )
    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["introduction"] == {"en": "By the lake."}
        assert response.json()["data_licence"] == "CC0-1.0"


def draft_action() -> Action:
    return Action.objects.filter(
        version__plan__government__code="CNKMG", version__status="draft"
    ).first()


@pytest.mark.parametrize(("persona", "status"), ON_A_DRAFT)
def test_patching_an_action_of_the_draft(api_as, demo, persona, status):
    action = draft_action()
    response = api_as(persona).patch(
        f"/api/v1/actions/{action.pk}", {"status": "completed"}, content_type="application/json"
    )
    assert response.status_code == status, response.content
    action.refresh_from_db()
    assert (action.status == "completed") is (status == 200)


def test_an_action_of_an_adopted_plan_does_not_change(api_as, demo):
    adopted = Action.objects.filter(
        version__plan__government__code="CNKMG", version__status="adopted"
    ).first()
    response = api_as("city_officer").patch(
        f"/api/v1/actions/{adopted.pk}", {"status": "completed"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert "start a new version" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"status": "finished"}, "'finished' is not an action status"),
        ({"start": "2030-01-01", "end": "2029-01-01"}, "The action ends before it starts."),
        (
            {"latitude": 24.9, "longitude": None},
            "Give both the latitude and the longitude, or neither.",
        ),
    ],
)
def test_a_bad_action_change_is_refused_with_its_reason(api_as, demo, body, message):
    response = api_as("city_officer").patch(
        f"/api/v1/actions/{draft_action().pk}", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


@pytest.mark.parametrize(("persona", "status"), ON_A_DRAFT)
def test_entering_a_value_into_a_draft_assessment(api_as, demo, persona, status):
    draft = Assessment.objects.get(government__code="CNKMG", status="draft")
    body = {"indicator": 1, "value": 35.0, "unit": "%", "version": draft.version}
    response = api_as(persona).post(
        f"/api/v1/assessments/{draft.pk}/values", body, content_type="application/json"
    )
    assert response.status_code == status, response.content
    if status == 200:
        row = next(s for s in response.json()["scores"] if s["indicator"] == 1)
        assert row["value"] == 35.0
        assert response.json()["version"] == draft.version + 1


def test_a_value_entered_from_an_old_version_is_refused(api_as, demo):
    draft = Assessment.objects.get(government__code="CNKMG", status="draft")
    body = {"indicator": 1, "value": 35.0, "unit": "%", "version": draft.version - 1}
    response = api_as("city_officer").post(
        f"/api/v1/assessments/{draft.pk}/values", body, content_type="application/json"
    )
    assert response.status_code == 409
    assert "Your change was not saved" in response.json()["detail"]


def test_a_completed_assessment_does_not_change(api_as, demo):
    done = Assessment.objects.get(government__code="CNKMG", status="completed")
    body = {"indicator": 1, "value": 35.0, "unit": "%", "version": done.version}
    response = api_as("city_officer").post(
        f"/api/v1/assessments/{done.pk}/values", body, content_type="application/json"
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("viewer", 403),
        ("reviewer", 403),
        ("other_officer", 403),
        ("city_officer", 201),
    ],
)
def test_starting_a_progress_report(api_as, demo, persona, status):
    commitment = Commitment.objects.get(government__code="CNKMG", number=2)
    body = {"period_start": "2026-01-01", "period_end": "2026-12-31"}
    response = api_as(persona).post(
        f"/api/v1/commitments/{commitment.pk}/progress", body, content_type="application/json"
    )
    assert response.status_code == status, response.content
    if status == 201:
        assert response.json()["state"] == "draft"
        assert response.json()["period_start"] == "2026-01-01"


def test_a_period_already_reported_is_refused(api_as, demo):
    commitment = Commitment.objects.get(government__code="CNKMG", number=1)
    body = {"period_start": "2024-06-01", "period_end": "2024-12-31"}
    response = api_as("city_officer").post(
        f"/api/v1/commitments/{commitment.pk}/progress", body, content_type="application/json"
    )
    assert response.status_code == 409
    assert "already accepted" in response.json()["detail"]


def test_an_officer_fills_in_and_submits_a_report(api_as, demo):
    client = api_as("city_officer")
    commitment = Commitment.objects.get(government__code="CNKMG", number=2)
    started = client.post(
        f"/api/v1/commitments/{commitment.pk}/progress",
        {"period_start": "2026-01-01", "period_end": "2026-12-31"},
        content_type="application/json",
    ).json()
    kpi = commitment.accepted_version().kpis.first()
    body = {
        "narrative": {"en": "Twelve pocket parks opened.", "zh-hans": "新建十二个口袋公园。"},
        "level": "on_track",
        "values": {kpi.code: {"value": "91", "unit": kpi.unit}},
    }
    filled = client.put(f"/api/v1/progress/{started['id']}", body, content_type="application/json")
    assert filled.status_code == 200, filled.content
    assert filled.json()["values"] == [
        {"kpi": kpi.code, "value": 91.0, "unit": kpi.unit, "note": ""}
    ]
    submitted = client.post(f"/api/v1/progress/{started['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "pending"
    assert ProgressReport.objects.get(pk=started["id"]).submitted_by.username == "kunming.officer"


def test_a_value_in_the_wrong_unit_is_refused(api_as, demo):
    client = api_as("city_officer")
    commitment = Commitment.objects.get(government__code="CNKMG", number=2)
    started = client.post(
        f"/api/v1/commitments/{commitment.pk}/progress",
        {"period_start": "2026-01-01", "period_end": "2026-12-31"},
        content_type="application/json",
    ).json()
    kpi = commitment.accepted_version().kpis.first()
    body = {"values": {kpi.code: {"value": "91", "unit": "furlongs"}}}
    response = client.put(
        f"/api/v1/progress/{started['id']}", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert "furlongs" in response.json()["detail"]
