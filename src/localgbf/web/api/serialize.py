"""Records as the API shows them (see `schemas.py`), read in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse

from localgbf.frameworks.text import UN_LANGUAGES
from localgbf.index.scorecard import ScoreCard
from localgbf.index.totals import totals
from localgbf.web.assessments.models import Assessment
from localgbf.web.commitments.models import CommitmentVersion, ProgressReport
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, AlignmentLink, LocalTarget, PlanVersion
from localgbf.web.portal.licences import open_data_rules
from localgbf.web.portal.models import PublicProfile


def text(value: Any) -> dict[str, str]:
    """A translated field without its markers: language code → non-empty text."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if k in UN_LANGUAGES and isinstance(v, str) and v}


def number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


# --- governments ------------------------------------------------------------------------------


def governments(rows: Sequence[Government]) -> list[dict[str, Any]]:
    ids = [g.pk for g in rows]
    profiles = {p.government_id: p for p in PublicProfile.objects.filter(government_id__in=ids)}
    codes = dict(
        Government.objects.filter(
            pk__in={g.parent_id for g in rows} | {g.country_id for g in rows}
        ).values_list("pk", "code")
    )
    out = []
    for g in rows:
        profile = profiles.get(g.pk)
        seat = None
        if profile and profile.seat_latitude is not None and profile.seat_longitude is not None:
            seat = {
                "latitude": float(profile.seat_latitude),
                "longitude": float(profile.seat_longitude),
            }
        out.append(
            {
                "code": g.code,
                "kind": g.kind,
                "name": text(g.name),
                "parent": codes.get(g.parent_id) if g.parent_id else None,
                "country": codes.get(g.country_id) if g.country_id else None,
                "iso_3166": g.iso_3166,
                "population": g.population,
                "population_year": g.population_year,
                "area_km2": number(g.area_km2),
                "website": g.website,
                "seat": seat,
                "has_boundary": bool(g.boundary),
                "is_demo": g.is_demo,
                "portal_url": reverse("portal-government", args=[g.code]),
            }
        )
    return out


def government_detail(g: Government) -> dict[str, Any]:
    profile = PublicProfile.objects.filter(government=g).first()
    return governments([g])[0] | {
        "introduction": text(profile.introduction if profile else None),
        "data_licence": profile.licence_key if profile else open_data_rules().default,
        "boundary": g.boundary or None,
        "children": list(g.children.order_by("code").values_list("code", flat=True)),
    }


# --- plans ------------------------------------------------------------------------------------


def plan_rows(rows: QuerySet[PlanVersion]) -> QuerySet[PlanVersion]:
    return rows.select_related("plan__government", "national_framework").annotate(
        n_goals=Count("goals", distinct=True),
        n_targets=Count("targets", distinct=True),
        n_actions=Count("actions", distinct=True),
    )


def plans(rows: Sequence[PlanVersion]) -> list[dict[str, Any]]:
    return [
        {
            "id": v.pk,
            "government": v.plan.government.code,
            "kind": v.plan.kind,
            "number": v.number,
            "status": v.status,
            "title": text(v.title),
            "vision": text(v.vision),
            "period_start": v.period_start,
            "period_end": v.period_end,
            "adopted_on": v.adopted_on,
            "adopting_body": text(v.adopting_body),
            "national_framework": (
                f"{v.national_framework.slug} {v.national_framework.version}"
                if v.national_framework
                else None
            ),
            "goals": getattr(v, "n_goals", 0),
            "targets": getattr(v, "n_targets", 0),
            "actions": getattr(v, "n_actions", 0),
        }
        for v in rows
    ]


def plan_detail(v: PlanVersion) -> dict[str, Any]:
    return plans([v])[0] | {
        "goal_list": [
            {"code": g.code, "title": text(g.title), "description": text(g.description)}
            for g in v.goals.all()
        ]
    }


def _links_of(field: str, keys: list[int]) -> dict[int, list[AlignmentLink]]:
    """The alignment links of the targets or actions `keys` (`field`: "target_id" or
    "action_id"), in one query. A `Prefetch` with this queryset would clone it for every row,
    which took two thirds of an API list page's time (benchmarks/portal.py)."""
    found: dict[int, list[AlignmentLink]] = {key: [] for key in keys}
    links = AlignmentLink.objects.filter(**{f"{field}__in": keys})
    for link in links.select_related("element__framework").order_by("pk"):
        found[getattr(link, field)].append(link)
    return found


def _link(link: AlignmentLink) -> dict[str, Any]:
    element = link.element
    return {
        "framework": element.framework.slug,
        "framework_version": element.framework.version,
        "kind": element.kind,
        "code": element.code,
        "degree": link.degree,
    }


def target_rows(rows: QuerySet[LocalTarget]) -> QuerySet[LocalTarget]:
    return rows.select_related("goal", "version__plan__government")


