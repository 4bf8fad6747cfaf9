"""Commitments and their progress reports; officers start, fill in and submit reports."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Status

from localgbf.web.api import serialize
from localgbf.web.api.auth import READ, WRITE, caller
from localgbf.web.api.errors import ERRORS, WRITE_ERRORS, Problem
from localgbf.web.api.filters import KmgbfTarget, commitment_version_about, place
from localgbf.web.api.paging import MAX_ID, Paging, PathId, paginate
from localgbf.web.api.schemas import (
    CommitmentOut,
    ProgressIn,
    ProgressOut,
    ProgressStart,
    page_of,
)
from localgbf.web.commitments import progress as progress_service
from localgbf.web.commitments import services as commitment_services
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import Commitment, CommitmentVersion, ProgressReport
from localgbf.web.commitments.review import OPEN_STATES, ReviewState
from localgbf.web.governments.access import Action, can
from localgbf.web.portal.visibility import (
    EVERYTHING,
    Everything,
    private_scope,
    public_reports,
    visible,
)

router = Router(tags=["commitments"])
CommitmentPage = page_of(CommitmentOut, "CommitmentPage")
ProgressPage = page_of(ProgressOut, "ProgressPage")

VERSION_RELATIONS = ("primary_global", "primary_national")
VERSION_LISTS = ("other_global", "other_national", "kpis")


def _versions(states: tuple[Any, ...]) -> QuerySet[CommitmentVersion]:
    return (
        CommitmentVersion.objects.filter(state__in=states)
        .select_related(*VERSION_RELATIONS)
        .prefetch_related(*VERSION_LISTS)
        .order_by("-number")
    )


def _scope_q(request: HttpRequest, field: str) -> tuple[Q, set[int] | Everything]:
    scope = private_scope(caller(request))
    if isinstance(scope, Everything):
        return Q(), scope
    return Q(**{f"{field}__in": scope}), scope


def commitments_for(request: HttpRequest) -> tuple[QuerySet[Commitment], set[int] | Everything]:
    """Commitments with an accepted version, and those of governments the caller is a member of."""
    private, scope = _scope_q(request, "government_id")
    rows = Commitment.objects.all()
    if scope is not EVERYTHING:
        accepted = Q(versions__state=ReviewState.ACCEPTED)
        rows = rows.filter(accepted | private) if scope else rows.filter(accepted)
    return rows.distinct(), scope


def _serialize(scope: set[int] | Everything) -> Any:
    def build(rows: list[Commitment]) -> list[dict[str, Any]]:
        out = []
        for c in rows:
            accepted = list(c.accepted)
            open_versions = list(c.open)
            member = isinstance(scope, Everything) or c.government_id in scope
            out.append(
                {
                    "id": c.pk,
                    "reference": c.reference,
                    "government": c.government.code,
                    "in_force": serialize.commitment_version(accepted[0] if accepted else None),
                    "open_version": serialize.commitment_version(
                        open_versions[0] if open_versions and member else None
                    ),
                }
            )
        return out

    return build


def _with_versions(rows: QuerySet[Commitment]) -> QuerySet[Commitment]:
    return rows.select_related("government").prefetch_related(
        Prefetch("versions", queryset=_versions((ReviewState.ACCEPTED,)), to_attr="accepted"),
        Prefetch("versions", queryset=_versions(OPEN_STATES), to_attr="open"),
    )


class CommitmentFilters(Paging):
    government: str | None = Field(None, description="Code of a government.")
    country: str | None = Field(None, description="Code of a country.")
    kmgbf_target: KmgbfTarget | None = Field(
        None, description="Its version in force names this KMGBF target (primary or other)."
    )


@router.get(
    "/commitments", response={200: CommitmentPage, **ERRORS}, auth=READ, summary="List commitments"
)
def list_commitments(request: HttpRequest, filters: Query[CommitmentFilters]) -> Any:
    rows, scope = commitments_for(request)
    rows = rows.filter(place("government", government=filters.government, country=filters.country))
    if filters.kmgbf_target:
        about = CommitmentVersion.objects.filter(
            commitment_version_about(filters.kmgbf_target.value),
            state=ReviewState.ACCEPTED,
        )
        rows = rows.filter(pk__in=about.values("commitment_id"))
    rows = _with_versions(rows).order_by("government__path", "number")
    return paginate(request, rows, filters, _serialize(scope))


@router.get(
    "/commitments/{commitment_id}",
    response={200: CommitmentOut, **ERRORS},
    auth=READ,
    summary="One commitment: its version in force and, for members, the open one",
)
def get_commitment(request: HttpRequest, commitment_id: PathId) -> Any:
    rows, scope = commitments_for(request)
    commitment = _with_versions(rows.filter(pk=commitment_id)).first()
    if commitment is None:
        raise Http404("No such commitment")
    return _serialize(scope)([commitment])[0]


def reports_for(request: HttpRequest) -> QuerySet[ProgressReport]:
    return visible(
        public_reports(), ProgressReport.objects.all(), caller(request), "commitment__government"
    )


class ProgressFilters(Paging):
    government: str | None = Field(None, description="Code of a government.")
    country: str | None = Field(None, description="Code of a country.")
    commitment: int | None = Field(None, ge=1, le=MAX_ID, description="Identifier of a commitment.")
    level: str | None = Field(None, description="Key of the NR7 progress scale.")
    kmgbf_target: KmgbfTarget | None = Field(
        None, description="Reports on commitments whose version in force names this target."
    )


@router.get(
    "/progress", response={200: ProgressPage, **ERRORS}, auth=READ, summary="List progress reports"
)
def list_progress(request: HttpRequest, filters: Query[ProgressFilters]) -> Any:
    rows = reports_for(request).filter(
        place("commitment__government", government=filters.government, country=filters.country)
    )
    if filters.commitment is not None:
        rows = rows.filter(commitment_id=filters.commitment)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.kmgbf_target:
        about = CommitmentVersion.objects.filter(
            commitment_version_about(filters.kmgbf_target.value), state=ReviewState.ACCEPTED
        )
        rows = rows.filter(commitment_id__in=about.values("commitment_id"))
    rows = serialize.progress_rows(rows).order_by(
        "commitment__government__path", "-period_end", "pk"
    )
    return paginate(request, rows, filters, serialize.progress)


def _report(request: HttpRequest, report_id: int) -> ProgressReport:
    report = serialize.progress_rows(reports_for(request).filter(pk=report_id)).first()
    if report is None:
        raise Http404("No such progress report")
    return report


@router.get(
    "/progress/{report_id}",
    response={200: ProgressOut, **ERRORS},
    auth=READ,
    summary="One progress report with its KPI values",
)
def get_progress(request: HttpRequest, report_id: PathId) -> Any:
    return serialize.progress([_report(request, report_id)])[0]


def _check_edit(request: HttpRequest, government: Any) -> None:
    if not can(caller(request), Action.EDIT, government):
        raise PermissionDenied("Only the officers of this government may report its progress.")


@router.post(
    "/commitments/{commitment_id}/progress",
    response={201: ProgressOut, **WRITE_ERRORS},
    auth=WRITE,
    summary="Start a progress report for a period",
)
def start_progress(request: HttpRequest, commitment_id: PathId, body: ProgressStart) -> Any:
    rows, _scope = commitments_for(request)
    commitment = rows.select_related("government").filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404("No such commitment")
    _check_edit(request, commitment.government)
    try:
        with transaction.atomic():
            report = progress_service.start_report(
                commitment,
                caller(request),
                period_start=body.period_start,
                period_end=body.period_end,
            )
    except CommitmentError as exc:
        raise Problem(409, str(exc)) from None
    return Status(201, serialize.progress([_report(request, report.pk)])[0])


@router.put(
    "/progress/{report_id}",
    response={200: ProgressOut, **WRITE_ERRORS},
    auth=WRITE,
    summary="Replace the narrative, level and KPI values of a report being written",
)
def put_progress(request: HttpRequest, report_id: PathId, body: ProgressIn) -> Any:
    report = _report(request, report_id)
    _check_edit(request, report.government)
    values = {
        code: progress_service.ValueInput(v.value, v.unit, v.note)
        for code, v in body.values.items()
    }
    try:
        with transaction.atomic():
            progress_service.save_progress(
                report,
                caller(request),
                narrative=serialize.text(body.narrative),
                level=body.level,
                values=values,
            )
    except CommitmentError as exc:
        raise Problem(409 if not report.is_editable else 422, str(exc)) from None
    return serialize.progress([_report(request, report_id)])[0]


@router.post(
    "/progress/{report_id}/submit",
    response={200: ProgressOut, **WRITE_ERRORS},
    auth=WRITE,
    summary="Send a report to national review",
)
def submit_progress(request: HttpRequest, report_id: PathId) -> Any:
    report = _report(request, report_id)
    _check_edit(request, report.government)
    try:
        with transaction.atomic():
            commitment_services.submit(report, caller(request))
    except CommitmentError as exc:
        raise Problem(409, str(exc)) from None
    return serialize.progress([_report(request, report_id)])[0]
