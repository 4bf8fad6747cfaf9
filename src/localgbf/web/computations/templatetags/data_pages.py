"""Template helpers of the data, computation and species pages."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import template

from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government

register = template.Library()


@register.simple_tag(takes_context=True)
def data_summary(context: dict[str, Any], government: Government) -> dict[str, Any]:
    """What the government page's "Data and computations" and "Species" sections show."""
    user = context["request"].user
    if not can(user, Action.VIEW_PRIVATE, government):
        return {"shown": False}
    summary = getattr(government, "species_summary", None)
    species = summary.data.get("species", []) if summary is not None else []
    return {
        "shown": True,
        "can_edit": can(user, Action.EDIT, government),
        "datasets": government.datasets.count(),
        "computation": government.computations.select_related("job").first(),
        "computations": government.computations.count(),
        "native": sum(1 for s in species if s["status"] == "native"),
        "invasive": sum(1 for s in species if s["status"] == "invasive"),
        "occurrence_sets": len(summary.data.get("datasets", [])) if summary else 0,
        "checklists": len(summary.data.get("checklists", [])) if summary else 0,
        "fetch": government.species_fetches.exclude(citation="").first(),
    }


@register.filter
def number(value: Any, digits: int = 2) -> str:
    """A value as the results show it: up to `digits` decimals, thousands separated."""
    if value is None or value == "":
        return "—"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if x.is_integer():
        return f"{int(x):,}"
    return f"{x:,.{int(digits)}f}"


@cache
def _units() -> dict[str, Any]:
    from localgbf.frameworks.singapore_index import load_singapore_index

    out: dict[str, Any] = {}
    for unit in load_singapore_index().units.values():
        shown = unit.symbol if unit.symbol == "%" else unit.name
        for alias in (unit.id, *unit.aliases):
            out.setdefault(alias, shown)
    return out


@register.filter
def unit_label(value: str) -> Any:
    """A computed value's unit as people read it ('%', or the unit's name in both languages)."""
    return _units().get(value, value)


@register.filter
def short_sha(value: str) -> str:
    return (value or "")[:12]
