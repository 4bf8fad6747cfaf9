"""Organisations that are not governments: who sees what, per persona."""

from __future__ import annotations

import pytest

from localgbf.web.governments.access import (
    Action,
    can,
    can_in_organisation,
    forget_roles,
    shared_with_staff,
)
from localgbf.web.governments.models import Government
from localgbf.web.participation.models import Organisation, OrganisationMember

ALL = (
    "anonymous",
    "city_officer",
    "region_officer",
    "reviewer",
    "viewer",
    "network_admin",
    "other_officer",
    "outsider",
    "network_staff",
)


@pytest.fixture
def network(demo) -> Organisation:
    return demo["organisation:cn-cities-network"]


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        (Action.VIEW, set(ALL)),
        (Action.VIEW_PRIVATE, {"network_admin", "network_staff"}),
        (Action.EDIT, {"network_admin", "network_staff"}),
        (Action.ADMINISTER, {"network_admin", "network_staff"}),
        (Action.REVIEW, {"network_admin"}),
    ],
)
def test_only_the_organisations_staff_act_for_it(users, network, action, allowed):
    granted = {p for p in ALL if can_in_organisation(users[p], action, network)}
    assert granted == allowed


def test_plain_staff_may_not_administer_the_organisation(users, network):
    member = network.staff.get()
    member.role = "staff"
    member.save()
    user = users["network_staff"]
    forget_roles(user)
    assert can_in_organisation(user, Action.EDIT, network)
    assert not can_in_organisation(user, Action.ADMINISTER, network)


def test_network_staff_hold_no_role_in_any_government(users, kunming):
    staff = users["network_staff"]
    assert [a for a in Action if can(staff, a, kunming)] == [Action.VIEW]


@pytest.mark.parametrize(
    ("code", "topic", "expected"),
    [
        ("CNKMG", "plans", True),
        ("CNKMG", "assessments", True),
        ("CNKMG", "commitments", True),
        ("CNSZX", "plans", True),
        ("CNSZX", "assessments", False),
        ("CNDLU", "commitments", False),
        ("CNSHA", "plans", False),  # member of the advisory committee only
    ],
)
def test_staff_read_what_each_member_shares_with_the_network(users, code, topic, expected):
    government = Government.objects.get(code=code)
    assert shared_with_staff(users["network_staff"], government, topic) is expected


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "city_officer", "reviewer"])
def test_nobody_else_reads_through_the_network(users, kunming, persona):
    assert not shared_with_staff(users[persona], kunming, "plans")


def test_a_member_that_stops_sharing_is_no_longer_read(users, network, kunming):
    OrganisationMember.objects.filter(organisation=network, government=kunming).update(shares=[])
    assert not shared_with_staff(users["network_staff"], kunming, "plans")


def test_everyone_sees_the_list_and_the_members(client_as):
    for persona in ("anonymous", "outsider", "network_staff"):
        page = client_as(persona).get("/en/organisations/")
        assert page.status_code == 200
        assert "Chinese Cities Biodiversity Network (demo)" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "sees_shared"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("city_officer", False),
        ("reviewer", False),
        ("network_staff", True),
        ("network_admin", True),
    ],
)
def test_only_staff_see_what_the_members_share(client_as, persona, sees_shared):
    page = client_as(persona).get("/en/organisations/cn-cities-network/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kunming" in body
    assert ("Shared by the members" in body) is sees_shared
    assert ("Sofia Lin" in body) is sees_shared


def test_the_network_page_links_the_members_shared_plan_and_commitments(client_as, kunming):
    body = client_as("network_staff").get("/en/organisations/cn-cities-network/").content.decode()
    version = kunming.plan.in_force()
    assert f"/en/governments/CNKMG/plan/v{version.number}/" in body
    assert "CNKMG-C1" in body
    assert "CNSZX-C1" in body


def test_the_chinese_page_reads_in_chinese(client_as):
    body = client_as("anonymous").get("/zh-hans/organisations/cn-cities-network/").content.decode()
    assert "中国城市生物多样性网络（示例）" in body
    assert "成员政府" in body


def test_an_unknown_organisation_is_404(client_as):
    assert client_as("anonymous").get("/en/organisations/nope/").status_code == 404
