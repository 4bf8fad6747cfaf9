"""The KMGBF target page: who contributes, through which local targets, actions and
commitments, with what progress."""

from datetime import date

import pytest

from localgbf.web.frameworks.models import ElementAlignment, FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, AlignmentLink, Goal, LocalTarget, Plan, PlanVersion
from localgbf.web.plans.services import current_national_framework
from localgbf.web.portal.targets import contributions, kmgbf_target_element


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "city_officer"])
def test_the_target_page_is_public(client_as, persona):
    assert client_as(persona).get("/en/portal/targets/2/").status_code == 200


def test_target_2_shows_kunmings_plan_and_its_accepted_commitment(client_as, demo):
    page = client_as("anonymous").get("/en/portal/targets/2/").content.decode()
    assert 'id="g-CNKMG"' in page
    assert "Restore 1,200 ha of Dianchi lakeshore wetland by 2030" in page
    assert "On track to achieve target" in page
    # Shenzhen's mangrove commitment names target 2 too, but is still awaiting review.
    assert "Mangroves of Shenzhen Bay" not in page


def test_a_country_filter_keeps_its_governments_only(client_as, demo):
    page = client_as("anonymous").get("/en/portal/targets/2/?country=MC").content.decode()
    assert 'id="g-CNKMG"' not in page
    assert client_as("anonymous").get("/en/portal/targets/2/?country=XX").status_code == 404


def test_an_unknown_target_is_not_found(client_as, demo):
    assert client_as("anonymous").get("/en/portal/targets/24/").status_code == 404


def test_a_link_through_a_national_target_counts_at_the_weaker_degree(demo):
    """Hand-worked: Dali's only local target is linked to national target N with degree
    "high"; N is aligned to KMGBF target 5 with degree "low". Dali then contributes to target 5
    through N, and the chain is no stronger than its weakest link: "low"."""
    dali = Government.objects.get(code="CNDLU")
    framework = current_national_framework(dali)
    national = framework.elements.filter(kind="national_target").first()
    target5 = FrameworkElement.objects.get(framework__slug="kmgbf", kind="target", code="5")
    ElementAlignment.objects.filter(element=national).delete()
    ElementAlignment.objects.create(element=national, aligned_to=target5, degree="low")
    version = PlanVersion.objects.get(plan__government=dali, status="adopted")
    local = LocalTarget.objects.filter(version=version).first()
    AlignmentLink.objects.filter(version=version).delete()
    AlignmentLink.objects.create(version=version, target=local, element=national, degree="high")

    found = {c.government.code: c for c in contributions(target5, "en")}

    item = next(i for i in found["CNDLU"].items if i.code == local.code)
    assert (item.via, item.degree) == (national.code, "low")


def test_a_draft_plan_does_not_contribute(demo):
    """A new draft plan of Guangdong linked to target 7 does not make Guangdong a contributor."""
    guangdong = Government.objects.get(code="CN-GD")
    plan = Plan.objects.create(government=guangdong, kind="bsap")
    version = PlanVersion.objects.create(plan=plan, number=1, title={"en": "Draft"})
    goal = Goal.objects.create(version=version, code="G1", title={"en": "Goal"})
    local = LocalTarget.objects.create(goal=goal, code="1", title={"en": "Less pollution"})
    action = Action.objects.create(
        target=local, code="1.1", title={"en": "Act"}, start=date(2025, 1, 1)
    )
    target7 = kmgbf_target_element("7")
    AlignmentLink.objects.create(version=version, action=action, element=target7, degree="high")

    assert "CN-GD" not in {c.government.code for c in contributions(target7, "en")}
