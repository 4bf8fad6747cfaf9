"""The national focal point's coverage matrix, on a page and as XLSX."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from localgbf.frameworks.scales import scale
from localgbf.reporting.coverage import group_cells
from localgbf.reporting.plan_exports import coverage_xlsx
from localgbf.web.core.fields import as_text
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.access import government_for
from localgbf.web.plans.rollup import Coverage, coverage_for


def _group_of(parents: dict[str, str | None], node: str) -> dict[str, str]:
    """Each government under `node` -> the child of `node` it sits under (`node` -> itself)."""
    out: dict[str, str] = {}
    for code in parents:
        current: str | None = code
        while current is not None and parents.get(current) != node and current != node:
            current = parents.get(current)
        if current is not None:
            out[code] = current
    return out


def _country(request: HttpRequest, code: str) -> Government:
    government_for(request, code, Permission.VIEW_PRIVATE)
    return get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)


def coverage(request: HttpRequest, code: str) -> HttpResponse:
    country = _country(request, code)
    result: Coverage = coverage_for(country, request.user)
    within_code = request.GET.get("within") or country.code
    within = get_object_or_404(Government, code=within_code)
    if within.pk != country.pk and not within.is_under(country):
        within = country
    group_of = _group_of(result.parents, within.code)
    groups = [within] if within.pk != country.pk else []
    groups += list(within.children.order_by("kind", "code"))
    cells = group_cells(result.matrix, group_of)
    with_children = {parent for parent in result.parents.values() if parent}
    codes = [row.code for row in result.matrix.national_targets]
    national = [
        {"code": row.code, "title": result.national_titles.get(row.code), "row": row}
        for row in result.matrix.national_targets
    ]
    table = [
        {
            "government": g,
            "drill": g.pk != within.pk and g.code in with_children,
            "cells": [cells.get((g.code, code)) for code in codes],
            "finance": result.matrix.finance.totals_of(g.code)
            if g.pk != within.pk
            else result.matrix.finance.own.get(g.code),
        }
        for g in groups
    ]
    kmgbf = [{"row": k, "title": result.kmgbf_titles.get(k.code)} for k in result.matrix.kmgbf]
    return render(
        request,
        "plans/coverage.html",
        {
            "country": country,
            "within": within,
            "ancestors": [a for a in within.ancestors() if a.pk != country.pk]
            if within.pk != country.pk
            else [],
            "coverage": result,
            "matrix": result.matrix,
            "national": national,
            "table": table,
            "kmgbf": kmgbf,
            "degrees": {lvl.key: lvl for lvl in scale("alignment").levels},
        },
    )


def coverage_export(request: HttpRequest, code: str) -> HttpResponse:
    country = _country(request, code)
    result = coverage_for(country, request.user)
    names = {
        g.code: as_text(g.name)
        for g in Government.objects.filter(code__in=result.parents)
        if as_text(g.name) is not None
    }
    body = coverage_xlsx(
        result.matrix,
        national_titles={k: v for k, v in _texts(result.national_titles).items()},
        kmgbf_titles=_texts(result.kmgbf_titles),
        government_names={k: v for k, v in names.items() if v is not None},
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="coverage-{code}-{stamp}.xlsx"'
    return response


def _texts(values: dict) -> dict:
    return {k: t for k, v in values.items() if (t := as_text(v)) is not None}
