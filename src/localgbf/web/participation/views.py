from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can, can_in_organisation
from localgbf.web.governments.models import Government
from localgbf.web.participation import services, support
from localgbf.web.participation.forms import CepaActivityForm
from localgbf.web.participation.models import CepaActivity, Organisation, OrganisationKind


def organisations(request: HttpRequest) -> HttpResponse:
    rows = list(Organisation.objects.select_related("country").prefetch_related("members"))
    groups = [
        (label, [o for o in rows if o.kind == kind])
        for kind, label in OrganisationKind.choices
        if any(o.kind == kind for o in rows)
    ]
    return render(request, "participation/organisations.html", {"groups": groups})


def organisation(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.select_related("country"), code=code)
    is_staff = can_in_organisation(request.user, Action.VIEW_PRIVATE, org)
    context = {
        "organisation": org,
        "members": org.members.select_related("government").order_by("government__code"),
        "is_staff": is_staff,
        "member_views": services.member_views(request.user, org) if is_staff else None,
        "staff": org.staff.select_related("user").order_by("role", "user__username")
        if is_staff
        else None,
        "can_support": is_staff and support.may_support(request.user, org),
        "open_notes": dict(
            org.support_notes.filter(answered_at__isnull=True)
            .order_by()
            .values("government")
            .annotate(n=Count("pk"))
            .values_list("government", "n")
        )
        if is_staff
        else {},
        "batch_links": support.batch_links(request.user, org) if is_staff else [],
    }
    return render(request, "participation/organisation.html", context)


def cepa_list(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    activities = government.cepa_activities.prefetch_related("kmgbf_targets", "actions")
    return render(
        request,
        "participation/cepa_list.html",
        {
            "government": government,
            "activities": activities,
            "can_edit": can(request.user, Action.EDIT, government),
        },
    )


@login_required
def cepa_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, Action.EDIT, government):
        raise PermissionDenied(_("Only the officers of this government may change its register."))
    activity = (
        get_object_or_404(CepaActivity, pk=pk, government=government)
        if pk is not None
        else CepaActivity(government=government, created_by=request.user)
    )
    form = CepaActivityForm(request.POST or None, instance=activity, government=government)
    if request.method == "POST" and form.is_valid():
        before = audit.snapshot(CepaActivity.objects.get(pk=pk)) if pk is not None else None
        with transaction.atomic():
            saved = form.save()
            audit.record(
                request.user,
                "cepa.edit" if pk is not None else "cepa.create",
                saved,
                before=before,
                after=audit.snapshot(saved),
            )
        messages.success(request, _("The activity has been saved."))
        return redirect("cepa", code=government.code)
    return render(
        request,
        "participation/cepa_edit.html",
        {"government": government, "form": form, "activity": activity},
    )
