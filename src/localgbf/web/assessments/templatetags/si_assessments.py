"""Template helpers of the assessment pages: the engine's labels, values with units, changes."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

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


@register.filter
def si_value(value: Any, unit: Any = None) -> str:
    """A value with its unit ('46.2 %'), a dash when there is none."""
    if value is None:
        return "—"
    shown = unit_symbol(unit) if unit else ""
    return f"{format_value(float(value))} {shown or ''}".strip()


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
