"""Pages of a government's commitments: list, create (blank or from the plan), read, edit,
KPIs and documents, submit, new version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.commitments import services
from localgbf.web.commitments.access import (
    PUBLIC_STATES,
    commitment_for,
    editable_commitment,
    government_for,
)
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.forms import (
    CommitmentForm,
    DocumentFormSet,
    FromPlanForm,
    KpiFormSet,
)
from localgbf.web.commitments.from_plan import create_from_plan
from localgbf.web.commitments.models import Commitment, CommitmentVersion
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import AuditEntry
from localgbf.web.plans.models import Plan


def government_commitments(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.VIEW)
    private = can(request.user, Action.VIEW_PRIVATE, government)
    rows = []
    for commitment in government.commitments.order_by("number"):
        shown = commitment.latest_version() if private else commitment.accepted_version()
        if shown is None:
            continue
        rows.append({"commitment": commitment, "version": shown})
    return render(
        request,
        "commitments/list.html",
        {
            "government": government,
            "rows": rows,
            "can_edit": can(request.user, Action.EDIT, government),
            "may_see_private": private,
            "has_plan": Plan.objects.filter(government=government).exists(),
        },
    )


@login_required
def create(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.EDIT)
    form = CommitmentForm(request.POST or None, government=government)
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        fields = {
            f.name: getattr(draft, f.name)
            for f in CommitmentVersion._meta.concrete_fields
            if f.name in form.bilingual or f.name in form.Meta.fields
        }
        m2m = {name: form.cleaned_data[name] for name in services.VERSION_M2M}
        try:
            version = services.create_commitment(government, request.user, fields=fields, m2m=m2m)
        except CommitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The commitment was created. Add its KPIs next."))
            return redirect("commitment-kpis", pk=version.commitment_id)
    return render(
        request,
        "commitments/edit.html",
        {"government": government, "form": form, "creating": True},
    )


@login_required
def from_plan(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.EDIT)
    plan = get_object_or_404(Plan, government=government)
    version = plan.in_force()
    if version is None:
        messages.error(request, _("The plan has no version yet."))
        return redirect("commitments", code=code)
    form = FromPlanForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            made = create_from_plan(
                government,
                request.user,
                targets=list(form.cleaned_data["targets"]),
                actions=list(form.cleaned_data["actions"]),
            )
        except CommitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The commitment was drafted from the plan; complete it."))
            if made.without_kpi:
                messages.warning(
                    request,
                    _("No KPI was made from %(codes)s: they have no target value or unit.")
                    % {"codes": ", ".join(made.without_kpi)},
                )
            return redirect("commitment-edit", pk=made.version.commitment_id)
    return render(
        request,
        "commitments/from_plan.html",
        {"government": government, "form": form, "plan_version": version},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = commitment_for(request, pk)
    government = commitment.government
    private = can(request.user, Action.VIEW_PRIVATE, government)
    versions = commitment.versions.order_by("-number")
    if not private:
        versions = versions.filter(state__in=PUBLIC_STATES)
    wanted = request.GET.get("version")
    version = (
        get_object_or_404(versions, number=wanted)
        if wanted and wanted.isdigit()
        else versions.first()
    )
    reports = commitment.reports.select_related("version")
    if not private:
        reports = reports.filter(state__in=PUBLIC_STATES)
    history = AuditEntry.objects.filter(
        object_type=CommitmentVersion._meta.label,
        object_id__in=[str(v.pk) for v in versions],
    ).select_related("actor")
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "government": government,
            "version": version,
            "versions": versions,
            "reports": reports,
            "history": history if private else None,
            "may_see_private": private,
            "can_edit": can(request.user, Action.EDIT, government),
            "can_review": can(request.user, Action.REVIEW, government),
            "missing": services.missing_for_submission(version)
            if version is not None and version.is_editable
            else [],
        },
    )


def _open_version(commitment: Commitment) -> CommitmentVersion:
    version = commitment.open_version()
    if version is None or not version.is_editable:
        raise PermissionDenied(
            _(
                "Nothing to edit: an accepted version is locked (start a new version), and a "
                "version awaiting review waits for its decision."
            )
        )
    return version


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = editable_commitment(request, pk)
    version = _open_version(commitment)
    form = CommitmentForm(request.POST or None, instance=version, government=commitment.government)
    if request.method == "POST" and form.is_valid():
        before = audit.snapshot(CommitmentVersion.objects.get(pk=version.pk))
        with transaction.atomic():
            saved = form.save()
            audit.record(
                request.user,
                "commitment.edit",
                saved,
                government=commitment.government,
                before=before,
                after=audit.snapshot(saved),
            )
        messages.success(request, _("The commitment was saved."))
        return redirect("commitment", pk=commitment.pk)
    return render(
        request,
        "commitments/edit.html",
        {"government": commitment.government, "form": form, "version": version},
    )


@login_required
def kpis(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = editable_commitment(request, pk)
    version = _open_version(commitment)
    kpi_set = KpiFormSet(request.POST or None, instance=version, prefix="kpi")
    doc_set = DocumentFormSet(request.POST or None, instance=version, prefix="doc")
    if request.method == "POST" and kpi_set.is_valid() and doc_set.is_valid():
        before = {"kpis": [str(k) for k in version.kpis.all()]}
        with transaction.atomic():
            kpi_set.save()
            doc_set.save()
            audit.record(
                request.user,
                "commitment.kpis",
                version,
                government=commitment.government,
                before=before,
                after={"kpis": [str(k) for k in version.kpis.all()]},
            )
        messages.success(request, _("The KPIs and documents were saved."))
        return redirect("commitment", pk=commitment.pk)
    return render(
        request,
        "commitments/kpis.html",
        {
            "government": commitment.government,
            "commitment": commitment,
            "version": version,
            "kpi_set": kpi_set,
            "doc_set": doc_set,
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = editable_commitment(request, pk)
    version = commitment.open_version()
    if version is None:
        raise PermissionDenied(_("There is no version to submit."))
    try:
        services.submit(version, request.user)
    except CommitmentError as exc:
        messages.error(request, str(exc))
    else:
        if version.is_accepted:
            messages.success(
                request, _("Submitted and accepted: the country accepts submissions automatically.")
            )
        else:
            messages.success(
                request,
                _(
                    "Submitted for national review. It is accepted automatically on "
                    "%(deadline)s UTC "
                    "unless a reviewer decides before."
                )
                % {"deadline": f"{version.review_deadline:%Y-%m-%d %H:%M}"},
            )
    return redirect("commitment", pk=commitment.pk)


@login_required
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = editable_commitment(request, pk)
    try:
        services.new_version(commitment, request.user)
    except CommitmentError as exc:
        messages.error(request, str(exc))
        return redirect("commitment", pk=commitment.pk)
    messages.success(
        request,
        _("A new version was started. The accepted one stays in force until this one is accepted."),
    )
    return redirect("commitment-edit", pk=commitment.pk)
