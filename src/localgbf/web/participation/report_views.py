"""The Plan of Action implementation report: for a country's national side, and for a
network's staff across its members. Counting is `reporting.plan_of_action_report`."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from localgbf.reporting.pdf import ReportingError, find_cjk_font
from localgbf.reporting.plan_of_action_report import (
    PlanOfActionReport,
    build_report,
    report_json,
    report_pdf,
    report_xlsx,
)
from localgbf.web.governments.access import Action, can_in_organisation, national_side
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.participation import poa
from localgbf.web.participation.models import Organisation

EXPORTS = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
LANGUAGES = ("en", "zh-hans", "both")


def _country_report(request: HttpRequest, code: str, absolute: bool) -> PlanOfActionReport:
    country = get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)
    if not national_side(request.user, country):
        raise PermissionDenied(_("The Plan of Action report is for the country's reviewers."))
    url = request.build_absolute_uri if absolute else str
    return build_report(poa.country_input(country, url))


def _network_report(request: HttpRequest, code: str, absolute: bool) -> PlanOfActionReport:
    organisation = get_object_or_404(Organisation, code=code)
    if not can_in_organisation(request.user, Action.VIEW_PRIVATE, organisation):
        raise PermissionDenied(_("The report across the members is for the organisation's staff."))
    url = request.build_absolute_uri if absolute else str
    return build_report(poa.network_input(organisation, url))


def _page(request: HttpRequest, report: PlanOfActionReport, export: str) -> HttpResponse:
    return render(
        request,
        "participation/plan_of_action.html",
        {"report": report, "export": export, "language": get_language() or "en"},
    )


def _export(request: HttpRequest, report: PlanOfActionReport, fmt: str) -> HttpResponse:
    language = request.GET.get("lang") or "both"
    if language not in LANGUAGES:
        raise Http404("No such language")
    if fmt == "json":
        body = json.dumps(report_json(report), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "xlsx":
        body = report_xlsx(report, language)
    else:
        try:
            body = report_pdf(report, font=find_cjk_font(), language=language)
        except ReportingError as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    name = f"plan-of-action-{report.code}-{report.generated_on.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def country_report(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, _country_report(request, code, False), "plan-of-action-export")


@login_required
def country_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("No such export format")
    return _export(request, _country_report(request, code, True), fmt)


@login_required
def network_report(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, _network_report(request, code, False), "network-report-export")


@login_required
def network_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("No such export format")
    return _export(request, _network_report(request, code, True), fmt)
