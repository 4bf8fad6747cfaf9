"""Plans (versions), their local targets and actions; an action of a draft edited by officers."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.api import serialize
from localgbf.web.api.auth import READ, WRITE, caller
from localgbf.web.api.errors import ERRORS, STALE, WRITE_ERRORS, conflict, invalid
from localgbf.web.api.filters import (
    KmgbfTarget,
    linked_actions,
    linked_targets,
    linked_versions,
    place,
)
from localgbf.web.api.paging import MAX_ID, Paging, PathId, paginate
from localgbf.web.api.schemas import (
    ActionDetail,
    ActionOut,
    ActionPatch,
    PlanDetail,
    PlanOut,
    TargetOut,
    page_of,
)
from localgbf.web.core.concurrency import etag, if_match_fails
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.access import can
from localgbf.web.plans.models import Action, LocalTarget, PlanStatus, PlanVersion
from localgbf.web.portal.visibility import public_plan_versions, visible

router = Router(tags=["plans"])
PlanPage = page_of(PlanOut, "PlanPage")
TargetPage = page_of(TargetOut, "TargetPage")
ActionPage = page_of(ActionOut, "ActionPage")
PlanState = Literal["draft", "adopted", "superseded", "any"]


def versions_for(request: HttpRequest) -> QuerySet[PlanVersion]:
    """The plan versions the caller may read: adopted and superseded ones, and drafts of the
    governments whose private content the caller may see."""
    return visible(
        public_plan_versions(), PlanVersion.objects.all(), caller(request), "plan__government"
    )


class PlanFilters(Paging):
    government: str | None = Field(None, description="Code of a government.")
    country: str | None = Field(None, description="Code of a country: plans of its governments.")
    status: Literal["draft", "adopted", "superseded"] | None = None
    kmgbf_target: KmgbfTarget | None = Field(
        None, description="Plans with a local target or action contributing to this KMGBF target."
    )


@router.get("/plans", response={200: PlanPage, **ERRORS}, auth=READ, summary="List plan versions")
def list_plans(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    rows = versions_for(request).filter(
        place("plan__government", government=filters.government, country=filters.country)
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.kmgbf_target:
        rows = rows.filter(linked_versions(filters.kmgbf_target.value))
    rows = serialize.plan_rows(rows).order_by("plan__government__path", "-number")
    return paginate(request, rows, filters, serialize.plans)


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetail, **ERRORS},
    auth=READ,
    summary="One plan version, with its goals",
)
def get_plan(request: HttpRequest, plan_id: PathId) -> Any:
    version = serialize.plan_rows(versions_for(request).filter(pk=plan_id)).first()
    if version is None:
        raise Http404("No such plan version")
    return serialize.plan_detail(version)


class ItemFilters(Paging):
    government: str | None = Field(None, description="Code of a government.")
    country: str | None = Field(None, description="Code of a country.")
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="Identifier of a plan version.")
    plan_status: PlanState = Field(
        "adopted",
        description="Which versions: the adopted ones (plans in force, the default), "
        "superseded ones, drafts (members only), or any.",
    )
    kmgbf_target: KmgbfTarget | None = Field(
        None,
        description="Linked to this KMGBF target directly, through a national target aligned "
        "to it, or (for actions) through the local target served.",
    )
    national_target: str | None = Field(None, description="Linked to this national target code.")


def _items(request: HttpRequest, rows: QuerySet[Any], filters: ItemFilters) -> QuerySet[Any]:
    versions = versions_for(request)
    if filters.plan is not None:
        versions = versions.filter(pk=filters.plan)
    elif filters.plan_status != "any":
        versions = versions.filter(status=filters.plan_status)
    rows = rows.filter(version__in=versions).filter(
        place("version__plan__government", government=filters.government, country=filters.country)
    )
    if filters.national_target:
        rows = rows.filter(
            links__element__kind="national_target", links__element__code=filters.national_target
        ).distinct()
    return rows


class ActionFilters(ItemFilters):
    status: str | None = Field(None, description="Key of the action_status vocabulary.")
    sector: str | None = Field(None, description="Key of the sectors vocabulary.")


@router.get(
    "/targets",
    response={200: TargetPage, **ERRORS},
    auth=READ,
    summary="List local targets of plans",
)
def list_targets(request: HttpRequest, filters: Query[ItemFilters]) -> Any:
    rows = _items(request, LocalTarget.objects.all(), filters)
    if filters.kmgbf_target:
        rows = rows.filter(linked_targets(filters.kmgbf_target.value))
    rows = serialize.target_rows(rows).order_by("pk")
    return paginate(request, rows, filters, serialize.targets)


@router.get(
    "/actions", response={200: ActionPage, **ERRORS}, auth=READ, summary="List actions of plans"
)
def list_actions(request: HttpRequest, filters: Query[ActionFilters]) -> Any:
    rows = _items(request, Action.objects.all(), filters)
    if filters.kmgbf_target:
        rows = rows.filter(linked_actions(filters.kmgbf_target.value))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.sector:
        # The JSON text of the list holds the key in quotes, on SQLite as on PostgreSQL.
        rows = rows.filter(sectors__icontains=f'"{filters.sector}"')
    rows = serialize.action_rows(rows).order_by("pk")
    return paginate(request, rows, filters, serialize.actions)


def _readable_action(request: HttpRequest, action_id: PathId) -> Action:
    action = (
        serialize.action_rows(Action.objects.filter(version__in=versions_for(request)))
        .prefetch_related("budget_lines")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return action


@router.get(
    "/actions/{action_id}",
    response={200: ActionDetail, **ERRORS},
    auth=READ,
    summary="One action, with its budget lines",
)
def get_action(request: HttpRequest, action_id: PathId, response: HttpResponse) -> Any:
    action = _readable_action(request, action_id)
    response["ETag"] = etag(Action.objects.get(pk=action.pk))
    return serialize.action_detail(action)


EDITABLE_FIELDS = ("status", "start", "end", "latitude", "longitude")


@router.patch(
    "/actions/{action_id}",
    response={200: ActionDetail, **WRITE_ERRORS},
    auth=WRITE,
    summary="Change the status, dates or place of an action of a draft",
)
def patch_action(
    request: HttpRequest, action_id: PathId, body: ActionPatch, response: HttpResponse
) -> Any:
    action = _readable_action(request, action_id)
    user = caller(request)
    if not can(user, Permission.EDIT, action.version.plan.government):
        raise PermissionDenied("Only the officers of this government may edit its plan.")
    if if_match_fails(request, Action.objects.get(pk=action.pk)):
        raise conflict(STALE)
    if action.version.status != PlanStatus.DRAFT:
        raise conflict(
            f"Version {action.version.number} of the plan is {action.version.status} and does "
            "not change; start a new version to revise it."
        )
    changes = body.model_dump(exclude_unset=True)
    if "status" in changes and changes["status"] not in vocabulary("action_status"):
        known = ", ".join(vocabulary("action_status").keys())
        raise invalid(f"status: {changes['status']!r} is not an action status; use one of {known}")
    before = audit.snapshot(action, list(EDITABLE_FIELDS))
    for field, value in changes.items():
        setattr(action, field, value)
    try:
        action.full_clean()
    except ValidationError as exc:
        raise invalid(exc) from None
    with transaction.atomic():
        action.save(update_fields=list(changes))
        audit.record(
            user,
            "plan.action.edit",
            action,
            government=action.version.plan.government,
            before=before,
            after=audit.snapshot(action, list(EDITABLE_FIELDS)),
        )
    response["ETag"] = etag(Action.objects.get(pk=action.pk))
    return serialize.action_detail(_readable_action(request, action_id))
