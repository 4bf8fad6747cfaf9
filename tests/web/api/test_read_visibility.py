"""Reads: public records for everyone; with a token, also the drafts its owner may see on the
site (`can(user, VIEW_PRIVATE, government)`), never more."""

import pytest

from localgbf.web.assessments.models import Assessment
from localgbf.web.commitments.models import Commitment, ProgressReport
from localgbf.web.plans.models import Action, PlanVersion

MEMBERS_OF_KUNMING = ["city_officer", "viewer", "reviewer", "network_admin"]
OTHERS = ["anonymous", "outsider", "other_officer", "region_officer"]


def ids(response) -> set:
    assert response.status_code == 200, response.content[:300]
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def kunming_draft(demo):
    return PlanVersion.objects.get(plan__government__code="CNKMG", status="draft")


@pytest.mark.parametrize("persona", MEMBERS_OF_KUNMING)
def test_members_read_kunmings_draft_plan(api_as, kunming_draft, persona):
    client = api_as(persona)
    assert kunming_draft.pk in ids(client.get("/api/v1/plans?government=CNKMG"))
    assert client.get(f"/api/v1/plans/{kunming_draft.pk}").status_code == 200
    draft_actions = ids(client.get(f"/api/v1/actions?plan={kunming_draft.pk}&page_size=200"))
    assert draft_actions == set(
        Action.objects.filter(version=kunming_draft).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("persona", OTHERS)
def test_others_do_not_see_that_the_draft_exists(api_as, kunming_draft, persona):
    client = api_as(persona)
    assert kunming_draft.pk not in ids(client.get("/api/v1/plans?government=CNKMG"))
    assert client.get(f"/api/v1/plans/{kunming_draft.pk}").status_code == 404
    assert ids(client.get(f"/api/v1/actions?plan={kunming_draft.pk}")) == set()
    assert ids(client.get("/api/v1/actions?plan_status=draft&government=CNKMG")) == set()


def test_a_session_is_not_a_token(client_as, kunming_draft):
    """Signed in on the site, the browser is still anonymous for the API."""
    client = client_as("city_officer")
    assert kunming_draft.pk not in ids(client.get("/api/v1/plans?government=CNKMG"))


@pytest.mark.parametrize(
    ("persona", "sees"), [*[(p, True) for p in MEMBERS_OF_KUNMING], *[(p, False) for p in OTHERS]]
)
def test_a_draft_assessment_is_read_by_members_only(api_as, demo, persona, sees):
    draft = Assessment.objects.get(government__code="CNKMG", status="draft")
    client = api_as(persona)
    assert (draft.pk in ids(client.get("/api/v1/assessments?government=CNKMG"))) is sees
    assert client.get(f"/api/v1/assessments/{draft.pk}").status_code == (200 if sees else 404)


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("city_officer", False),
        ("other_officer", True),
        ("reviewer", True),
        ("network_admin", True),
    ],
)
def test_a_commitment_awaiting_review_is_read_by_members_and_the_reviewer(
    api_as, demo, persona, sees
):
    shenzhen = Commitment.objects.get(government__code="CNSZX", number=1)
    found = ids(api_as(persona).get("/api/v1/commitments?government=CNSZX"))
    assert (shenzhen.pk in found) is sees


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("reviewer", True),
        ("network_admin", True),
    ],
)
def test_the_open_version_of_a_public_commitment_is_for_members(api_as, demo, persona, shown):
    shanghai = Commitment.objects.get(government__code="CNSHA", number=1)
    body = api_as(persona).get(f"/api/v1/commitments/{shanghai.pk}").json()
    assert body["in_force"]["number"] == 1
    assert (body["open_version"] is not None) is shown


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anonymous", False),
        ("other_officer", False),
        ("city_officer", True),
        ("reviewer", True),
    ],
)
def test_a_progress_report_awaiting_review_is_read_by_members(api_as, demo, persona, sees):
    pending = ProgressReport.objects.get(commitment__government__code="CNKMG", state="pending")
    client = api_as(persona)
    assert (pending.pk in ids(client.get("/api/v1/progress?government=CNKMG"))) is sees
    assert client.get(f"/api/v1/progress/{pending.pk}").status_code == (200 if sees else 404)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/governments",
        "/api/v1/governments/CNKMG",
        "/api/v1/plans",
        "/api/v1/targets",
        "/api/v1/actions",
        "/api/v1/commitments",
        "/api/v1/progress",
        "/api/v1/assessments",
        "/api/v1/scores?indicator=1",
        "/api/v1/kmgbf-targets",
    ],
)
def test_every_read_endpoint_answers_anyone(api_as, demo, path):
    response = api_as("anonymous").get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_scores_compare_one_indicator_across_completed_assessments(api_as, demo):
    completed = Assessment.objects.get(government__code="CNKMG", status="completed")
    entry = next(e for e in completed.pure().entries if e.indicator == 1)
    rows = api_as("anonymous").get("/api/v1/scores?indicator=1&country=CN").json()["items"]
    assert [(r["government"], r["reference_year"], r["score"], r["value"]) for r in rows] == [
        ("CNKMG", 2020, entry.points, entry.value)
    ]
