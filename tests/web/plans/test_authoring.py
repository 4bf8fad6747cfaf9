"""An officer writes a plan through the guided steps, in Chinese, adopts it and revises it."""

import pytest

from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import AuditEntry, Government, Membership, Role
from localgbf.web.plans.models import Action, Plan, PlanStatus, PlanVersion
from localgbf.web.plans.services import new_version

ZH = "/zh-hans/governments/CN-GD/plan"


@pytest.fixture
def guangdong_officer(client_as, users):
    """An officer of Guangdong Province, which has no plan yet."""
    Membership.objects.create(
        user=users["outsider"], government=Government.objects.get(code="CN-GD"), role=Role.OFFICER
    )
    return client_as("outsider")


def element(slug, kind, code):
    return FrameworkElement.objects.get(
        framework__slug=slug, framework__is_current=True, kind=kind, code=code
    )


def test_an_officer_writes_a_plan_in_chinese_from_the_team_to_adoption(guangdong_officer):
    client = guangdong_officer
    start = client.post(f"{ZH}/start/", {"title_zh": "广东省生物多样性保护战略与行动计划"})
    assert start["Location"] == f"{ZH}/v1/step/team/"
    version = PlanVersion.objects.get(plan__government__code="CN-GD")
    assert version.plan.kind == "bsap" and version.national_framework.version == "2024-demo"

    team = client.post(
        f"{ZH}/v1/step/team/",
        {
            "title_zh": "广东省生物多样性保护战略与行动计划",
            "team_zh": "省生态环境厅牵头",
            "period_start": 2025,
            "period_end": 2030,
            "national_framework": version.national_framework_id,
            "continue": "1",
        },
    )
    assert team["Location"] == f"{ZH}/v1/step/assessment/"
    assert (
        client.post(f"{ZH}/v1/step/vision/", {"vision_zh": "岭南山海，万物共生"}).status_code == 302
    )
    assert (
        client.post(f"{ZH}/v1/goals/new/", {"code": "G1", "title_zh": "保护海岸带"}).status_code
        == 302
    )
    goal = version.goals.get()

    nt2 = element("nbsap-cn", "national_target", "2")
    gt2 = element("kmgbf", "target", "2")
    target = client.post(
        f"{ZH}/v1/targets/new/",
        {
            "goal": goal.pk,
            "code": "1.1",
            "title_zh": "修复红树林",
            "indicator_zh": "红树林面积",
            "unit": "公顷",
            "baseline_value": "1000",
            "baseline_year": 2020,
            "target_value": "1500",
            "deadline": "2030-12-31",
            f"nt_{nt2.pk}": "high",
            f"gt_{gt2.pk}": "medium",
        },
    )
    assert target.status_code == 302, target.content.decode()[:2000]
    local_target = version.targets.get()
    assert local_target.is_smart
    assert {(link.element.code, link.degree) for link in local_target.links.all()} == {
        ("2", "high"),
        ("2", "medium"),
    }

    area = element("plan-of-action", "action_area", "3")
    action = client.post(
        f"{ZH}/v1/actions/new/",
        {
            "target": local_target.pk,
            "code": "1.1.1",
            "title_zh": "湛江红树林修复",
            "responsible_zh": "省林业局",
            "start": "2025-01-01",
            "end": "2027-12-31",
            "status": "planned",
            "sectors": ["fisheries", "tourism"],
            f"aa_{area.pk}": "on",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-year": "2026",
            "budget-0-amount": "2500000",
            "budget-0-currency": "CNY",
            "budget-0-source": "own_budget",
            "budget-0-status": "planned",
        },
    )
    assert action.status_code == 302, action.content.decode()[:2000]
    saved = Action.objects.get(version=version)
    assert saved.sectors == ["fisheries", "tourism"]
    assert [(b.year, b.amount, b.currency) for b in saved.budget_lines.all()] == [
        (2026, 2500000, "CNY")
    ]
    assert [link.element.code for link in saved.links.all()] == ["3"]

    adopt = client.post(
        f"{ZH}/v1/adopt/", {"adopted_on": "2025-06-05", "adopting_body_zh": "广东省人民政府"}
    )
    assert adopt["Location"] == f"{ZH}/v1/"
    version.refresh_from_db()
    assert version.status == PlanStatus.ADOPTED and version.adopting_body == {
        "zh-hans": "广东省人民政府"
    }
    actions = set(
        AuditEntry.objects.filter(government__code="CN-GD").values_list("action", flat=True)
    )
    assert {
        "plan.start",
        "plan.step.team",
        "plan.target.links",
        "plan.action.links",
        "plan.adopt",
    } <= actions

    page = client.get(f"{ZH}/v1/").content.decode()
    assert "湛江红树林修复" in page and "渔业和水产养殖" in page


