"""The open data of a government, or of a country and everything under it, as plain tables.

Only what is public goes in (see `visibility.py`): adopted plans, accepted commitments and
progress, completed Singapore Index assessments. Personal data never does: no user, author,
reviewer or contact person is named, and internal notes stay out. Species appear by name and
count only: no coordinates of any record, so those of sensitive species cannot leak either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from localgbf.web.assessments.services import scorecard_for
from localgbf.web.commitments.models import Kpi, ProgressValue
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.models import Action, AlignmentLink, BudgetLine, Goal, LocalTarget
from localgbf.web.portal.licences import open_data_rules
from localgbf.web.portal.mapping import latest_layers
from localgbf.web.portal.models import PublicProfile
from localgbf.web.portal.packaging import Column, LicenceInfo, Package, Table
from localgbf.web.portal.visibility import (
    commitments_in_force,
    plans_in_force,
    public_assessments,
    public_reports,
)

LANGS = ("en", "zh-hans")


def _t(value: dict[str, Any] | None) -> list[str]:
    value = value or {}
    return [str(value.get(lang) or "") for lang in LANGS]


def _tcols(name: str, description: str = "") -> list[Column]:
    return [
        Column(f"{name}_en", description=f"{description} (English)".strip()),
        Column(f"{name}_zh_hans", description=f"{description} (Chinese)".strip()),
    ]


def scope_of(government: Government) -> list[Government]:
    """The governments a download covers: a country's covers everything under it."""
    if government.kind == GovernmentKind.COUNTRY:
        inside = Q(pk=government.pk) | Q(path__startswith=f"{government.path}/")
        return list(Government.objects.filter(inside).select_related("parent").order_by("path"))
    return [government]


def _governments(governments: list[Government]) -> Table:
    profiles = {
        p.government_id: p for p in PublicProfile.objects.filter(government__in=governments)
    }
    codes = {g.pk: g.code for g in governments}
    rows = []
    for g in governments:
        profile = profiles.get(g.pk)
        rows.append(
            [
                g.code,
                g.kind,
                g.parent.code if g.parent else "",
                codes.get(g.country_id or 0, g.code if g.kind == GovernmentKind.COUNTRY else ""),
                *_t(g.name),
                g.iso_3166,
                g.population,
                g.population_year,
                g.area_km2,
                g.website,
                profile.seat_latitude if profile else None,
                profile.seat_longitude if profile else None,
                *_t(profile.introduction if profile else None),
            ]
        )
    columns = (
        Column("code", description="localgbf code (ISO 3166 or UN/LOCODE where there is one)"),
        Column("kind", description="country, region, city or local"),
        Column("parent_code"),
        Column("country_code"),
        *_tcols("name"),
        Column("iso_3166"),
        Column("population", "integer"),
        Column("population_year", "integer"),
        Column("area_km2", "number"),
        Column("website"),
        Column("seat_latitude", "number", "WGS 84"),
        Column("seat_longitude", "number", "WGS 84"),
        *_tcols("introduction"),
    )
    return Table("governments", "Governments", columns, rows)


