"""Alignment links: only the right elements, with a degree where one is due, never for a
local-only item, once per element; an adopted version does not change."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from localgbf.web.frameworks.models import Framework, FrameworkElement
from localgbf.web.plans.models import AlignmentLink, PlanVersion
from localgbf.web.plans.services import LinkRequest, PlanRuleError, check_links, set_links


@pytest.fixture
def draft(demo):
    return PlanVersion.objects.get(plan__government__code="CNKMG", status="draft")


def element(slug, kind, code, version=None):
    query = FrameworkElement.objects.filter(framework__slug=slug, kind=kind, code=code)
    if version:
        query = query.filter(framework__version=version)
    return query.get()


def request(national=None, kmgbf=None, areas=(), local_only=False):
    return LinkRequest(national or {}, kmgbf or {}, list(areas), local_only)


def test_links_to_the_plans_national_targets_kmgbf_and_action_areas_are_accepted(draft):
    nt = element("nbsap-cn", "national_target", "8", "2024-demo")
    gt = element("kmgbf", "target", "12")
    area = element("plan-of-action", "action_area", "1")
    links = check_links(draft, request({nt.pk: "high"}, {gt.pk: "medium"}, [area.pk]))
    assert sorted((link.element.code, link.degree) for link in links) == [
        ("1", ""),
        ("12", "medium"),
        ("8", "high"),
    ]


def test_a_national_target_of_another_version_is_refused(draft):
    old = element("nbsap-cn", "national_target", "8", "2016-demo")
    with pytest.raises(
        PlanRuleError, match="8 is not a target of the national targets this plan follows"
    ):
        check_links(draft, request({old.pk: "high"}))


def test_a_kmgbf_indicator_is_not_a_kmgbf_target(draft):
    indicator = FrameworkElement.objects.filter(
        framework__slug="kmgbf", kind="headline_indicator"
    ).first()
    with pytest.raises(PlanRuleError, match="is not a KMGBF target"):
        check_links(draft, request(kmgbf={indicator.pk: "high"}))


def test_a_national_or_kmgbf_link_needs_a_degree(draft):
    gt = element("kmgbf", "target", "12")
    with pytest.raises(PlanRuleError, match="Give a degree of alignment"):
        check_links(draft, request(kmgbf={gt.pk: ""}))


def test_a_degree_outside_the_scale_is_refused(draft):
    gt = element("kmgbf", "target", "12")
    with pytest.raises(PlanRuleError, match="strong is not a degree of alignment"):
        check_links(draft, request(kmgbf={gt.pk: "strong"}))


def test_a_local_only_item_links_to_no_national_or_kmgbf_target(draft):
    gt = element("kmgbf", "target", "12")
    with pytest.raises(PlanRuleError, match="A local-only item cannot be linked"):
        check_links(draft, request(kmgbf={gt.pk: "high"}, local_only=True))


def test_a_local_only_item_may_still_serve_an_action_area(draft, users):
    action = draft.actions.get(code="2.2.1")
    area = element("plan-of-action", "action_area", "5")
    set_links(action, request(areas=[area.pk], local_only=True), users["city_officer"])
    assert [(link.element.code, link.degree) for link in action.links.all()] == [("5", "")]


def test_setting_links_replaces_them_and_is_audited(draft, users):
    target = draft.targets.get(code="1.1")
    gt = element("kmgbf", "target", "2")
    set_links(target, request(kmgbf={gt.pk: "high"}), users["city_officer"])
    assert [(link.element.code, link.degree) for link in target.links.all()] == [("2", "high")]
    entry = target.version.plan.government.audit_entries.get(action="plan.target.links")
    assert entry.after["links"] == [[gt.pk, "high"]]


def test_an_adopted_version_does_not_change(demo, users):
    adopted = PlanVersion.objects.get(plan__government__code="CNKMG", status="adopted")
    with pytest.raises(PlanRuleError, match="cannot change; start a new version"):
        set_links(adopted.targets.first(), request(), users["city_officer"])


def test_the_database_refuses_a_link_without_an_owner_or_with_two(draft):
    gt = element("kmgbf", "target", "2")
    with pytest.raises(IntegrityError), transaction.atomic():
        AlignmentLink.objects.create(version=draft, element=gt, degree="high")
    target = draft.targets.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AlignmentLink.objects.create(
            version=draft, element=gt, degree="high", target=target, action=target.actions.first()
        )


def test_the_database_refuses_the_same_link_twice(draft):
    gt = element("kmgbf", "target", "5")
    target = draft.targets.first()
    AlignmentLink.objects.create(version=draft, element=gt, degree="high", target=target)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlignmentLink.objects.create(version=draft, element=gt, degree="low", target=target)


def test_linked_framework_elements_cannot_be_deleted(demo):
    old = Framework.objects.get(slug="nbsap-cn", version="2016-demo")
    with pytest.raises(ProtectedError):
        old.delete()
