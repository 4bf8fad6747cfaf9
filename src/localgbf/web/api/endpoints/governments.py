"""Governments: read by anyone; their profile figures and public profile edited by officers."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from localgbf.web.api import serialize
from localgbf.web.api.auth import READ, WRITE, caller
from localgbf.web.api.errors import ERRORS, STALE, WRITE_ERRORS, conflict, invalid
from localgbf.web.api.filters import place
from localgbf.web.api.paging import Paging, paginate
from localgbf.web.api.schemas import (
    GovernmentDetail,
    GovernmentOut,
    GovernmentPatch,
    ProfileIn,
    page_of,
)
from localgbf.web.core.concurrency import etag, if_match_fails
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.portal.forms import PublicProfileForm
from localgbf.web.portal.models import PublicProfile
from localgbf.web.portal.services import find_governments, save_profile

router = Router(tags=["governments"])
GovernmentPage = page_of(GovernmentOut, "GovernmentPage")


class GovernmentFilters(Paging):
    kind: Literal["country", "region", "city", "local"] | None = None
    country: str | None = Field(None, description="Code of a country: its governments.")
    parent: str | None = Field(None, description="Code of a government: those directly under it.")
    q: str | None = Field(None, max_length=100, description="Part of a code or of a name.")


@router.get(
    "/governments", response={200: GovernmentPage, **ERRORS}, auth=READ, summary="List governments"
)
def list_governments(request: HttpRequest, filters: Query[GovernmentFilters]) -> Any:
    rows = Government.objects.filter(place("", government=None, country=filters.country))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.parent:
        rows = rows.filter(parent__code=filters.parent)
    if filters.q:
        rows = rows.filter(pk__in=[g.pk for g in find_governments(filters.q, limit=100_000)])
    return paginate(request, rows.order_by("path"), filters, serialize.governments)


@router.get(
    "/governments/{code}",
    response={200: GovernmentDetail, **ERRORS},
    auth=READ,
    summary="One government, with its boundary",
)
def get_government(request: HttpRequest, code: str, response: HttpResponse) -> Any:
    government = get_object_or_404(Government, code=code)
    response["ETag"] = etag(government)
    return serialize.government_detail(government)


def _editable(request: HttpRequest, code: str) -> Government:
    government = get_object_or_404(Government, code=code)
    if not can(caller(request), Action.EDIT, government):
        raise PermissionDenied("Only the officers of this government may change it.")
    return government


@router.patch(
    "/governments/{code}",
    response={200: GovernmentDetail, **WRITE_ERRORS},
    auth=WRITE,
    summary="Change a government's population, area or website",
)
def patch_government(
    request: HttpRequest, code: str, body: GovernmentPatch, response: HttpResponse
) -> Any:
    government = _editable(request, code)
    if if_match_fails(request, government):
        raise conflict(STALE)
    changes = body.model_dump(exclude_unset=True)
    before = audit.snapshot(government)
    for field, value in changes.items():
        setattr(government, field, "" if field == "website" and value is None else value)
    try:
        government.full_clean()
    except ValidationError as exc:
        raise invalid(exc) from None
    with transaction.atomic():
        # Only the fields sent are written, so two clients changing different fields at once
        # both keep their change.
        government.save(update_fields=[*changes, "updated_at"])
        audit.record(
            caller(request),
            "government.edit",
            government,
            before=before,
            after=audit.snapshot(government),
        )
    response["ETag"] = etag(Government.objects.get(pk=government.pk))
    return serialize.government_detail(government)


@router.put(
    "/governments/{code}/profile",
    response={200: GovernmentDetail, **WRITE_ERRORS},
    auth=WRITE,
    summary="Replace a government's public profile",
)
def put_profile(request: HttpRequest, code: str, body: ProfileIn) -> Any:
    government = _editable(request, code)
    profile = PublicProfile.objects.filter(government=government).first() or PublicProfile(
        government=government
    )
    form = PublicProfileForm(
        {
            "introduction_en": body.introduction.get("en", ""),
            "introduction_zh": body.introduction.get("zh-hans", ""),
            "seat_latitude": body.seat.latitude if body.seat else "",
            "seat_longitude": body.seat.longitude if body.seat else "",
            "data_licence": body.data_licence,
        },
        instance=profile,
    )
    if not form.is_valid():
        raise invalid(form.errors.get_json_data())
    save_profile(form, caller(request))
    return serialize.government_detail(government)
