"""The plan section of the government page, the list of plans, the plan page, and the demo."""

import pytest

from localgbf.web.core.demo import build_demo
from localgbf.web.governments.models import Government, Membership, Role
from localgbf.web.plans.models import Action, AlignmentLink, BudgetLine, Plan, PlanVersion


def test_the_government_page_shows_its_adopted_plan(client_as):
    body = client_as("anonymous").get("/zh-hans/governments/CNKMG/").content.decode()
    assert "昆明市生物多样性保护战略与行动计划（2021—2030年）" in body
    assert "/zh-hans/governments/CNKMG/plan/v1/" in body


def test_the_country_page_links_the_coverage_matrix_for_the_reviewer_only(client_as):
    assert (
        "/en/plans/coverage/CN/"
        in client_as("reviewer").get("/en/governments/CN/").content.decode()
    )
    assert (
        "/en/plans/coverage/CN/"
        not in client_as("anonymous").get("/en/governments/CN/").content.decode()
    )


def test_an_officer_without_a_plan_is_invited_to_start_one(client_as, users):
    Membership.objects.create(
        user=users["outsider"], government=Government.objects.get(code="CN-GD"), role=Role.OFFICER
    )
    body = client_as("outsider").get("/en/governments/CN-GD/").content.decode()
    assert "/en/governments/CN-GD/plan/" in body and "Start the plan" in body


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_plan_page_shows_targets_links_sectors_budgets_and_finance(client_as, lang):
    body = client_as("anonymous").get(f"/{lang}/governments/CNKMG/plan/v1/").content.decode()
    assert "680,672,000" in body
    if lang == "zh-hans":
        assert "恢复滇池湖滨湿地" in body and "水务" in body and "本级财政预算" in body
    else:
        assert "Restore the lakeshore wetlands of Dianchi" in body and "Urban planning" in body


def test_the_list_of_plans_hides_drafts_from_the_public(client_as):
    public = client_as("anonymous").get("/en/plans/").content.decode()
    assert "Guangzhou" not in public and "Kunming" in public
    assert "Guangzhou" in client_as("reviewer").get("/en/plans/").content.decode()


def test_the_demo_is_idempotent(demo):
    counts = [m.objects.count() for m in (Plan, PlanVersion, Action, AlignmentLink, BudgetLine)]
    build_demo()
    assert [
        m.objects.count() for m in (Plan, PlanVersion, Action, AlignmentLink, BudgetLine)
    ] == counts
    assert counts[:2] == [6, 7]


def test_the_demo_plans_exist_in_both_languages(demo):
    for action in Action.objects.all():
        assert action.title.get("en") and action.title.get("zh-hans"), action.code
