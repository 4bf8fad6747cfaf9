"""Template helpers of the portal: vocabulary labels, numbers, and the map's SVG."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary

register = template.Library()


@register.filter
def vocab(key: Any, name: str) -> str:
    """`{{ action.status|vocab:"action_status" }}`: the term's label in the page's language."""
    if key in (None, ""):
        return ""
    try:
        return vocabulary(name).label(str(key), get_language() or "en")
    except UnknownTerm:
        return str(key)


@register.filter
def vocab_list(keys: Any, name: str) -> list[str]:
    return [vocab(key, name) for key in keys or []]


@register.filter
def number(value: Any) -> str:
    """A decimal without trailing zeros, thousands grouped: 1,250.5 rather than 1250.5000."""
    if value in (None, ""):
        return "—"
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{d:,.0f}"
    return f"{d.normalize():,f}"


@register.filter
def percent(part: Any, whole: Any) -> int:
    try:
        return round(100 * float(part) / float(whole)) if whole else 0
    except (TypeError, ValueError):
        return 0
