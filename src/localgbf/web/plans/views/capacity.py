"""Capacity development: needs, offers, technology transfer, and the matching page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.access import can, roles_of
from localgbf.web.governments.models import Government
from localgbf.web.plans.access import government_for
from localgbf.web.plans.capacity import match
from localgbf.web.plans.forms import CapacityNeedForm, CapacityOfferForm, TechnologyTransferForm
from localgbf.web.plans.models import CapacityNeed, CapacityOffer, TechnologyTransfer

KINDS: dict[str, tuple[type[Any], Any]] = {
    "need": (CapacityNeedForm, gettext_lazy("capacity need")),
    "offer": (CapacityOfferForm, gettext_lazy("capacity offer")),
    "transfer": (TechnologyTransferForm, gettext_lazy("technology-transfer initiative")),
}


def capacity_index(request: HttpRequest) -> HttpResponse:
    needs = list(CapacityNeed.objects.filter(is_open=True).select_related("government"))
    offers = list(CapacityOffer.objects.filter(is_active=True).select_related("government"))
    transfers = TechnologyTransfer.objects.select_related("government")
    roles = roles_of(request.user)
    mine = Government.objects.filter(pk__in=roles.officer_of).order_by("code")
    return render(
        request,
        "plans/capacity.html",
        {
            "needs": needs,
            "offers": offers,
            "transfers": transfers,
            "matches": match(needs, offers),
            "topics": {t.key: t for t in vocabulary("capacity_topics").terms},
            "languages": {t.key: t for t in vocabulary("languages").terms},
            "statuses": {t.key: t for t in vocabulary("action_status").terms},
            "my_governments": mine,
        },
    )


@login_required
def capacity_new(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such kind")
    government = government_for(request, code, Permission.EDIT)
    form_class, label = KINDS[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.government = government
        obj.created_by = request.user
        obj.save()
        audit.record(request.user, f"capacity.{kind}.create", obj, government=government)
        messages.success(request, _("Saved."))
        return redirect("capacity")
    return render(
        request,
        "plans/capacity_form.html",
        {"government": government, "form": form, "what": label, "kind": kind},
    )


@login_required
@require_POST
def capacity_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    models = {"need": (CapacityNeed, "is_open"), "offer": (CapacityOffer, "is_active")}
    if kind not in models:
        raise Http404("No such kind")
    model, flag = models[kind]
    obj = get_object_or_404(model, pk=pk)
    if not can(request.user, Permission.EDIT, obj.government):
        raise PermissionDenied(_("Only the officers of this government may change it."))
    setattr(obj, flag, False)
    obj.save(update_fields=[flag])
    audit.record(request.user, f"capacity.{kind}.close", obj, government=obj.government)
    messages.success(request, _("Marked as closed."))
    return redirect("capacity")
