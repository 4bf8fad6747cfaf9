"""Fetching plans with the permission check of `governments.access.can()` applied.

- an adopted or superseded version is public;
- a draft is read by those who may see the government's private content (its officers and
  viewers, the country's reviewer, network administrators);
- only the government's officers (and network administrators) edit, and only a draft.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import PlanStatus, PlanVersion


def may_read(user: object, version: PlanVersion) -> bool:
    if version.status != PlanStatus.DRAFT:
        return True
    return can(user, Action.VIEW_PRIVATE, version.plan.government)


def government_for(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, action, government):
        raise PermissionDenied(
            _("Your role does not allow this for %(name)s.") % {"name": government}
        )
    return government


def readable_version(request: HttpRequest, code: str, number: int) -> PlanVersion:
    version = get_object_or_404(
        PlanVersion.objects.select_related("plan__government", "national_framework"),
        plan__government__code=code,
        number=number,
    )
    if not may_read(request.user, version):
        raise PermissionDenied(_("This draft is visible to the government's members only."))
    return version


def editable_version(request: HttpRequest, code: str, number: int) -> PlanVersion:
    version = readable_version(request, code, number)
    if not can(request.user, Action.EDIT, version.plan.government):
        raise PermissionDenied(_("Only the officers of this government may edit its plan."))
    if version.status != PlanStatus.DRAFT:
        raise PermissionDenied(
            _("An adopted version does not change; start a new version to revise it.")
        )
    return version
