"""The public portal: no sign-in needed, everything shown is public (see `visibility.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.portal import services
from localgbf.web.portal.caching import cached
from localgbf.web.portal.country import country_view
from localgbf.web.portal.downloads import FORMATS, download_name
from localgbf.web.portal.forms import PublicProfileForm
from localgbf.web.portal.licences import open_data_rules
from localgbf.web.portal.models import PublicProfile
from localgbf.web.portal.opendata import open_data
from localgbf.web.portal.pages import country_context, government_context, target_context

PAGE_SIZE = 50


def _language() -> str:
    return get_language() or "en"


def _page(request: HttpRequest, template: str, body: str, **context: object) -> HttpResponse:
    return render(request, template, {"body": mark_safe(body), **context})


def index(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()
    countries = Government.objects.filter(kind=GovernmentKind.COUNTRY).order_by("code")
    return render(
        request,
        "portal/index.html",
        {
            "query": query,
            "matches": services.find_governments(query, limit=PAGE_SIZE) if query else None,
            "countries": countries,
            "fw": kmgbf(),
        },
    )


def government(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government.objects.select_related("parent"), code=code)
    language = _language()
    if government.kind == GovernmentKind.COUNTRY:
        page = services.page_number(request)
        body = cached(
            "country",
            lambda: render_to_string(
                "portal/country_body.html",
                country_context(country_view(government, language), language, page),
            ),
            government.pk,
            page,
        )
        template = "portal/country.html"
    else:
        body = cached(
            "government",
            lambda: render_to_string(
                "portal/government_body.html", government_context(government, language)
            ),
            government.pk,
        )
        template = "portal/government.html"
    return _page(
        request,
        template,
        body,
        government=government,
        can_edit=can(request.user, Action.EDIT, government),
    )


def target(request: HttpRequest, code: str) -> HttpResponse:
    try:
        kmgbf().target(code)
    except StopIteration:
        raise Http404("No such KMGBF target") from None
    country_code = (request.GET.get("country") or "").strip()
    country = None
    if country_code:
        country = get_object_or_404(Government, code=country_code, kind=GovernmentKind.COUNTRY)
    language = _language()
    body = cached(
        "target",
        lambda: render_to_string(
            "portal/target_body.html", target_context(code, language, country=country)
        ),
        code,
        country_code,
    )
    return _page(request, "portal/target.html", body, code=code)


def downloads(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    profile = PublicProfile.objects.filter(government=government).first()
    rules = open_data_rules()
    licence = rules.licence(profile.licence_key if profile else None)
    language = _language()
    name = government.display_name(language)
    scope = "country" if government.kind == GovernmentKind.COUNTRY else "government"
    title = rules.title(scope, name, language)
    return render(
        request,
        "portal/open_data.html",
        {
            "government": government,
            "licence": licence,
            "title": title,
            "citation": rules.cite(
                publisher=name,
                title=title,
                url=request.build_absolute_uri(),
                on=timezone.now().date(),
                language=language,
            ),
            "formats": FORMATS,
            "is_country": scope == "country",
        },
    )


def download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if fmt not in FORMATS:
        raise Http404("No such format")
    content_type, build = FORMATS[fmt].content_type, FORMATS[fmt].build
    package = open_data(government, language=_language(), absolute_url=request.build_absolute_uri)
    response = HttpResponse(build(package), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_name(government, fmt)}"'
    response["Link"] = f'<{package.licence.url}>; rel="license"'
    return response


@login_required
def edit_profile(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, Action.EDIT, government):
        raise PermissionDenied(_("Only the officers of this government may edit it."))
    profile = PublicProfile.objects.filter(government=government).first() or PublicProfile(
        government=government
    )
    form = PublicProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(form, request.user)
        messages.success(request, _("The public profile was saved."))
        return redirect("portal-government", code=government.code)
    return render(request, "portal/edit_profile.html", {"government": government, "form": form})
