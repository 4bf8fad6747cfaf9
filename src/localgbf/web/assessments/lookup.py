"""Fetching an assessment or a government for a view, with the permission check through `can()`.

Drafts are private to the government's members (VIEW_PRIVATE); completed assessments are
readable by everyone (VIEW); changes need EDIT. An anonymous visitor who is refused is sent to
the sign-in page instead of a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from localgbf.web.assessments.models import Assessment
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government


class SignInNeeded(Exception):
    pass


def require(request: HttpRequest, action: Action, government: Government) -> None:
    if can(request.user, action, government):
        return
    if not request.user.is_authenticated:
        raise SignInNeeded
    raise PermissionDenied(_("Your role does not allow this for %(name)s.") % {"name": government})


def government_for(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    require(request, action, government)
    return government


def assessment_for(request: HttpRequest, pk: int, *, edit: bool = False) -> Assessment:
    """The assessment if the user may read it (or, with `edit`, change it)."""
    row = get_object_or_404(Assessment.objects.select_related("government"), pk=pk)
    if edit:
        action = Action.EDIT
    elif row.is_draft:
        action = Action.VIEW_PRIVATE
    else:
        action = Action.VIEW
    require(request, action, row.government)
    return row


def sign_in_redirect(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SignInNeeded:
            return redirect_to_login(request.get_full_path())

    return wrapped
