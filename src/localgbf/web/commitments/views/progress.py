"""Progress reports: start one (pre-filled), read, edit values and evidence, submit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.commitments import progress, services
from localgbf.web.commitments.access import editable_commitment, report_for
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.forms import EvidenceForm, PeriodForm, ProgressForm
from localgbf.web.commitments.models import Evidence
from localgbf.web.datasets.store import UploadTooLarge
from localgbf.web.governments.access import Action, can


@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = editable_commitment(request, pk)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = progress.start_report(
                commitment,
                request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except CommitmentError as exc:
            form.add_error(None, str(exc))
        else:
            if report.based_on_id:
                messages.info(
                    request,
                    _(
                        "The report starts from the previous one: its values, narrative and "
                        "evidence "
                        "are copied; update them."
                    ),
                )
            return redirect("progress-edit", pk=report.pk)
    return render(
        request,
        "commitments/progress_start.html",
        {"commitment": commitment, "government": commitment.government, "form": form},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    government = report.government
    return render(
        request,
        "commitments/progress_detail.html",
        {
            "report": report,
            "commitment": report.commitment,
            "government": government,
            "values": report.values.select_related("kpi"),
            "kpis": report.version.kpis.all(),
            "evidence": report.evidence.all(),
            "can_edit": can(request.user, Action.EDIT, government) and report.is_editable,
            "can_review": can(request.user, Action.REVIEW, government) and report.is_pending,
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, Action.EDIT)
    if not report.is_editable:
        raise PermissionDenied(
            _("This report is %(state)s and cannot change.") % {"state": report.get_state_display()}
        )
    form = ProgressForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        values = {
            kpi.code: progress.ValueInput(
                value=form.cleaned_data[f"value_{kpi.code}"],
                unit=form.cleaned_data[f"unit_{kpi.code}"],
                note=form.cleaned_data[f"note_{kpi.code}"],
            )
            for kpi in form.kpis
        }
        try:
            progress.save_progress(
                report,
                request.user,
                narrative=form.text("narrative"),
                level=form.cleaned_data["level"],
                values=values,
            )
        except CommitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The report was saved."))
            return redirect("progress-report", pk=report.pk)
    return render(
        request,
        "commitments/progress_edit.html",
        {
            "report": report,
            "commitment": report.commitment,
            "government": report.government,
            "form": form,
            "evidence_form": EvidenceForm(),
            "evidence": report.evidence.all(),
        },
    )


@login_required
@require_POST
def add_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, Action.EDIT)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("progress-edit", pk=report.pk)
    try:
        progress.add_evidence(
            report, request.user, form.cleaned_data["file"], form.cleaned_data["title"]
        )
    except (CommitmentError, UploadTooLarge) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file was attached."))
    return redirect("progress-edit", pk=report.pk)


@login_required
@require_POST
def remove_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__commitment__government"), pk=pk
    )
    report = report_for(request, evidence.report_id, Action.EDIT)
    try:
        progress.remove_evidence(evidence, request.user)
    except CommitmentError as exc:
        messages.error(request, str(exc))
    return redirect("progress-edit", pk=report.pk)


def download_evidence(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__commitment__government"), pk=pk
    )
    # Evidence may show people or places that are not for everyone: members and reviewers only,
    # even once the report is accepted and public.
    if not can(request.user, Action.VIEW_PRIVATE, evidence.report.government):
        raise PermissionDenied(_("This file is visible to the government's members only."))
    path = progress.evidence_path(evidence)
    if not path.is_file():
        raise Http404(_("The file is no longer in the store."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=evidence.filename)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, Action.EDIT)
    try:
        services.submit(report, request.user)
    except CommitmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The report was submitted for national review."))
    return redirect("progress-report", pk=report.pk)
