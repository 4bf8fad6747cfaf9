"""What is public, in one place, following the rules of the apps that own each record:

- a plan version once adopted (and when superseded later) — `plans.access.may_read`;
- a commitment version and a progress report once accepted — `commitments.access.PUBLIC_STATES`;
- a Singapore Index assessment once completed — `assessments.lookup.assessment_for`;
- a government's profile, always; its members, jobs, datasets and drafts, never.

The portal shows only this, to everyone: a signed-in member reads drafts in the apps
themselves. The API adds, for a signed-in user, what `can(user, VIEW_PRIVATE, government)`
allows (see `private_scope`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from localgbf.web.assessments.models import Assessment, AssessmentStatus
from localgbf.web.commitments.access import PUBLIC_STATES
from localgbf.web.commitments.models import Commitment, CommitmentVersion, ProgressReport
from localgbf.web.commitments.review import ReviewState
from localgbf.web.governments.access import Action, can, roles_of
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import PlanStatus, PlanVersion

PUBLIC_PLAN_STATES = (PlanStatus.ADOPTED, PlanStatus.SUPERSEDED)


def public_plan_versions() -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(status__in=PUBLIC_PLAN_STATES)


def plans_in_force() -> QuerySet[PlanVersion]:
    """The adopted version of each plan: what the government has decided and does now."""
    return PlanVersion.objects.filter(status=PlanStatus.ADOPTED)


def public_commitment_versions() -> QuerySet[CommitmentVersion]:
    return CommitmentVersion.objects.filter(state__in=PUBLIC_STATES)


def commitments_in_force() -> QuerySet[CommitmentVersion]:
    """The accepted version of each commitment (a later accepted one supersedes it)."""
    return CommitmentVersion.objects.filter(state=ReviewState.ACCEPTED)


def public_commitments() -> QuerySet[Commitment]:
    return Commitment.objects.filter(versions__state__in=PUBLIC_STATES).distinct()


def public_reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(state=ReviewState.ACCEPTED)


def public_assessments() -> QuerySet[Assessment]:
    return Assessment.objects.filter(status=AssessmentStatus.COMPLETED)


class Everything:
    """The scope of a user who may read every government's private content."""


EVERYTHING = Everything()


def private_scope(user: Any) -> set[int] | Everything:
    """The governments whose private content `user` may read, each checked with `can()`.

    The candidates are the governments named in the user's roles and, for a reviewer, the
    governments of their countries; `can()` decides for each, so this never disagrees with
    the web pages.
    """
    if can(user, Action.VIEW_PRIVATE, None):
        return EVERYTHING
    roles = roles_of(user)
    if not roles.is_member:
        return set()
    named = roles.officer_of | roles.viewer_of | roles.reviewer_of
    candidates = Government.objects.filter(Q(pk__in=named) | Q(country_id__in=roles.reviewer_of))
    return {g.pk for g in candidates if can(user, Action.VIEW_PRIVATE, g)}


def visible(
    public: QuerySet[Any], everything: QuerySet[Any], user: Any, government_field: str
) -> QuerySet[Any]:
    """`public`, plus the rows of `everything` that `user` may read privately."""
    scope = private_scope(user)
    if isinstance(scope, Everything):
        return everything
    if not scope:
        return public
    private = everything.filter(**{f"{government_field}__in": scope})
    return everything.filter(Q(pk__in=public.values("pk")) | Q(pk__in=private.values("pk")))
