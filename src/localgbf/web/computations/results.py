"""A stored assessment result arranged for the results page (no computing here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.frameworks.text import Text
from localgbf.species.reference import taxon_groups
from localgbf.web.computations.models import Computation

# The figures of a value's details that a person checks it with, in the order shown.
FIGURES: dict[str, Promise] = {
    "numerator_area_ha": _("Area counted (ha)"),
    "denominator_area_ha": _("Area compared with (ha)"),
    "natural_area_ha": _("Natural area (ha)"),
    "effective_mesh_size_ha": _("Effective mesh size (ha)"),
    "patches": _("Natural patches"),
    "groups": _("Groups of patches"),
    "gap_m": _("Gap bridged (m)"),
    "park_area_ha": _("Park area (ha)"),
    "population": _("Population"),
    "people_within_distance": _("People within the distance"),
    "distance_m": _("Distance (m)"),
    "native_bird_species": _("Native bird species in the city"),
    "native_bird_species_in_builtup": _("of which recorded in built-up areas"),
    "native_species": _("Native species in the survey period"),
    "previous_native_species": _("Native species in the previous period"),
    "added_count": _("Species added"),
    "lost_count": _("Species not recorded again"),
    "groups_with_data": _("Groups with data"),
}
# Species lists of the details (each item a name or a mapping with "species").
LISTS: dict[str, Promise] = {
    "in_builtup": _("Recorded in built-up areas"),
    "not_in_builtup": _("Not recorded in built-up areas"),
    "added": _("Added since the previous period"),
    "lost": _("Not recorded again"),
    "species": _("Species"),
}
NOTES = ("rule", "area_method", "cell_rule", "population_rule", "distance_rule", "aggregate")


@dataclass
class Details:
    figures: list[tuple[Promise, Any]]
    lists: list[tuple[Promise, list[str]]]
    notes: list[str]
    groups: list[tuple[Any, dict[str, Any]]]
    period: list[int] | None = None

    def __bool__(self) -> bool:
        return bool(self.figures or self.lists or self.notes or self.groups)


def _names(items: list[Any]) -> list[str]:
    return [str(i["species"]) if isinstance(i, dict) else str(i) for i in items]


def details_view(details: dict[str, Any]) -> Details:
    groups = details.get("groups")
    labels: dict[str, Any] = {g.id: g.label for g in taxon_groups().groups}
    return Details(
        figures=[(label, details[k]) for k, label in FIGURES.items()
                 if isinstance(details.get(k), int | float) and not isinstance(details[k], bool)],
        lists=[(label, _names(details[k])) for k, label in LISTS.items()
               if isinstance(details.get(k), list)],
        notes=[str(details[k]) for k in NOTES if isinstance(details.get(k), str)],
        groups=[(labels.get(k, k), v) for k, v in sorted(groups.items())]
        if isinstance(groups, dict) else [],
        period=details.get("period") if isinstance(details.get("period"), list) else None,
    )  # fmt: skip


@dataclass
class IndicatorRow:
    number: int
    name: Text | None
    value: float | None
    unit: str
    method_id: str
    method_version: str
    warnings: list[str]
    zones: dict[str, float | None]
    details: dict[str, Any]
    score: dict[str, Any] | None = None
    inputs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def shown_details(self) -> Details:
        return details_view(self.details)


@dataclass
class ResultView:
    indicators: list[IndicatorRow]
    common_warnings: list[str]
    skipped: list[tuple[int, Text | None, str]]
    inputs: list[dict[str, Any]]
    zone_names: list[str]
    warnings: list[str]
    method_versions: dict[str, str]
    localgbf_version: str

    def zone_table(self) -> list[tuple[str, list[float | None]]]:
        """One row per sub-unit, one value per indicator that has sub-unit values."""
        columns = [row for row in self.indicators if row.zones]
        return [(name, [row.zones.get(name) for row in columns]) for name in self.zone_names]

    @property
    def zone_columns(self) -> list[IndicatorRow]:
        return [row for row in self.indicators if row.zones]


def _indicator_names(edition: str) -> dict[int, Text]:
    try:
        found = load_singapore_index().edition(edition)
    except KeyError:
        return {}
    return {i.number: i.name for i in found.indicators}


def result_view(computation: Computation) -> ResultView | None:
    result = computation.result
    if result is None:
        return None
    names = _indicator_names(result.get("edition", computation.edition))
    by_sha = {d.sha256: d for d in computation.government.datasets.all()}
    scores = {s["indicator"]: s for s in result.get("scores", [])}

    def described(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "dataset": by_sha.get(item["sha256"])}

    rows = [
        IndicatorRow(
            number=v["indicator"],
            name=names.get(v["indicator"]),
            value=v["value"],
            unit=v["unit"],
            method_id=v["method_id"],
            method_version=v["method_version"],
            warnings=list(v.get("warnings", [])),
            zones=dict(v.get("zones", {})),
            details=dict(v.get("details", {})),
            score=scores.get(v["indicator"]),
            inputs=[described(i) for i in v.get("inputs", [])],
        )
        for v in result.get("indicators", [])
    ]
    zone_names = list(dict.fromkeys(name for row in rows for name in row.zones))
    seen: dict[str, int] = {}
    for row in rows:
        for warning in row.warnings:
            seen[warning] = seen.get(warning, 0) + 1
    common = [w for w, n in seen.items() if n > 1]
    for row in rows:
        row.warnings = [w for w in row.warnings if w not in common]
    return ResultView(
        indicators=rows,
        common_warnings=common,
        skipped=[(int(k), names.get(int(k)), why) for k, why in result.get("skipped", {}).items()],
        inputs=[described(i) for i in result.get("inputs", [])],
        zone_names=zone_names,
        warnings=list(result.get("warnings", [])),
        method_versions=dict(result.get("method_versions", {})),
        localgbf_version=str(result.get("localgbf_version", "")),
    )