def _plan_tables(ids: list[int]) -> list[Table]:
    versions = list(
        plans_in_force()
        .filter(plan__government_id__in=ids)
        .select_related("plan__government", "national_framework")
        .order_by("plan__government__path")
    )
    code_of = {v.pk: v.plan.government.code for v in versions}
    plans = Table(
        "plans",
        "Plans in force (adopted versions)",
        (
            Column("government_code"),
            Column("version", "integer"),
            Column("kind"),
            *_tcols("title"),
            Column("period_start", "integer"),
            Column("period_end", "integer"),
            Column("adopted_on", "date"),
            *_tcols("adopting_body"),
            *_tcols("vision"),
            Column("national_targets_version"),
        ),
        [
            [
                code_of[v.pk],
                v.number,
                v.plan.kind,
                *_t(v.title),
                v.period_start,
                v.period_end,
                v.adopted_on,
                *_t(v.adopting_body),
                *_t(v.vision),
                f"{v.national_framework.slug} {v.national_framework.version}"
                if v.national_framework
                else "",
            ]
            for v in versions
        ],
    )
    vids = list(code_of)
    goals = Table(
        "plan_goals",
        "Goals of the plans",
        (Column("government_code"), Column("code"), *_tcols("title")),
        [
            [code_of[vid], code, *_t(title)]
            for vid, code, title in Goal.objects.filter(version_id__in=vids)
            .order_by("version_id", "order", "pk")
            .values_list("version_id", "code", "title")
        ],
    )
    targets = Table(
        "plan_targets",
        "Local targets (SMART) of the plans",
        (
            Column("government_code"),
            Column("goal_code"),
            Column("code"),
            *_tcols("title"),
            *_tcols("indicator"),
            Column("unit"),
            Column("baseline_value", "number"),
            Column("baseline_year", "integer"),
            Column("target_value", "number"),
            Column("deadline", "date"),
            Column("local_only", "boolean"),
        ),
        [
            [code_of[r[0]], r[1], r[2], *_t(r[3]), *_t(r[4]), *r[5:]]
            for r in LocalTarget.objects.filter(version_id__in=vids)
            .order_by("version_id", "goal__order", "order", "pk")
            .values_list(
                "version_id",
                "goal__code",
                "code",
                "title",
                "indicator",
                "unit",
                "baseline_value",
                "baseline_year",
                "target_value",
                "deadline",
                "local_only",
            )
        ],
    )
    actions = Table(
        "plan_actions",
        "Actions of the plans",
        (
            Column("government_code"),
            Column("target_code"),
            Column("code"),
            *_tcols("title"),
            Column("status"),
            Column("sectors", description="semicolon-separated keys of the sectors vocabulary"),
            Column("start", "date"),
            Column("end", "date"),
            *_tcols("responsible"),
            Column("latitude", "number", "WGS 84"),
            Column("longitude", "number", "WGS 84"),
            Column("local_only", "boolean"),
        ),
        [
            [
                code_of[r[0]],
                r[1],
                r[2],
                *_t(r[3]),
                r[4],
                ";".join(r[5] or []),
                r[6],
                r[7],
                *_t(r[8]),
                r[9],
                r[10],
                r[11],
            ]
            for r in Action.objects.filter(version_id__in=vids)
            .order_by("version_id", "target__order", "order", "pk")
            .values_list(
                "version_id",
                "target__code",
                "code",
                "title",
                "status",
                "sectors",
                "start",
                "end",
                "responsible",
                "latitude",
                "longitude",
                "local_only",
            )
        ],
    )
    link_rows = (
        AlignmentLink.objects.filter(version_id__in=vids)
        .order_by("version_id", "pk")
        .values_list(
            "version_id",
            "target__code",
            "action__code",
            "element__framework__slug",
            "element__framework__version",
            "element__kind",
            "element__code",
            "degree",
        )
    )
    links = Table(
        "alignment_links",
        "Links of local targets and actions to national targets, KMGBF targets and action areas",
        (
            Column("government_code"),
            Column("item", description="target or action"),
            Column("item_code"),
            Column("framework"),
            Column("framework_version"),
            Column("element_kind"),
            Column("element_code"),
            Column("degree", description="high, medium or low (blank for action areas)"),
        ),
        [
            [code_of[vid], "target" if target else "action", target or action, *rest]
            for vid, target, action, *rest in link_rows
        ],
    )
    budget = Table(
        "budget_lines",
        "Budget lines of the actions",
        (
            Column("government_code"),
            Column("action_code"),
            Column("year", "integer"),
            Column("amount", "number"),
            Column("currency", description="ISO 4217"),
            Column("funding_source"),
            Column("status", description="key of the budget status vocabulary"),
        ),
        [
            [code_of[r[0]], *r[1:]]
            for r in BudgetLine.objects.filter(action__version_id__in=vids)
            .order_by("action__version_id", "action__code", "year", "pk")
            .values_list(
                "action__version_id",
                "action__code",
                "year",
                "amount",
                "currency",
                "source",
                "status",
            )
        ],
    )
    return [plans, goals, targets, actions, links, budget]