def targets(rows: Sequence[LocalTarget]) -> list[dict[str, Any]]:
    links = _links_of("target_id", [t.pk for t in rows])
    return [
        {
            "id": t.pk,
            "plan": t.version_id,
            "government": t.version.plan.government.code,
            "goal": t.goal.code,
            "code": t.code,
            "title": text(t.title),
            "description": text(t.description),
            "indicator": text(t.indicator),
            "unit": t.unit,
            "baseline_value": number(t.baseline_value),
            "baseline_year": t.baseline_year,
            "target_value": number(t.target_value),
            "deadline": t.deadline,
            "local_only": t.local_only,
            "links": [_link(link) for link in links[t.pk]],
        }
        for t in rows
    ]


def action_rows(rows: QuerySet[Action]) -> QuerySet[Action]:
    return rows.select_related("target", "version__plan__government")


def actions(rows: Sequence[Action]) -> list[dict[str, Any]]:
    links = _links_of("action_id", [a.pk for a in rows])
    out = []
    for a in rows:
        location = None
        if a.latitude is not None or text(a.location_name):
            location = {
                "name": text(a.location_name),
                "latitude": number(a.latitude),
                "longitude": number(a.longitude),
            }
        out.append(
            {
                "id": a.pk,
                "plan": a.version_id,
                "government": a.version.plan.government.code,
                "target": a.target.code,
                "code": a.code,
                "title": text(a.title),
                "description": text(a.description),
                "responsible": text(a.responsible),
                "partners": text(a.partners),
                "start": a.start,
                "end": a.end,
                "status": a.status,
                "sectors": list(a.sectors or []),
                "location": location,
                "local_only": a.local_only,
                "links": [_link(link) for link in links[a.pk]],
            }
        )
    return out


def action_detail(a: Action) -> dict[str, Any]:
    return actions([a])[0] | {
        "budget": [
            {
                "year": line.year,
                "amount": float(line.amount),
                "currency": line.currency,
                "source": line.source,
                "status": line.status,
            }
            for line in a.budget_lines.all()
        ]
    }


# --- commitments and progress -----------------------------------------------------------------


def commitment_version(v: CommitmentVersion | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "number": v.number,
        "state": v.state,
        "title": text(v.title),
        "description": text(v.description),
        "timeline_start": v.timeline_start,
        "timeline_end": v.timeline_end,
        "is_open_ended": v.is_open_ended,
        "primary_kmgbf": v.primary_global.code if v.primary_global else None,
        "other_kmgbf": [e.code for e in v.other_global.all()],
        "primary_national": v.primary_national.code if v.primary_national else None,
        "other_national": [e.code for e in v.other_national.all()],
        "funding_sources": list(v.funding_sources or []),
        "progress_tracking_url": v.progress_tracking_url,
        "kpis": [
            {
                "code": k.code,
                "title": text(k.title),
                "unit": k.unit,
                "baseline_value": number(k.baseline_value),
                "baseline_year": k.baseline_year,
                "target_value": float(k.target_value),
                "deadline": k.deadline,
            }
            for k in v.kpis.all()
        ],
    }


def progress(rows: Sequence[ProgressReport]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.pk,
            "commitment": r.commitment_id,
            "reference": r.commitment.reference,
            "government": r.commitment.government.code,
            "version": r.version.number,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "state": r.state,
            "level": r.level,
            "narrative": text(r.narrative),
            "values": [
                {"kpi": v.kpi.code, "value": float(v.value), "unit": v.unit, "note": v.note}
                for v in r.values.all()
            ],
        }
        for r in rows
    ]


def progress_rows(rows: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return rows.select_related("commitment__government", "version").prefetch_related("values__kpi")


# --- assessments ------------------------------------------------------------------------------


def assessments(rows: Sequence[Assessment]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        sums = totals(row.pure())
        out.append(
            {
                "id": row.pk,
                "government": row.government.code,
                "edition": row.edition,
                "reference_year": row.reference_year,
                "status": row.status,
                "version": row.version,
                "points": sums.points,
                "max_points": sums.max_points,
                "scored": sums.scored,
                "indicators": sums.count,
                "updated_at": row.updated_at,
            }
        )
    return out


def assessment_detail(row: Assessment, card: ScoreCard) -> dict[str, Any]:
    return assessments([row])[0] | {
        "baseline_year": card.baseline_year,
        "baseline_points": card.baseline_points,
        "change_on_common": card.change_on_common,
        "components": [
            {
                "component": s.component,
                "name": dict(s.name.values),
                "points": s.points,
                "max_points": s.max_points,
                "scored": s.scored,
                "indicators": s.count,
                "baseline_points": s.baseline_points,
            }
            for s in card.sections
        ],
        "scores": [
            {
                "indicator": r.indicator,
                "component": r.component,
                "name": dict(r.name.values),
                "value": r.value,
                "unit": r.unit,
                "score": r.score,
                "max_score": r.max_score,
                "band": r.band,
                "scored_by": r.scored_by,
                "status": r.status,
                "method": r.method,
                "baseline_value": r.baseline_value,
                "baseline_score": r.baseline_score,
                "score_change": r.score_change,
            }
            for r in card.rows
        ],
    }
