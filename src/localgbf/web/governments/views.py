from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.forms import GovernmentProfileForm
from localgbf.web.governments.maps import boundary_svg_path
from localgbf.web.governments.models import Government


def _tree(governments: list[Government]) -> list[dict]:
    children: dict[int | None, list[Government]] = {}
    for g in governments:
        children.setdefault(g.parent_id, []).append(g)

    def build(parent_id: int | None) -> list[dict]:
        return [{"government": g, "children": build(g.pk)} for g in children.get(parent_id, [])]

    return build(None)


def directory(request: HttpRequest) -> HttpResponse:
    governments = list(Government.objects.order_by("kind", "code"))
    kind_order = {"country": 0, "region": 1, "city": 2, "local": 3}
    governments.sort(key=lambda g: (kind_order.get(g.kind, 9), g.display_name()))
    query = (request.GET.get("q") or "").strip()
    matches = None
    if query:
        needle = query.lower()
        matches = [
            g
            for g in governments
            if needle in g.code.lower()
            or any(needle in str(v).lower() for v in (g.name or {}).values())
        ]
    return render(
        request,
        "governments/directory.html",
        {"tree": _tree(governments), "query": query, "matches": matches, "total": len(governments)},
    )


def detail(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government.objects.select_related("parent"), code=code)
    may_see_private = can(request.user, Action.VIEW_PRIVATE, government)
    context = {
        "government": government,
        "ancestors": government.ancestors(),
        "children": government.children.order_by("kind", "code"),
        "map": boundary_svg_path(government.boundary) if government.boundary else None,
        "can_edit": can(request.user, Action.EDIT, government),
        "may_see_private": may_see_private,
        "members": (
            government.memberships.select_related("user").order_by("role", "user__username")
            if may_see_private
            else None
        ),
        "jobs": government.jobs.all()[:10] if may_see_private else None,
    }
    return render(request, "governments/detail.html", context)


@login_required
def edit(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, Action.EDIT, government):
        raise PermissionDenied(_("Only the officers of this government may edit it."))
    if request.method == "POST":
        form = GovernmentProfileForm(request.POST, request.FILES, instance=government)
        if form.is_valid():
            before = audit.snapshot(Government.objects.get(pk=government.pk))
            with transaction.atomic():
                saved = form.save()
                audit.record(
                    request.user,
                    "government.edit",
                    saved,
                    before=before,
                    after=audit.snapshot(saved),
                )
            messages.success(request, _("The profile was saved."))
            return redirect("government", code=saved.code)
    else:
        form = GovernmentProfileForm(instance=government)
    return render(request, "governments/edit.html", {"government": government, "form": form})