def _commitment_tables(ids: list[int]) -> list[Table]:
    versions = list(
        commitments_in_force()
        .filter(commitment__government_id__in=ids)
        .select_related("commitment__government", "primary_global", "primary_national")
        .prefetch_related("other_global", "other_national")
        .order_by("commitment__government__path", "commitment__number")
    )

    def codes(elements: Iterable[Any]) -> str:
        return ";".join(e.code for e in elements)

    commitments = Table(
        "commitments",
        "Commitments in force (accepted versions)",
        (
            Column("government_code"),
            Column("reference"),
            Column("version", "integer"),
            *_tcols("title"),
            *_tcols("description"),
            Column("start", "date"),
            Column("end", "date"),
            Column("open_ended", "boolean"),
            Column("primary_kmgbf"),
            Column("other_kmgbf", description="semicolon-separated"),
            Column("primary_national_target"),
            Column("other_national_targets", description="semicolon-separated"),
            Column("funding_sources", description="semicolon-separated"),
            *_tcols("partners"),
            Column("progress_tracking_url"),
            Column("accepted_at"),
        ),
        [
            [
                v.commitment.government.code,
                v.commitment.reference,
                v.number,
                *_t(v.title),
                *_t(v.description),
                v.timeline_start,
                v.timeline_end,
                v.is_open_ended,
                v.primary_global.code if v.primary_global else "",
                codes(v.other_global.all()),
                v.primary_national.code if v.primary_national else "",
                codes(v.other_national.all()),
                ";".join(v.funding_sources or []),
                *_t(v.partners),
                v.progress_tracking_url,
                v.decided_at,
            ]
            for v in versions
        ],
    )
    reference = {v.pk: v.commitment.reference for v in versions}
    kpis = Table(
        "kpis",
        "Key performance indicators of the commitments",
        (
            Column("commitment"),
            Column("code"),
            *_tcols("title"),
            Column("unit"),
            Column("baseline_value", "number"),
            Column("baseline_year", "integer"),
            Column("target_value", "number"),
            Column("deadline", "date"),
        ),
        [
            [reference[r[0]], r[1], *_t(r[2]), *r[3:]]
            for r in Kpi.objects.filter(version_id__in=reference)
            .order_by("version_id", "order", "pk")
            .values_list(
                "version_id",
                "code",
                "title",
                "unit",
                "baseline_value",
                "baseline_year",
                "target_value",
                "deadline",
            )
        ],
    )
    commitment_ref = {v.commitment_id: v.commitment.reference for v in versions}
    reports = list(
        public_reports()
        .filter(commitment_id__in=commitment_ref)
        .order_by("commitment_id", "period_start", "pk")
        .values_list("pk", "commitment_id", "period_start", "period_end", "level", "narrative")
    )
    report_table = Table(
        "progress_reports",
        "Accepted progress reports",
        (
            Column("commitment"),
            Column("period_start", "date"),
            Column("period_end", "date"),
            Column("level", description="level of progress on the NR7 scale"),
            *_tcols("narrative"),
        ),
        [
            [commitment_ref[c], start, end, level, *_t(text)]
            for _pk, c, start, end, level, text in reports
        ],
    )
    periods = {pk: (commitment_ref[c], start, end) for pk, c, start, end, _l, _n in reports}
    values = Table(
        "progress_values",
        "KPI values of the accepted progress reports",
        (
            Column("commitment"),
            Column("period_start", "date"),
            Column("period_end", "date"),
            Column("kpi_code"),
            Column("value", "number"),
            Column("unit"),
            Column("note"),
        ),
        [
            [*periods[report], kpi, value, unit, note]
            for report, kpi, value, unit, note in ProgressValue.objects.filter(
                report_id__in=periods
            )
            .order_by("report_id", "kpi__order", "kpi_id")
            .values_list("report_id", "kpi__code", "value", "unit", "note")
        ],
    )
    return [commitments, kpis, report_table, values]


def _index_tables(ids: list[int], language: str) -> list[Table]:
    rows = (
        public_assessments()
        .filter(government_id__in=ids)
        .select_related("government")
        .order_by("government__path", "edition", "reference_year")
    )
    totals_rows = []
    score_rows = []
    for row in rows:
        card, _baseline = scorecard_for(row)
        code = row.government.code
        totals_rows.append(
            [
                code,
                card.edition,
                card.reference_year,
                card.points,
                card.max_points,
                card.scored,
                card.count,
                card.baseline_year,
                card.baseline_points,
            ]
        )
        for r in card.rows:
            score_rows.append(
                [
                    code,
                    card.edition,
                    card.reference_year,
                    r.indicator,
                    r.component,
                    r.name.get("en"),
                    r.name.get("zh-hans"),
                    r.value,
                    r.unit,
                    r.score,
                    r.max_score,
                    r.band,
                    r.scored_by,
                    r.method,
                    r.baseline_score,
                    r.score_change,
                ]
            )
    totals = Table(
        "index_totals",
        "Singapore Index on Cities' Biodiversity: totals of completed assessments",
        (
            Column("government_code"),
            Column("edition"),
            Column("reference_year", "integer"),
            Column("points", "integer"),
            Column("max_points", "integer"),
            Column("scored", "integer", "indicators scored"),
            Column("indicators", "integer"),
            Column("baseline_year", "integer"),
            Column("baseline_points", "integer"),
        ),
        totals_rows,
    )
    scores = Table(
        "index_scores",
        "Singapore Index on Cities' Biodiversity: indicator values and scores",
        (
            Column("government_code"),
            Column("edition"),
            Column("reference_year", "integer"),
            Column("indicator", "integer"),
            Column("component"),
            Column("name_en"),
            Column("name_zh_hans"),
            Column("value", "number"),
            Column("unit"),
            Column("score", "integer"),
            Column("max_score", "integer"),
            Column("band"),
            Column("scored_by", description="bands or assessor"),
            Column("method", description="method id and version of a computed value"),
            Column("baseline_score", "integer"),
            Column("score_change", "integer"),
        ),
        score_rows,
    )
    return [totals, scores]


