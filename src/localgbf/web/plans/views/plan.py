"""The plan pages: the list of plans, a government's plan, one version, adopt, new version,
exports and the import of actions and budget lines."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.reporting.pdf import ReportingError, find_cjk_font
from localgbf.reporting.plan_exports import plan_json, plan_pdf, plan_xlsx
from localgbf.web.frameworks.tabular import ImportFileError, template_csv
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.access import can
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.access import editable_version, government_for, may_read, readable_version
from localgbf.web.plans.document import plan_document, version_finance
from localgbf.web.plans.forms import AdoptForm, PlanImportForm, StartPlanForm
from localgbf.web.plans.imports import IMPORTERS
from localgbf.web.plans.models import Plan, PlanStatus, PlanVersion
from localgbf.web.plans.services import PlanRuleError, adopt, new_version, start_plan

COLUMN_TEMPLATES = {
    "actions": "columns_actions",
    "budget-lines": "columns_budget_lines",
    "exchange-rates": "columns_exchange_rates",
}
EXPORTS = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def plans_index(request: HttpRequest) -> HttpResponse:
    rows = []
    plans = Plan.objects.select_related("government__parent").prefetch_related("versions")
    for plan in plans:
        shown = [v for v in plan.versions.all() if may_read(request.user, v)]
        adopted = [v for v in shown if v.status == PlanStatus.ADOPTED]
        drafts = [v for v in shown if v.status == PlanStatus.DRAFT]
        if adopted or drafts:
            rows.append({"plan": plan, "adopted": adopted[:1], "draft": drafts[:1]})
    rows.sort(key=lambda r: r["plan"].government.path)
    countries = [
        c
        for c in Government.objects.filter(kind=GovernmentKind.COUNTRY)
        if can(request.user, Permission.VIEW_PRIVATE, c)
    ]
    mine = [
        g
        for g in Government.objects.exclude(kind=GovernmentKind.COUNTRY).filter(plan__isnull=True)
        if can(request.user, Permission.EDIT, g)
    ]
    return render(
        request,
        "plans/index.html",
        {"rows": rows, "coverage_countries": countries, "may_start": mine},
    )


def government_plan(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    plan = Plan.objects.filter(government=government).first()
    if plan is not None:
        shown = [v for v in plan.versions.order_by("-number") if may_read(request.user, v)]
        adopted = [v for v in shown if v.status == PlanStatus.ADOPTED]
        chosen = adopted[0] if adopted else (shown[0] if shown else None)
        if chosen is not None:
            return redirect("plan-version", code=code, number=chosen.number)
    return render(
        request,
        "plans/no_plan.html",
        {
            "government": government,
            "plan": plan,
            "can_start": plan is None
            and government.kind != GovernmentKind.COUNTRY
            and can(request.user, Permission.EDIT, government),
            "form": StartPlanForm(),
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Permission.EDIT)
    form = StartPlanForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "plans/no_plan.html",
            {"government": government, "plan": None, "can_start": True, "form": form},
        )
    try:
        version = start_plan(government, request.user, title=form.text_value("title"))
    except PlanRuleError as exc:
        raise PermissionDenied(" ".join(exc.messages)) from None
    return redirect("plan-step", code=code, number=version.number, step="team")


def version_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = readable_version(request, code, number)
    goals = version.goals.prefetch_related(
        "targets__links__element__framework",
        "targets__actions__links__element__framework",
        "targets__actions__budget_lines",
    )
    can_edit = can(request.user, Permission.EDIT, version.plan.government)
    versions = [v for v in version.plan.versions.order_by("-number") if may_read(request.user, v)]
    finance = version_finance(version)
    return render(
        request,
        "plans/version.html",
        {
            "version": version,
            "government": version.plan.government,
            "goals": goals,
            "finance": finance,
            "totals": finance.totals_of(version.plan.government.code),
            "versions": versions,
            "can_edit": can_edit and version.is_draft,
            "can_revise": can_edit
            and not version.plan.versions.filter(status=PlanStatus.DRAFT).exists(),
            "degrees": {lvl.key: lvl for lvl in scale("alignment").levels},
            "sectors": {t.key: t for t in vocabulary("sectors").terms},
            "statuses": {t.key: t for t in vocabulary("action_status").terms},
            "sources": {t.key: t for t in vocabulary("funding_sources").terms},
        },
    )


@login_required
def adopt_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = editable_version(request, code, number)
    form = AdoptForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            adopt(
                version,
                request.user,
                adopted_on=form.cleaned_data["adopted_on"],
                adopting_body=form.text_value("adopting_body"),
            )
        except PlanRuleError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Version %(n)s is adopted.") % {"n": version.number})
            return redirect("plan-version", code=code, number=number)
    return render(
        request,
        "plans/adopt.html",
        {"version": version, "government": version.plan.government, "form": form},
    )


@login_required
@require_POST
def new_version_view(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Permission.EDIT)
    plan = get_object_or_404(Plan, government=government)
    try:
        report = new_version(plan, request.user)
    except PlanRuleError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plan", code=code)
    messages.success(
        request,
        _("Version %(n)s was started as a copy of the previous one.")
        % {"n": report.version.number},
    )
    if report.unmatched:
        messages.warning(
            request,
            _("Links to these national targets could not be carried over: %(codes)s.")
            % {"codes": ", ".join(report.unmatched)},
        )
    return redirect("plan-step", code=code, number=report.version.number, step="team")


def export(request: HttpRequest, code: str, number: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("No such export format")
    version = readable_version(request, code, number)
    data = plan_document(version)
    if fmt == "json":
        body = json.dumps(plan_json(data), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "xlsx":
        body = plan_xlsx(data)
    else:
        try:
            body = plan_pdf(data, font=find_cjk_font())
        except ReportingError as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="plan-{code}-v{number}-{stamp}.{fmt}"'
    return response


@login_required
def import_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = editable_version(request, code, number)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = IMPORTERS[form.cleaned_data["what"]]
        try:
            count = importer(version, upload.read(), upload.name, request.user)
        except ImportFileError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(n)s rows were imported.") % {"n": count})
            return redirect("plan-version", code=code, number=number)
    return render(
        request,
        "plans/import.html",
        {"version": version, "government": version.plan.government, "form": form},
    )


def versions_of(plan: Plan, user: object) -> list[PlanVersion]:
    return [v for v in plan.versions.order_by("-number") if may_read(user, v)]


def column_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The CSV template (bilingual header row) of an import."""
    if kind not in COLUMN_TEMPLATES:
        raise Http404("No such template")
    body = template_csv(vocabulary(COLUMN_TEMPLATES[kind]))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
