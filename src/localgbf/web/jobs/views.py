from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from localgbf.web.governments.access import Action, can, roles_of
from localgbf.web.jobs.models import Job


def _visible_job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("government"), pk=pk)
    allowed = (
        job.created_by_id == request.user.pk
        or (job.government is not None and can(request.user, Action.VIEW_PRIVATE, job.government))
        or roles_of(request.user).network_admin
    )
    if not allowed:
        raise PermissionDenied
    return job


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/detail.html", {"job": _visible_job(request, pk)})


@login_required
def status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_visible_job(request, pk).as_status())