def _species_table(ids: list[int]) -> Table:
    from localgbf.web.species.models import SpeciesSummary

    rows = []
    for code, data in (
        SpeciesSummary.objects.filter(government_id__in=ids)
        .order_by("government__path")
        .values_list("government__code", "data")
    ):
        for item in (data or {}).get("species") or []:
            rows.append(
                [
                    code,
                    item.get("species"),
                    item.get("group"),
                    item.get("status"),
                    item.get("records"),
                ]
            )
    return Table(
        "species",
        "Species recorded (names and record counts only, never locations)",
        (
            Column("government_code"),
            Column("species"),
            Column("group"),
            Column("status", description="native, invasive, introduced or uncertain"),
            Column("records", "integer"),
        ),
        rows,
    )


def _features(governments: list[Government], language: str) -> list[dict[str, Any]]:
    profiles = {
        p.government_id: p for p in PublicProfile.objects.filter(government__in=governments)
    }
    features: list[dict[str, Any]] = []
    for g in governments:
        props = {
            "layer": "government",
            "code": g.code,
            "kind": g.kind,
            "name_en": g.display_name("en"),
            "name_zh_hans": g.display_name("zh-hans"),
        }
        profile = profiles.get(g.pk)
        if g.boundary:
            features.append({"geometry": g.boundary, "properties": props})
        elif profile and profile.seat_latitude is not None and profile.seat_longitude is not None:
            point = [float(profile.seat_longitude), float(profile.seat_latitude)]
            features.append(
                {
                    "geometry": {"type": "Point", "coordinates": point},
                    "properties": props | {"layer": "seat"},
                }
            )
        for layer in latest_layers(g):
            features.append(
                {
                    "geometry": layer.geometry,
                    "properties": {"layer": layer.kind, "code": g.code, "features": layer.features},
                }
            )
    actions = (
        Action.objects.filter(
            version__in=plans_in_force().filter(plan__government__in=governments),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("version__plan__government__path", "code")
        .values_list(
            "version__plan__government__code", "code", "title", "status", "latitude", "longitude"
        )
    )
    for code, action, title, status, lat, lon in actions:
        en, zh = _t(title)
        features.append(
            {
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {
                    "layer": "action",
                    "code": code,
                    "action": action,
                    "title_en": en,
                    "title_zh_hans": zh,
                    "status": status,
                },
            }
        )
    return features


TABLE_BUILDERS: tuple[Callable[[list[int], str], list[Table]], ...] = (
    lambda ids, _lang: _plan_tables(ids),
    lambda ids, _lang: _commitment_tables(ids),
    _index_tables,
    lambda ids, _lang: [_species_table(ids)],
)


def open_data(
    government: Government,
    *,
    language: str,
    absolute_url: Callable[[str], str],
    now: datetime | None = None,
) -> Package:
    """The download of `government` (with everything under it for a country)."""
    rules = open_data_rules()
    now = now or timezone.now()
    governments = scope_of(government)
    ids = [g.pk for g in governments]
    profile = PublicProfile.objects.filter(government=government).first()
    licence = rules.licence(profile.licence_key if profile else None)
    scope = "country" if government.kind == GovernmentKind.COUNTRY else "government"
    name = government.display_name(language)
    title = rules.title(scope, name, language)
    url = absolute_url(reverse("portal-open-data", args=[government.code]))
    tables = [_governments(governments)]
    for build in TABLE_BUILDERS:
        tables += build(ids, language)
    return Package(
        name=f"localgbf-{government.code.lower()}",
        title=title,
        publisher=name,
        licence=LicenceInfo(
            licence.key, licence.name.get(language), licence.url, licence.terms.get(language)
        ),
        citation=rules.cite(publisher=name, title=title, url=url, on=now.date(), language=language),
        url=url,
        created=now,
        tables=tuple(tables),
        features=tuple(_features(governments, language)),
        notes=(
            "Only public records are included: adopted plans, accepted commitments and "
            "progress reports, completed Singapore Index assessments. No personal data; "
            "species by name and count only, never with coordinates.",
        ),
    )
