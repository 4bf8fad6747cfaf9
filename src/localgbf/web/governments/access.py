"""Every permission decision of the web app and the API goes through `can()`.

Rules, by role:
- anyone, signed in or not: read what is public;
- viewer of a government: read its non-public content;
- officer of a government: read and edit its content;
- reviewer (a country's national focal point): read everything of the governments of that
  country and review what they submit;
- network administrator: everything, platform-wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from localgbf.web.governments.models import Government


class Action(StrEnum):
    VIEW = "view"  # public content
    VIEW_PRIVATE = "view_private"  # drafts, members, jobs
    EDIT = "edit"
    REVIEW = "review"
    ADMINISTER = "administer"  # memberships, band tables, platform settings


@dataclass(frozen=True)
class Roles:
    network_admin: bool = False
    officer_of: frozenset[int] = field(default_factory=frozenset)
    viewer_of: frozenset[int] = field(default_factory=frozenset)
    reviewer_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_member(self) -> bool:
        return bool(self.network_admin or self.officer_of or self.viewer_of or self.reviewer_of)


NO_ROLES = Roles()


def roles_of(user: Any) -> Roles:
    """The user's roles, read once per request and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ROLES
    cached = getattr(user, "_localgbf_roles", None)
    if cached is not None:
        return cached
    from localgbf.web.governments.models import Membership

    rows = list(Membership.objects.filter(user=user).values_list("role", "government_id"))
    roles = Roles(
        network_admin=any(role == "network_admin" for role, _ in rows) or user.is_superuser,
        officer_of=frozenset(g for role, g in rows if role == "officer"),
        viewer_of=frozenset(g for role, g in rows if role == "viewer"),
        reviewer_of=frozenset(g for role, g in rows if role == "reviewer"),
    )
    user._localgbf_roles = roles
    return roles


def can(user: Any, action: Action | str, government: Government | None = None) -> bool:
    """May `user` do `action` on `government` (or platform-wide when `government` is None)?"""
    action = Action(action)
    roles = roles_of(user)
    if roles.network_admin:
        return True
    if action is Action.VIEW:
        return True
    if government is None or action is Action.ADMINISTER:
        return False
    if action is Action.EDIT:
        return government.pk in roles.officer_of
    country_id = government.country_id or government.pk
    if action is Action.REVIEW:
        return country_id in roles.reviewer_of and government.pk != country_id
    # VIEW_PRIVATE
    return (
        government.pk in roles.officer_of
        or government.pk in roles.viewer_of
        or country_id in roles.reviewer_of
    )


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after a membership change in the same request)."""
    for attribute in ("_localgbf_roles", "_localgbf_staff_roles"):
        if hasattr(user, attribute):
            delattr(user, attribute)


# Organisations that are not governments (advisory committees, networks, partner institutions,
# `localgbf.web.participation`). Their staff hold no role in any government: what they may
# read of a member government is what that member shares with the organisation.


@dataclass(frozen=True)
class StaffRoles:
    admin_of: frozenset[int] = field(default_factory=frozenset)
    staff_of: frozenset[int] = field(default_factory=frozenset)  # admins included

    @property
    def is_staff(self) -> bool:
        return bool(self.staff_of)


NO_STAFF_ROLES = StaffRoles()


def staff_roles_of(user: Any) -> StaffRoles:
    """The organisations where `user` works, read once per request and kept on the user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_STAFF_ROLES
    cached = getattr(user, "_localgbf_staff_roles", None)
    if cached is not None:
        return cached
    from localgbf.web.participation.models import OrganisationStaff

    rows = list(OrganisationStaff.objects.filter(user=user).values_list("role", "organisation_id"))
    roles = StaffRoles(
        admin_of=frozenset(o for role, o in rows if role == "admin"),
        staff_of=frozenset(o for _, o in rows),
    )
    user._localgbf_staff_roles = roles
    return roles


def can_in_organisation(user: Any, action: Action | str, organisation: Any) -> bool:
    """May `user` do `action` on an organisation (advisory committee, network, partner)?

    Anyone reads its public page; its staff read its private content (members' shared
    records) and act for it (comment, offer capacity, submit input); its administrators
    and network administrators manage staff and members. REVIEW is never granted.
    """
    action = Action(action)
    if roles_of(user).network_admin:
        return True
    if action is Action.VIEW:
        return True
    staff = staff_roles_of(user)
    if action in (Action.VIEW_PRIVATE, Action.EDIT):
        return organisation.pk in staff.staff_of
    if action is Action.ADMINISTER:
        return organisation.pk in staff.admin_of
    return False


def shared_with_staff(user: Any, government: Government, topic: str) -> bool:
    """Does `government` share `topic` (plans, assessments, commitments) with an organisation
    where `user` works? Read access only: it never lets staff edit a government's records."""
    staff = staff_roles_of(user)
    if not staff.is_staff:
        return False
    from localgbf.web.participation.models import OrganisationMember

    rows = OrganisationMember.objects.filter(
        organisation_id__in=staff.staff_of, government=government
    ).values_list("shares", flat=True)
    return any(topic in (shares or []) for shares in rows)


def national_side(user: Any, country: Government) -> bool:
    """Does `user` act for `country` itself (not one of its subnational governments): its
    reviewers (national focal points), its officers, network administrators? They run the
    country's consultations on national targets and read its Plan of Action report."""
    roles = roles_of(user)
    if roles.network_admin:
        return True
    if country.country_id not in (None, country.pk):
        return False
    return country.pk in roles.reviewer_of or country.pk in roles.officer_of
