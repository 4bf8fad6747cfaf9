from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.spatial.classmap import load_class_map, presets
from localgbf.web.computations import services
from localgbf.web.computations.forms import ClassMapForm, ComputationForm, preset_choices
from localgbf.web.computations.models import Computation, SavedClassMap
from localgbf.web.computations.results import result_view
from localgbf.web.computations.roles import ROLES
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.species.services import (
    connectors_enabled,
    latest_dataset,
    sources_by_checksum,
)


def _allowed(request: HttpRequest, government: Government, action: Action) -> None:
    if not can(request.user, action, government):
        raise PermissionDenied(
            _("Your role does not allow this for %(name)s.") % {"name": government}
        )


def _government(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    _allowed(request, government, action)
    return government


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.VIEW_PRIVATE)
    computations = government.computations.select_related("job", "created_by", "class_map")
    return render(
        request,
        "computations/index.html",
        {
            "government": government,
            "computations": computations,
            "class_maps": government.class_maps.all(),
            "presets": preset_choices(),
            "can_edit": can(request.user, Action.EDIT, government),
            "datasets": government.datasets.count(),
        },
    )


@login_required
def new(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.EDIT)
    initial = {}
    if request.GET.get("species") == "1":
        boundary = latest_dataset(government, "boundary")
        initial = {"species": True, "boundary": boundary.pk if boundary else None}
    form = ComputationForm(request.POST or None, government=government, initial=initial)
    if request.method == "POST" and form.is_valid():
        computation = services.start_computation(
            government, user=request.user, datasets=form.datasets(), options=form.options()
        )
        messages.success(request, _("The computation has started; this page follows it."))
        return redirect("computation", pk=computation.pk)
    return render(
        request,
        "computations/new.html",
        {"government": government, "form": form, "roles": ROLES},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    computation = get_object_or_404(
        Computation.objects.select_related("government", "job", "class_map", "created_by"), pk=pk
    )
    _allowed(request, computation.government, Action.VIEW_PRIVATE)
    view = result_view(computation)
    species_inputs = [
        i for i in (view.inputs if view else []) if i["role"] in ("occurrences", "checklist")
    ]
    return render(
        request,
        "computations/detail.html",
        {
            "computation": computation,
            "government": computation.government,
            "job": computation.job,
            "view": view,
            "inputs": computation.inputs.select_related("dataset"),
            "sources": sources_by_checksum(computation.government, species_inputs),
            "records": services.records_of(computation),
            "connectors_enabled": connectors_enabled(),
        },
    )


@login_required
def class_map(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """A saved class map (pk), or a new one edited from the preset named in `?base=`."""
    government = _government(request, code, Action.VIEW_PRIVATE)
    instance = get_object_or_404(SavedClassMap, pk=pk, government=government) if pk else None
    base_name = instance.base if instance else request.GET.get("base", "")
    if base_name not in presets():
        raise Http404(_("Unknown class-map preset."))
    may_edit = can(request.user, Action.EDIT, government)
    if instance is None or request.method == "POST":
        _allowed(request, government, Action.EDIT)
    form = ClassMapForm(request.POST or None, base=load_class_map(base_name), instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = services.save_class_map(
            government,
            user=request.user,
            base=base_name,
            roles=form.roles(),
            title=form.title(),
            instance=instance,
        )
        messages.success(request, _("The class map was saved."))
        return redirect("class-map", code=government.code, pk=saved.pk)
    return render(
        request,
        "computations/class_map.html",
        {
            "government": government,
            "form": form,
            "instance": instance,
            "base": load_class_map(base_name),
            "may_edit": may_edit,
        },
    )
