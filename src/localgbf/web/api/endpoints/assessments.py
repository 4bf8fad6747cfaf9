"""Singapore Index assessments and scores; officers enter values into a draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router

from localgbf.frameworks.singapore_index import POINTS_PER_INDICATOR, load_singapore_index
from localgbf.index import assessment as si
from localgbf.index.errors import IndexInputError
from localgbf.web.api import serialize
from localgbf.web.api.auth import READ, WRITE, caller
from localgbf.web.api.errors import ERRORS, WRITE_ERRORS, Problem, conflict
from localgbf.web.api.filters import place
from localgbf.web.api.paging import Paging, PathId, paginate
from localgbf.web.api.schemas import (
    AssessmentDetail,
    AssessmentOut,
    ScoreRowOut,
    ValueIn,
    page_of,
)
from localgbf.web.assessments import services
from localgbf.web.assessments.models import Assessment
from localgbf.web.governments.access import Action, can
from localgbf.web.portal.visibility import public_assessments, visible

router = Router(tags=["assessments"])
HIGHEST_INDICATOR = max(n for ed in load_singapore_index().editions for n in ed.numbers)
AssessmentPage = page_of(AssessmentOut, "AssessmentPage")
ScorePage = page_of(ScoreRowOut, "ScorePage")


def assessments_for(request: HttpRequest) -> QuerySet[Assessment]:
    return visible(
        public_assessments(), Assessment.objects.all(), caller(request), "government"
    ).select_related("government")


class AssessmentFilters(Paging):
    government: str | None = Field(None, description="Code of a government.")
    country: str | None = Field(None, description="Code of a country.")
    edition: str | None = Field(None, max_length=8, description="Edition of the index, e.g. 2021.")
    reference_year: int | None = Field(None, ge=1900, le=2200)
    status: str | None = Field(None, pattern="^(draft|completed)$")


def _filtered(request: HttpRequest, filters: AssessmentFilters) -> QuerySet[Assessment]:
    rows = assessments_for(request).filter(
        place("government", government=filters.government, country=filters.country)
    )
    if filters.edition:
        rows = rows.filter(edition=filters.edition)
    if filters.reference_year:
        rows = rows.filter(reference_year=filters.reference_year)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows


@router.get(
    "/assessments",
    response={200: AssessmentPage, **ERRORS},
    auth=READ,
    summary="List Singapore Index assessments with their totals",
)
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> Any:
    rows = _filtered(request, filters).order_by("government__path", "-reference_year", "pk")
    return paginate(request, rows, filters, serialize.assessments)


def _assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    row = assessments_for(request).filter(pk=assessment_id).first()
    if row is None:
        raise Http404("No such assessment")
    return row


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentDetail, **ERRORS},
    auth=READ,
    summary="One assessment: its score card against the baseline",
)
def get_assessment(request: HttpRequest, assessment_id: PathId) -> Any:
    row = _assessment(request, assessment_id)
    card, _baseline = services.scorecard_for(row)
    return serialize.assessment_detail(row, card)


class ScoreFilters(AssessmentFilters):
    indicator: int = Field(
        ge=1, le=HIGHEST_INDICATOR, description="Number of the indicator in its edition."
    )


@router.get(
    "/scores",
    response={200: ScorePage, **ERRORS},
    auth=READ,
    summary="One indicator's value and score across assessments, to compare governments",
)
def list_scores(request: HttpRequest, filters: Query[ScoreFilters]) -> Any:
    rows = _filtered(request, filters).order_by("government__path", "-reference_year", "pk")

    def build(chunk: Sequence[Assessment]) -> list[dict[str, Any]]:
        out = []
        for row in chunk:
            pure = row.pure()
            entry = next((e for e in pure.entries if e.indicator == filters.indicator), None)
            out.append(
                {
                    "assessment": row.pk,
                    "government": row.government.code,
                    "edition": row.edition,
                    "reference_year": row.reference_year,
                    "indicator": filters.indicator,
                    "value": entry.value if entry else None,
                    "unit": si.unit_symbol(entry.unit) if entry and entry.unit else None,
                    "score": entry.points if entry else None,
                    "max_score": POINTS_PER_INDICATOR,
                    "scored_by": entry.scored_by if entry else "",
                }
            )
        return out

    return paginate(request, rows, filters, build)


@router.post(
    "/assessments/{assessment_id}/values",
    response={200: AssessmentDetail, **WRITE_ERRORS},
    auth=WRITE,
    summary="Enter an indicator's value into a draft (scored from the band table)",
)
def enter_value(request: HttpRequest, assessment_id: PathId, body: ValueIn) -> Any:
    row = _assessment(request, assessment_id)
    user = caller(request)
    if not can(user, Action.EDIT, row.government):
        raise PermissionDenied("Only the officers of this government may change its assessments.")
    if not row.is_draft:
        raise conflict("A completed assessment does not change.")
    bands = services.current_band_table(row.edition)
    try:
        row = services.change(
            row,
            lambda a: si.enter_value(
                a,
                body.indicator,
                body.value,
                unit=body.unit,
                by=services.by_name(user),
                data_sources=body.data_sources,
                bands=bands,
            ),
            expected_version=body.version,
            user=user,
            action="enter_value",
            indicator=body.indicator,
        )
    except services.AssessmentConflict as exc:
        raise conflict(str(exc)) from None
    except IndexInputError as exc:
        raise Problem(422, str(exc)) from None
    card, _baseline = services.scorecard_for(row)
    return serialize.assessment_detail(row, card)
