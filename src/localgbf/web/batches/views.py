from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from localgbf.assess import AssessmentResult
from localgbf.assess.output import result_json
from localgbf.batch import summary_csv, summary_table, summary_xlsx
from localgbf.index.scoring import Score
from localgbf.provenance import IndicatorValue
from localgbf.web.batches import services
from localgbf.web.batches.forms import LaunchForm
from localgbf.web.batches.models import BatchItem, BatchRun
from localgbf.web.governments.models import Government

DOWNLOADS = {
    "csv": (summary_csv, "text/csv; charset=utf-8"),
    "xlsx": (summary_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _visible(request: HttpRequest, country: Government) -> None:
    if not services.may_view(request.user, country):
        raise PermissionDenied(
            _("Your role does not allow you to see the batches of %(name)s.") % {"name": country}
        )


def _run(request: HttpRequest, pk: int) -> BatchRun:
    run = get_object_or_404(BatchRun.objects.select_related("country", "job", "created_by"), pk=pk)
    _visible(request, run.country)
    return run


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Government, code=code, kind="country")
    _visible(request, country)
    can_launch = services.may_launch(request.user, country)
    form = None
    if can_launch:
        ticked = request.GET.getlist("governments") if request.method == "GET" else []
        form = LaunchForm(
            country, request.POST or None, initial={"governments": ticked} if ticked else None
        )
        if request.method == "POST" and form.is_valid():
            run = services.launch(country, user=request.user, options=form.options())
            messages.success(request, _("The batch is queued; this page follows it while it runs."))
            return redirect("batch", pk=run.pk)
    elif request.method == "POST":
        raise PermissionDenied(
            _("Only the country's reviewers and network administrators may launch a batch.")
        )
    return render(
        request,
        "batches/index.html",
        {
            "country": country,
            "runs": country.batch_runs.select_related("job", "created_by").prefetch_related(
                "items"
            ),
            "form": form,
            "can_launch": can_launch,
            "has_layers": services.layers(country, ("landcover",)).exists()
            and services.layers(country, services.VECTOR_KINDS).exists(),
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    entries = services.summary_entries(run)
    table = summary_table(entries)
    items = {item.code: item for item in run.items.select_related("government")}
    rows = [
        {
            "item": items[entry.code],
            "cells": [
                _cell(entry.result.value(n), entry.result.score(n)) if entry.result else None
                for n in table.indicators
            ],
        }
        for entry in entries
    ]
    return render(
        request,
        "batches/detail.html",
        {
            "run": run,
            "country": run.country,
            "job": run.job,
            "indicators": table.indicators,
            "names": _indicator_names(table.indicators, table.edition),
            "class_map": _class_map_name(run.class_map),
            "rows": rows,
            "records": sum(item.records for item in items.values()),
        },
    )


def _cell(value: IndicatorValue | None, score: Score | None) -> dict[str, Any] | None:
    """A value with its unit's symbol (% for percent) and its score, for the results table."""
    from localgbf.frameworks.singapore_index import load_singapore_index

    if value is None or value.value is None:
        return None
    units = load_singapore_index().units.values()
    symbol = next((u.symbol for u in units if u.matches(value.unit)), value.unit)
    return {"value": value.value, "unit": symbol, "score": score.score if score else None}


def _class_map_name(name: str) -> str:
    from localgbf.spatial.classmap import load_class_map, presets

    if name not in presets():
        return name
    return load_class_map(name).name.get(get_language() or "en")


def _indicator_names(numbers: tuple[int, ...], edition: str) -> dict[int, str]:
    from localgbf.frameworks.singapore_index import load_singapore_index

    found = load_singapore_index().edition(edition)
    language = get_language() or "en"
    return {n: found.indicator(n).name.get(language) for n in numbers if found.has(n)}


@login_required
def summary(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = _run(request, pk)
    if fmt not in DOWNLOADS:
        raise Http404
    write, content_type = DOWNLOADS[fmt]
    response = HttpResponse(write(summary_table(services.summary_entries(run))), content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{run.country.code}-batch-{run.pk}-summary.{fmt}"'
    )
    return response


@login_required
def result(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """A government's result, as `localgbf assess RECIPE --json` prints it."""
    run = _run(request, pk)
    item = get_object_or_404(BatchItem, batch=run, code=code, result__isnull=False)
    text = result_json(AssessmentResult.model_validate(item.result)) + "\n"
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}.json"'
    return response
