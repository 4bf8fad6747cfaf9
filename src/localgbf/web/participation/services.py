"""Workflow rules of the participation app that are not a model method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import reverse

from localgbf.web.governments.access import Action, can, shared_with_staff
from localgbf.web.governments.models import Government
from localgbf.web.participation.models import CepaActivity, Organisation, OrganisationMember


@dataclass(frozen=True)
class MemberView:
    """A member government as the organisation's staff (or a visitor) sees it."""

    member: OrganisationMember
    plan_version: Any | None
    assessments: list[Any]
    commitments: list[Any]


def may_read(user: Any, government: Government, topic: str) -> bool:
    """Private records of `government` on `topic`: its own members and reviewers through
    `can()`, an organisation's staff when the government shares `topic` with it."""
    return can(user, Action.VIEW_PRIVATE, government) or shared_with_staff(user, government, topic)


def member_views(user: Any, organisation: Organisation) -> list[MemberView]:
    """Each member with the plan, assessments and commitments `user` may read of it."""
    from localgbf.web.commitments.models import Commitment

    out = []
    for member in organisation.members.select_related("government"):
        government = member.government
        plan = government.plan if hasattr(government, "plan") else None
        version = None
        if plan is not None:
            version = plan.in_force()
            if version is not None and version.status == "draft":
                version = version if may_read(user, government, "plans") else None
        assessments = _assessments(government) if may_read(user, government, "assessments") else []
        commitments = (
            list(Commitment.objects.filter(government=government).order_by("number"))
            if may_read(user, government, "commitments")
            else []
        )
        out.append(MemberView(member, version, assessments, commitments))
    return out


def _assessments(government: Government) -> list[tuple[str, str]]:
    """(label, address) of the latest assessments; none when the assessments app is absent."""
    if not apps.is_installed("localgbf.web.assessments"):
        return []
    from localgbf.web.assessments.models import Assessment

    rows = Assessment.objects.filter(government=government).order_by("-pk")[:5]
    return [(str(a), reverse("assessment", args=[a.pk])) for a in rows]


def organisations_of(government: Government) -> list[Organisation]:
    return list(
        Organisation.objects.filter(members__government=government).order_by("kind", "code")
    )


def recent_activities(government: Government, limit: int = 5) -> list[CepaActivity]:
    return list(government.cepa_activities.all()[:limit])
