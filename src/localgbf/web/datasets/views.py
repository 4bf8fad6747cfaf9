from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.web.datasets.forms import UploadForm
from localgbf.web.datasets.models import Dataset
from localgbf.web.datasets.services import store_upload
from localgbf.web.datasets.store import UploadTooLarge
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government


def _government(request: HttpRequest, code: str, action: Action) -> Government:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, action, government):
        raise PermissionDenied(
            _("Your role does not allow this for %(name)s.") % {"name": government}
        )
    return government


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    government = _government(request, code, Action.VIEW_PRIVATE)
    can_upload = can(request.user, Action.EDIT, government)
    form = None
    if can_upload:
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                dataset, created, _job = store_upload(
                    government=government,
                    upload=form.cleaned_data["file"],
                    user=request.user,
                    fields={
                        k: form.cleaned_data[k] for k in ("kind", "title", "licence", "citation")
                    },
                )
            except UploadTooLarge as exc:
                form.add_error("file", str(exc))
            else:
                if created:
                    messages.success(request, _("The file was stored; it is being checked."))
                else:
                    messages.info(
                        request,
                        _("This file was already uploaded on %(date)s; it is stored once.")
                        % {"date": dataset.uploaded_at.date()},
                    )
                return redirect("dataset", pk=dataset.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Only the officers of this government may upload."))
    return render(
        request,
        "datasets/index.html",
        {
            "government": government,
            "datasets": government.datasets.select_related("uploaded_by"),
            "form": form,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(Dataset.objects.select_related("government"), pk=pk)
    _government(request, dataset.government.code, Action.VIEW_PRIVATE)
    job = dataset.government.jobs.filter(
        kind="datasets.inspect", params__dataset=dataset.pk
    ).first()
    return render(request, "datasets/detail.html", {"dataset": dataset, "job": job})


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    dataset = get_object_or_404(Dataset.objects.select_related("government"), pk=pk)
    _government(request, dataset.government.code, Action.VIEW_PRIVATE)
    return FileResponse(dataset.path.open("rb"), as_attachment=True, filename=dataset.filename)