def test_a_bad_action_is_refused_with_its_reasons(client_as, kunming):
    version = PlanVersion.objects.get(plan__government=kunming, status="draft")
    target = version.targets.get(code="1.1")
    gt = element("kmgbf", "target", "2")
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/plan/v2/actions/new/",
        {
            "target": target.pk,
            "code": "9.9",
            "title_en": "Bad",
            "start": "2027-01-01",
            "end": "2026-01-01",
            "status": "planned",
            "local_only": "on",
            f"gt_{gt.pk}": "high",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-year": "2026",
            "budget-0-amount": "-5",
            "budget-0-currency": "CNY",
            "budget-0-source": "own_budget",
            "budget-0-status": "planned",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The action ends before it starts." in body
    assert "A local-only item cannot be linked to national or KMGBF targets." in body
    assert "An amount cannot be negative." in body
    assert not Action.objects.filter(version=version, code="9.9").exists()


def test_a_new_version_starts_as_a_copy_of_the_previous_one(client_as, demo):
    shenzhen = Plan.objects.get(government__code="CNSZX")
    client = client_as("other_officer")
    response = client.post("/en/governments/CNSZX/plan/new-version/")
    assert response["Location"] == "/en/governments/CNSZX/plan/v2/step/team/"
    old, new = shenzhen.versions.get(number=1), shenzhen.versions.get(number=2)
    assert new.status == "draft" and new.based_on == old
    assert new.title == old.title
    for name in ("goals", "targets", "actions", "links"):
        assert getattr(new, name).count() == getattr(old, name).count() > 0, name
    old_lines = sorted(
        old.actions.values_list("code", "budget_lines__year", "budget_lines__amount")
    )
    new_lines = sorted(
        new.actions.values_list("code", "budget_lines__year", "budget_lines__amount")
    )
    assert new_lines == old_lines
    assert not set(new.links.values_list("pk", flat=True)) & set(
        old.links.values_list("pk", flat=True)
    )


def test_adopting_a_new_version_supersedes_the_old_one(client_as, kunming):
    client = client_as("city_officer")
    response = client.post(
        "/en/governments/CNKMG/plan/v2/adopt/",
        {"adopted_on": "2026-05-22", "adopting_body_en": "Kunming Municipal People's Government"},
    )
    assert response.status_code == 302
    statuses = dict(
        PlanVersion.objects.filter(plan__government=kunming).values_list("number", "status")
    )
    assert statuses == {1: "superseded", 2: "adopted"}
    assert (
        client.get("/en/governments/CNKMG/plan/").headers["Location"]
        == "/en/governments/CNKMG/plan/v2/"
    )


def test_a_second_draft_cannot_be_started(client_as):
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/plan/new-version/", follow=True
    )
    assert "A draft version exists already; edit it instead." in response.content.decode()


def test_moving_to_a_newer_nbsap_carries_links_over_by_code(demo, users):
    dali = Plan.objects.get(government__code="CNDLU")
    current = demo["national:CN"]
    report = new_version(dali, users["network_admin"], national_framework=current)
    links = report.version.links.filter(element__kind="national_target").select_related("element")
    assert [(link.element.framework_id, link.element.code) for link in links] == [(current.pk, "2")]
    assert report.unmatched == []


def test_the_assessment_step_says_when_there_is_no_singapore_index_yet(client_as):
    body = (
        client_as("city_officer")
        .get("/en/governments/CNKMG/plan/v2/step/assessment/")
        .content.decode()
    )
    assert "has no Singapore Index assessment on the platform yet" in body


def test_deleting_a_goal_removes_its_targets_and_actions(client_as, kunming):
    version = PlanVersion.objects.get(plan__government=kunming, status="draft")
    goal = version.goals.get(code="G3")
    response = client_as("city_officer").post(
        f"/en/governments/CNKMG/plan/v2/goal/{goal.pk}/delete/"
    )
    assert response.status_code == 302
    assert not version.targets.filter(code__startswith="3.").exists()
    assert AuditEntry.objects.filter(action="plan.goal.delete").count() == 1
