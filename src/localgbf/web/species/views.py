from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.species.errors import SpeciesDataError
from localgbf.species.evidence import records_for
from localgbf.species.reference import establishment, quality_reference, taxon_groups
from localgbf.web.datasets.services import store_upload
from localgbf.web.datasets.store import UploadTooLarge
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.jobs.queue import enqueue
from localgbf.web.species import services
from localgbf.web.species.forms import (
    IMPORTED_KINDS,
    FetchForm,
    ImportExistingForm,
    SpeciesUploadForm,
)
from localgbf.web.species.models import Fetch, SpeciesImport
from localgbf.web.species.pages import species_tables

RECORDS_SHOWN = 200


def _allowed(request: HttpRequest, government: Government, action: Action) -> None:
    if not can(request.user, action, government):
        raise PermissionDenied(
            _("Your role does not allow this for %(name)s.") % {"name": government}
        )


def _government(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    _allowed(request, government, action)
    return government


def _labels() -> dict[str, Any]:
    return {
        "reasons": quality_reference().reasons,
        "categories": {c.id: c.label for c in establishment().categories},
        "groups": {g.id: g.label for g in taxon_groups().groups},
    }


def _titled(government: Government, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Store entries by id; where the file names no title or citation, the uploaded dataset's."""
    uploads = {d.sha256: d for d in government.datasets.all()}
    out = {}
    for entry in entries:
        info = dict(entry["info"])
        upload = uploads.get(entry["sha256"])
        if upload is not None:
            info["title"] = info.get("title") or upload.title
            info["citation"] = info.get("citation") or upload.citation
            info["licence"] = info.get("licence") or upload.licence
        out[entry["id"]] = {**entry, "info": info}
    return out


@login_required
def page(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.VIEW_PRIVATE)
    can_edit = can(request.user, Action.EDIT, government)
    summary = getattr(government, "species_summary", None)
    data = summary.data if summary else {}
    fetches = government.species_fetches.exclude(store_entry="")
    return render(
        request,
        "species_web/page.html",
        {
            "government": government,
            "summary": summary,
            "tables": species_tables(data),
            "checklists_by_id": _titled(government, data.get("checklists", [])),
            "occurrence_sets": _titled(government, data.get("datasets", [])).values(),
            "fetches_by_entry": {f.store_entry: f for f in fetches},
            "imports": government.species_imports.select_related("dataset", "job")[:20],
            "fetches": government.species_fetches.select_related("job", "boundary")[:20],
            "can_edit": can_edit,
            "upload_form": SpeciesUploadForm() if can_edit else None,
            "import_form": ImportExistingForm(government=government) if can_edit else None,
            "connectors_enabled": services.connectors_enabled(),
            "labels": _labels(),
        },
    )


@login_required
@require_POST
def upload(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.EDIT)
    form = SpeciesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, _("The file was not stored: %(errors)s") % {"errors": errors})
        return redirect("species", code=government.code)
    fields = {k: form.cleaned_data[k] for k in ("kind", "title", "licence", "citation")}
    try:
        dataset, _created, _job = store_upload(
            government=government,
            upload=form.cleaned_data["file"],
            user=request.user,
            fields=fields,
        )
    except UploadTooLarge as exc:
        messages.error(request, str(exc))
        return redirect("species", code=government.code)
    if dataset.kind in IMPORTED_KINDS:
        row = services.start_import(
            government, dataset=dataset, user=request.user, format=form.cleaned_data["format"]
        )
        messages.success(request, _("The file was stored; its import has started."))
        return redirect("species-import", pk=row.pk)
    enqueue(services.SUMMARY_JOB, {"government": government.pk}, government=government,
            created_by=request.user)  # fmt: skip
    messages.success(request, _("The list was stored; the species page is being updated."))
    return redirect("species", code=government.code)


@login_required
@require_POST
def import_existing(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.EDIT)
    form = ImportExistingForm(request.POST, government=government)
    if not form.is_valid():
        messages.error(request, _("Choose an occurrence file or a checklist to import."))
        return redirect("species", code=government.code)
    row = services.start_import(
        government,
        dataset=form.cleaned_data["dataset"],
        user=request.user,
        format=form.cleaned_data["format"],
    )
    return redirect("species-import", pk=row.pk)


@login_required
@require_POST
def refresh(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.EDIT)
    job = enqueue(services.SUMMARY_JOB, {"government": government.pk}, government=government,
                  created_by=request.user)  # fmt: skip
    return redirect("job", pk=job.pk)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(
        SpeciesImport.objects.select_related("government", "dataset", "job"), pk=pk
    )
    _allowed(request, row.government, Action.VIEW_PRIVATE)
    return render(
        request,
        "species_web/import.html",
        {"row": row, "government": row.government, "job": row.job, "labels": _labels()},
    )


@login_required
def species_detail(request: HttpRequest, code: str, name: str) -> HttpResponse:
    """Every stored record of one species; locations of sensitive species are never shown."""
    government = _government(request, code, Action.VIEW_PRIVATE)
    summary = getattr(government, "species_summary", None)
    entry = next(
        (s for s in (summary.data.get("species", []) if summary else []) if s["species"] == name),
        None,
    )
    unmatched = next(
        (u for u in (summary.data.get("unmatched", []) if summary else []) if u["species"] == name),
        None,
    )
    if entry is None and unmatched is None:
        raise Http404(_("This species has no counted record here."))
    from localgbf.web.species.summary import sensitive_species

    sensitive = sensitive_species(services.sensitive_paths(government))
    try:
        records = records_for(
            services.government_store(government),
            name,
            sensitive=sensitive,
            public=True,
            limit=RECORDS_SHOWN,
        )
    except SpeciesDataError as exc:
        raise Http404(str(exc)) from None
    datasets = {d["id"]: d for d in summary.data.get("datasets", [])} if summary else {}
    return render(
        request,
        "species_web/species.html",
        {
            "government": government,
            "name": name,
            "entry": entry or unmatched,
            "sensitive": name in sensitive,
            "records": records,
            "limit": RECORDS_SHOWN,
            "datasets": datasets,
            "labels": _labels(),
        },
    )


@login_required
def fetch_new(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.EDIT)
    enabled = services.connectors_enabled()
    form = None
    if enabled:
        form = FetchForm(
            request.POST or None,
            government=government,
            download=services.gbif_credentials() is not None,
        )
        if request.method == "POST" and form.is_valid():
            fetch = services.start_fetch(government, user=request.user, **form.call())
            messages.success(request, _("The records are being fetched; this page follows it."))
            return redirect("species-fetch", pk=fetch.pk)
    elif request.method == "POST":
        messages.error(request, _("Fetching records is switched off in this installation."))
    return render(
        request,
        "species_web/fetch_new.html",
        {"government": government, "form": form, "connectors_enabled": enabled},
    )


@login_required
def fetch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fetch = get_object_or_404(Fetch.objects.select_related("government", "boundary", "job"), pk=pk)
    government = fetch.government
    _allowed(request, government, Action.VIEW_PRIVATE)
    if request.method == "POST":
        _allowed(request, government, Action.EDIT)
        if not services.connectors_enabled():
            messages.error(request, _("Fetching records is switched off in this installation."))
        elif fetch.status == "failed":
            services.queue_fetch(fetch, request.user)
            messages.success(request, _("The fetch continues where it stopped."))
        return redirect("species-fetch", pk=fetch.pk)
    return render(
        request,
        "species_web/fetch.html",
        {
            "fetch": fetch,
            "government": government,
            "job": fetch.job,
            "can_edit": can(request.user, Action.EDIT, government),
            "connectors_enabled": services.connectors_enabled(),
            "labels": _labels(),
        },
    )
