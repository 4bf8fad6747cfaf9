"""Downloads: ORT stakeholder-commitment files, the national roll-up (page, CSV, XLSX, PDF),
and the official contact for CBD submissions that the ORT files carry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.reporting.national_report_files import national_report_csv, national_report_xlsx
from localgbf.reporting.ort import OrtExportError, ort_document, ort_json, ort_zip
from localgbf.web.commitments import exports
from localgbf.web.commitments.access import commitment_for, country_for, government_for
from localgbf.web.commitments.forms import ContactForm
from localgbf.web.commitments.jobs import queue_report_pdf, report_pdf_file
from localgbf.web.commitments.models import OfficialContact
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _attachment(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def ort_export(request: HttpRequest, code: str) -> HttpResponse:
    """Every accepted commitment of the government (and those under it) as ORT JSON, zipped.

    Members and the country's reviewers only: the files carry the official contact's details.
    """
    government = government_for(request, code, Action.VIEW_PRIVATE)
    export = exports.export_ort(government)
    if not export.files:
        messages.error(request, _("No accepted commitment can be exported yet."))
        for reference, reason in export.skipped:
            messages.warning(request, f"{reference}: {reason}")
        return redirect("commitments", code=code)
    return _attachment(
        ort_zip(export.files), f"{government.code}-ort-commitments.zip", "application/zip"
    )


@login_required
def ort_one(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = commitment_for(request, pk)
    if not can(request.user, Action.VIEW_PRIVATE, commitment.government):
        raise PermissionDenied(_("The ORT file carries the official contact: members only."))
    version = commitment.accepted_version()
    if version is None:
        raise Http404(_("This commitment has no accepted version yet."))
    try:
        document = ort_document(exports.ort_commitment(version))
    except OrtExportError as exc:
        messages.error(request, str(exc))
        return redirect("commitment", pk=commitment.pk)
    return _attachment(ort_json(document), f"{commitment.reference}-ort.json", "application/json")


def national_report(request: HttpRequest, code: str) -> HttpResponse:
    country = country_for(request, code)
    report = exports.country_report(country)
    levels = scale("progress").levels
    return render(
        request,
        "commitments/national_report.html",
        {
            "country": country,
            "report": report,
            "levels": levels,
            "pdf": report_pdf_file(country, report),
        },
    )


def national_report_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The roll-up as CSV or XLSX at once; the PDF is rendered in the background (once per
    state of the roll-up) and served when ready."""
    country = country_for(request, code)
    report = exports.country_report(country)
    stem = f"{country.code}-nr7-subnational-{exports.today():%Y%m%d}"
    if fmt == "csv":
        return _attachment(national_report_csv(report), f"{stem}.csv", CONTENT_TYPES["csv"])
    if fmt == "xlsx":
        return _attachment(national_report_xlsx(report), f"{stem}.xlsx", CONTENT_TYPES["xlsx"])
    if fmt != "pdf":
        raise Http404(_("Unknown format."))
    ready = report_pdf_file(country, report)
    if ready is not None:
        return FileResponse(
            ready.open("rb"),
            as_attachment=True,
            filename=f"{stem}.pdf",
            content_type=CONTENT_TYPES["pdf"],
        )
    job = queue_report_pdf(country, report, request.user)
    return render(
        request,
        "commitments/pdf_wait.html",
        {"country": country, "job": job},
        status=202,
    )


@login_required
def contact(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.EDIT)
    instance = OfficialContact.objects.filter(government=government).first()
    form = ContactForm(
        request.POST or None, instance=instance or OfficialContact(government=government)
    )
    if request.method == "POST" and form.is_valid():
        before = audit.snapshot(instance) if instance else None
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.government = government
            saved.updated_by = request.user
            saved.save()
            audit.record(
                request.user,
                "cbd_contact.edit",
                saved,
                government=government,
                before=before,
                after=audit.snapshot(saved),
            )
        messages.success(request, _("The official contact was saved."))
        return redirect("commitments", code=code)
    return render(request, "commitments/contact.html", {"government": government, "form": form})
