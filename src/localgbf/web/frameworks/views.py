"""Pages for a country's national targets: the list, the template, the import, one version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.frameworks.forms import NationalImportForm
from localgbf.web.frameworks.models import Framework, FrameworkKind
from localgbf.web.frameworks.national import (
    import_national_targets,
    read_national_targets,
    template_workbook,
)
from localgbf.web.frameworks.tabular import ImportFileError, template_csv
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government, GovernmentKind

TEMPLATES = {
    "csv": (
        "text/csv; charset=utf-8",
        lambda: template_csv(vocabulary("columns_national_targets")),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        template_workbook,
    ),
}


def national_index(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.filter(kind=FrameworkKind.NATIONAL).select_related("country")
    by_country: dict[int, list[Framework]] = {}
    for fw in frameworks.order_by("country__code", "-created_at"):
        if fw.country_id is not None:
            by_country.setdefault(fw.country_id, []).append(fw)
    countries = [
        {
            "country": country,
            "versions": by_country.get(country.pk, []),
            "can_import": can(request.user, Action.EDIT, country),
        }
        for country in Government.objects.filter(kind=GovernmentKind.COUNTRY)
    ]
    return render(request, "frameworks/national_index.html", {"countries": countries})


def national_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in TEMPLATES:
        raise Http404("No such template format")
    content_type, build = TEMPLATES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="national-targets-template.{fmt}"'
    return response


@login_required
def national_import(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)
    if not can(request.user, Action.EDIT, country):
        raise PermissionDenied(_("Only the country's officers may import its national targets."))
    form = NationalImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_national_targets(upload.read(), upload.name)
            framework = import_national_targets(
                parsed,
                country=country,
                version=form.cleaned_data["version"] or None,
                user=request.user,
            )
        except ImportFileError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(n)s national targets were imported as version %(version)s.")
                % {"n": len(parsed.targets), "version": framework.version},
            )
            return redirect("national-framework", slug=framework.slug, version=framework.version)
    return render(request, "frameworks/national_import.html", {"country": country, "form": form})


def national_detail(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    framework = get_object_or_404(
        Framework.objects.select_related("country"),
        slug=slug,
        version=version,
        kind=FrameworkKind.NATIONAL,
    )
    elements = framework.elements.prefetch_related("alignments__aligned_to").order_by("order")
    levels = {lvl.key: lvl for lvl in scale("alignment").levels}
    targets = [
        {
            "element": element,
            "targets": [
                (a.aligned_to, levels.get(a.degree))
                for a in element.alignments.all()
                if a.aligned_to.kind == "target"
            ],
            "goals": [
                a.aligned_to for a in element.alignments.all() if a.aligned_to.kind == "goal"
            ],
        }
        for element in elements
    ]
    others = Framework.objects.filter(slug=slug).exclude(pk=framework.pk).order_by("-created_at")
    return render(
        request,
        "frameworks/national_detail.html",
        {"framework": framework, "targets": targets, "others": others},
    )
