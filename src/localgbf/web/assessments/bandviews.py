"""The band-table page of network administrators: the versions per edition and the import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.index.bands import default_band_table
from localgbf.web.assessments.bandtables import BandImportError, import_band_table, stored_path
from localgbf.web.assessments.forms import BandTableImportForm
from localgbf.web.assessments.models import BandTableVersion
from localgbf.web.assessments.services import current_band_table
from localgbf.web.governments.access import Action, can


def _administrator(request: HttpRequest) -> None:
    if not can(request.user, Action.ADMINISTER):
        raise PermissionDenied(_("Only network administrators manage band tables."))


@login_required
def band_tables(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    form = BandTableImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = import_band_table(form.cleaned_data["file"], user=request.user)
        except BandImportError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _(
                    "Band table %(version)s was imported for the %(edition)s edition; it scores "
                    "new values from now on. Confirmed scores are not changed."
                )
                % {"version": row.version, "edition": row.edition},
            )
            return redirect("band-tables")
    editions = []
    for edition in load_singapore_index().editions:
        packaged = default_band_table(edition.edition)
        editions.append(
            {
                "edition": edition,
                "current": current_band_table(edition.edition),
                "packaged": packaged,
                "versions": BandTableVersion.objects.filter(edition=edition.edition)
                .select_related("imported_by")
                .order_by("-pk"),
            }
        )
    return render(request, "assessments/band_tables.html", {"editions": editions, "form": form})


@login_required
def band_table_file(request: HttpRequest, pk: int) -> FileResponse:
    _administrator(request)
    row = get_object_or_404(BandTableVersion, pk=pk)
    return FileResponse(stored_path(row).open("rb"), as_attachment=True, filename=row.filename)
