"""Fetching commitments and reports with the permission check of `governments.access.can()`.

- an accepted (or superseded) version and an accepted progress report are public;
- everything else (drafts, pending and returned items, evidence files of unaccepted reports,
  the ORT files with their contact block) is read by those who may see the government's
  private content: its officers and viewers, the country's reviewers, network administrators;
- only the government's officers edit, and only a draft or returned item;
- a country's reviewers decide on the items of the governments under it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from localgbf.web.commitments.models import Commitment, CommitmentVersion, ProgressReport
from localgbf.web.commitments.review import ReviewState
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government, GovernmentKind

PUBLIC_STATES = (ReviewState.ACCEPTED, ReviewState.SUPERSEDED)


def may_read(user: Any, item: CommitmentVersion | ProgressReport) -> bool:
    return item.state in PUBLIC_STATES or can(user, Action.VIEW_PRIVATE, item.government)


def government_for(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, action, government):
        raise PermissionDenied(
            _("Your role does not allow this for %(name)s.") % {"name": government}
        )
    return government


def country_for(request: HttpRequest, code: str) -> Government:
    return get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)


def reviews_country(user: Any, country: Government) -> bool:
    """Whether `user` reviews the governments of `country` (`can()` on one of them: the
    review right is the same for every government of a country)."""
    first = country.descendants().first()
    return first is not None and can(user, Action.REVIEW, first)


def commitment_for(request: HttpRequest, pk: int) -> Commitment:
    """A commitment that has an accepted version, or one the user may see privately."""
    commitment = get_object_or_404(Commitment.objects.select_related("government"), pk=pk)
    if can(request.user, Action.VIEW_PRIVATE, commitment.government):
        return commitment
    if not commitment.versions.filter(state__in=PUBLIC_STATES).exists():
        raise PermissionDenied(_("This commitment is visible to the government's members only."))
    return commitment


def editable_commitment(request: HttpRequest, pk: int) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("government"), pk=pk)
    if not can(request.user, Action.EDIT, commitment.government):
        raise PermissionDenied(_("Only the officers of this government may change it."))
    return commitment


def report_for(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> ProgressReport:
    report = get_object_or_404(
        ProgressReport.objects.select_related("commitment__government", "version"), pk=pk
    )
    if action is Action.EDIT:
        if not can(request.user, Action.EDIT, report.government):
            raise PermissionDenied(_("Only the officers of this government may change it."))
    elif not may_read(request.user, report):
        raise PermissionDenied(_("This report is visible to the government's members only."))
    return report
