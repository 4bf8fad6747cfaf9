"""Pages of the consultations on national targets (see `consultations` for the rules)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.reporting.consultation import consultation_pdf, consultation_xlsx
from localgbf.reporting.pdf import ReportingError, find_cjk_font
from localgbf.web.governments.access import national_side
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.participation import consultations as service
from localgbf.web.participation.forms import ConsultationForm, ConsultationInputForm, ResponseForm
from localgbf.web.participation.models import Consultation, ConsultationInput

EXPORTS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _country(code: str) -> Government:
    return get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)


def _readable(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("country", "framework", "result_framework"), pk=pk
    )
    if not service.may_view(request.user, consultation):
        if not request.user.is_authenticated:
            raise Http404(_("No such consultation."))
        raise PermissionDenied(_("This consultation's record is not public."))
    return consultation


def consultation_list(request: HttpRequest, code: str) -> HttpResponse:
    country = _country(code)
    return render(
        request,
        "participation/consultations.html",
        {
            "country": country,
            "consultations": service.visible(request.user, country),
            "can_open": national_side(request.user, country),
            "today": service.today(),
        },
    )


@login_required
def consultation_new(request: HttpRequest, code: str) -> HttpResponse:
    country = _country(code)
    if not national_side(request.user, country):
        raise PermissionDenied(_("Only the country's reviewers and officers open consultations."))
    form = ConsultationForm(
        request.POST or None, instance=Consultation(country=country), country=country
    )
    if request.method == "POST" and form.is_valid():
        consultation = service.open_consultation(request.user, form.save(commit=False))
        messages.success(request, _("The consultation has been opened."))
        return redirect("consultation", pk=consultation.pk)
    return render(
        request, "participation/consultation_new.html", {"country": country, "form": form}
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _readable(request, pk)
    is_national = national_side(request.user, consultation.country)
    authors = service.authors_for(request.user, consultation.country)
    inputs = list(
        consultation.inputs.select_related("element", "government", "organisation").order_by("pk")
    )
    return render(
        request,
        "participation/consultation.html",
        {
            "consultation": consultation,
            "country": consultation.country,
            "record": service.record(consultation),
            "inputs": inputs,
            "targets": service.national_targets(consultation.framework),
            "status": consultation.status_on(service.today()),
            "is_national": is_national,
            "can_give_input": bool(authors) and consultation.is_open_on(service.today()),
            "response_form": ResponseForm() if is_national else None,
        },
    )


@login_required
def consultation_input(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _readable(request, pk)
    authors = service.authors_for(request.user, consultation.country)
    if not authors:
        raise PermissionDenied(
            _(
                "Officers of the country's subnational governments and staff of its advisory "
                "committees and networks give input."
            )
        )
    try:
        service.refuse_if_closed(consultation)
    except service.ConsultationClosed as exc:
        messages.error(request, str(exc))
        return redirect("consultation", pk=consultation.pk)
    form = ConsultationInputForm(request.POST or None, consultation=consultation, authors=authors)
    if request.method == "POST" and form.is_valid():
        item, evidence = form.build()
        try:
            service.submit_input(request.user, consultation, item, evidence)
        except service.ConsultationClosed as exc:
            messages.error(request, str(exc))
            return redirect("consultation", pk=consultation.pk)
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        messages.success(request, _("Your input has been submitted."))
        return redirect("consultation", pk=consultation.pk)
    return render(
        request,
        "participation/consultation_input.html",
        {"consultation": consultation, "country": consultation.country, "form": form},
    )


@login_required
@require_POST
def consultation_respond(request: HttpRequest, pk: int, input_pk: int) -> HttpResponse:
    consultation = _readable(request, pk)
    item = get_object_or_404(ConsultationInput, pk=input_pk, consultation=consultation)
    if not national_side(request.user, consultation.country):
        raise PermissionDenied(_("Only the country's reviewers and officers respond to inputs."))
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a response and give the reasons."))
    else:
        service.respond(
            request.user, item, form.cleaned_data["response"], form.cleaned_data["reason"]
        )
        messages.success(request, _("The response has been recorded."))
    return redirect(f"{consultation.get_absolute_url()}#input-{item.pk}")


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _readable(request, pk)
    if not national_side(request.user, consultation.country):
        raise PermissionDenied(_("Only the country's reviewers and officers close consultations."))
    if consultation.closed_at is None:
        service.close_consultation(request.user, consultation)
        messages.success(request, _("The consultation has been closed."))
    return redirect("consultation", pk=consultation.pk)


def consultation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("No such export format")
    consultation = _readable(request, pk)
    data = service.record(consultation, base_url=request.build_absolute_uri("/")[:-1])
    if fmt == "xlsx":
        body = consultation_xlsx(data)
    else:
        try:
            body = consultation_pdf(data, font=find_cjk_font())
        except ReportingError as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    name = f"consultation-{consultation.country.code}-{consultation.pk}-{data.generated_on}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
