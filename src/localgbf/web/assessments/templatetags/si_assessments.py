"""Template helpers of the assessment pages: the engine's labels, values with units, changes."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import get_language

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.index.assessment import unit_symbol
from localgbf.index.labels import label, scored_count
from localgbf.index.scorecard import build_scorecard
from localgbf.reporting.scorecard import format_value
from localgbf.web.governments.access import Action, can

register = template.Library()


def _lang() -> str:
    return get_language() or "en"


@register.filter
def si_label(key: Any, group: str) -> str:
    """`{{ row.scored_by|si_label:"scored_by" }}`: the engine's label in the page's language."""
    if key in (None, ""):
        return ""
    return label(group, str(key), _lang())


@register.filter
def si_number(value: Any) -> str:
    return "—" if value is None else format_value(float(value))


WORD = re.compile(r"[A-Za-z]{3,}")


def _unit_text(unit: str, number: str) -> str:
    """'46.2 %' everywhere; a unit written as an English word is named in the page's language.

    `unit` is a unit id or, on score-card rows, its symbol.

    Symbols such as % and ha read the same in every language; 'species' or 'agencies' do not,
    so on a page in another language the unit's translated name from the framework data is
    shown instead ('6（机构数）').
    """
    symbol = unit_symbol(unit) or ""
    lang = _lang()
    units = load_singapore_index().units
    known = units.get(unit) or next((u for u in units.values() if u.symbol == unit), None)
    if lang == "en" or known is None or not WORD.search(symbol):
        return f"{number} {symbol}".strip()
    name = known.name.get(lang)
    if "/" in name:
        return f"{number} {name}"
    return f"{number}（{name}）" if lang.startswith("zh") else f"{number} ({name})"


@register.filter
def si_value(value: Any, unit: Any = None) -> str:
    """A value with its unit ('46.2 %'), a dash when there is none."""
    if value is None:
        return "—"
    number = format_value(float(value))
    return _unit_text(str(unit), number) if unit else number


@register.filter
def signed(value: Any) -> str:
    if value is None:
        return ""
    number = int(value)
    return f"+{number}" if number > 0 else ("±0" if number == 0 else f"−{abs(number)}")


@register.filter
def minus(value: Any, other: Any) -> int | None:
    if value is None or other is None:
        return None
    return int(value) - int(other)


@register.filter
def scored_label(obj: Any) -> str:
    """'18 of 28 scored' for a score card, a section or a totals object."""
    return scored_count(obj.scored, obj.count, _lang())


@register.filter
def short_sha(value: Any) -> str:
    return str(value or "")[:12]


@register.simple_tag(takes_context=True)
def government_assessments(context: Any, government: Any) -> dict[str, Any]:
    """The assessments of `government` the current user may see, with their totals."""
    from localgbf.web.assessments.models import Assessment, AssessmentStatus

    user = context["request"].user
    rows = Assessment.objects.filter(government=government).select_related("government")
    if not can(user, Action.VIEW_PRIVATE, government):
        rows = rows.filter(status=AssessmentStatus.COMPLETED)
    return {
        "cards": [(row, build_scorecard(row.pure())) for row in rows[:5]],
        "can_edit": can(user, Action.EDIT, government),
        "count": rows.count(),
    }
