"""Who may read and change plans: an officer edits only its own government's plan; the
country's reviewer reads all plans of the country, drafts included; adopted plans are public."""

import pytest

from localgbf.web.plans.models import PlanVersion

ADOPTED = "/en/governments/CNKMG/plan/v1/"
DRAFT = "/en/governments/CNKMG/plan/v2/"
STEP = "/en/governments/CNKMG/plan/v2/step/team/"


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "outsider",
        "other_officer",
        "region_officer",
        "viewer",
        "reviewer",
        "city_officer",
    ],
)
def test_an_adopted_version_is_public(client_as, persona):
    assert client_as(persona).get(ADOPTED).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 403),
        ("outsider", 403),
        ("other_officer", 403),
        ("region_officer", 403),
        ("viewer", 200),
        ("reviewer", 200),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_a_draft_is_read_by_members_and_the_countrys_reviewer(client_as, persona, status):
    assert client_as(persona).get(DRAFT).status_code == status


def test_the_reviewer_reads_every_draft_of_the_country(client_as):
    reviewer = client_as("reviewer")
    assert reviewer.get("/en/governments/CNCAN/plan/v1/").status_code == 200
    assert client_as("city_officer").get("/en/governments/CNCAN/plan/v1/").status_code == 403


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
def test_only_the_governments_officers_edit_its_plan(client_as, persona, status):
    assert client_as(persona).get(STEP).status_code == status


@pytest.mark.parametrize(
    "url",
    [
        "/en/governments/CNKMG/plan/v2/adopt/",
        "/en/governments/CNKMG/plan/v2/import/",
        "/en/governments/CNKMG/plan/v2/goals/new/",
        "/en/governments/CNKMG/plan/v2/targets/new/",
        "/en/governments/CNKMG/plan/v2/actions/new/",
    ],
)
@pytest.mark.parametrize("persona", ["viewer", "reviewer", "other_officer"])
def test_every_editing_page_refuses_who_may_not_edit(client_as, url, persona):
    assert client_as(persona).get(url).status_code == 403


def test_a_refused_post_changes_nothing(client_as):
    target = PlanVersion.objects.get(plan__government__code="CNKMG", number=2).targets.first()
    response = client_as("other_officer").post(
        f"/en/governments/CNKMG/plan/v2/kind/{target.pk}/delete/".replace("kind", "target")
    )
    assert response.status_code == 403
    assert type(target).objects.filter(pk=target.pk).exists()


def test_an_adopted_version_cannot_be_edited_even_by_its_officer(client_as):
    response = client_as("city_officer").get("/en/governments/CNKMG/plan/v1/step/team/")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 403),
        ("outsider", 403),
        ("city_officer", 403),
        ("region_officer", 403),
        ("viewer", 403),
        ("reviewer", 200),
        ("network_admin", 200),
    ],
)
def test_the_coverage_matrix_is_the_national_focal_points(client_as, persona, status):
    assert client_as(persona).get("/en/plans/coverage/CN/").status_code == status
    assert client_as(persona).get("/en/plans/coverage/CN/export.xlsx").status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [("reviewer", 403), ("city_officer", 403), ("network_admin", 302)]
)
def test_only_the_countrys_officers_change_the_conversion_table(client_as, persona, status):
    response = client_as(persona).post(
        "/en/plans/rates/CN/", {"add_rate": "1", "year": 2027, "currency": "USD", "rate": "7.0"}
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("other_officer", 403), ("viewer", 403), ("city_officer", 200)],
)
def test_only_a_governments_officers_add_its_capacity_needs(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/capacity/need/new/").status_code == status


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "city_officer"])
def test_finance_capacity_and_the_list_of_plans_are_public(client_as, persona):
    client = client_as(persona)
    for url in (
        "/en/plans/",
        "/en/plans/capacity/",
        "/en/plans/finance/CN/",
        "/en/plans/rates/CN/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_public_finance_of_the_country_leaves_out_drafts(client_as):
    """Guangzhou's plan is only a draft: its 90,000,000 CNY count for the reviewer only."""
    public = client_as("anonymous").get("/en/plans/finance/CN/").content.decode()
    reviewer = client_as("reviewer").get("/en/plans/finance/CN/").content.decode()
    assert "2,290,007,000" in public and "2,380,007,000" in reviewer
