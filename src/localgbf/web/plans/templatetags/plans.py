"""Template helpers of the plans app: vocabulary labels, money, and the government section."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import GovernmentKind
from localgbf.web.plans.access import may_read
from localgbf.web.plans.models import Plan, PlanStatus

register = template.Library()


@register.filter
def term(key: Any, vocab: str) -> str:
    """`{{ action.status|term:"action_status" }}`: a vocabulary key's label, page language."""
    if key in (None, ""):
        return ""
    try:
        return vocabulary(vocab).label(str(key), get_language() or "en")
    except UnknownTerm:
        return str(key)


@register.filter
def terms(keys: Any, vocab: str) -> list[str]:
    return [term(k, vocab) for k in keys or []]


@register.filter
def degree(key: Any) -> str:
    if not key:
        return ""
    try:
        return scale("alignment").level(str(key)).label.get(get_language() or "en")
    except KeyError:
        return str(key)


@register.filter
def money(value: Any) -> str:
    """An amount with thousands grouped; cents only when there are any."""
    if value in (None, ""):
        return "—"
    number = Decimal(value)
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"


@register.filter
def minus(value: Any, other: Any) -> Decimal:
    return Decimal(value or 0) - Decimal(other or 0)


@register.filter
def percent_of(part: Any, whole: Any) -> str:
    try:
        whole_d = Decimal(whole)
        return f"{(Decimal(part) / whole_d * 100):.1f}" if whole_d else "0"
    except (TypeError, ValueError, ArithmeticError):
        return "0"


@register.simple_tag(takes_context=True)
def plan_summary(context: Any, government: Any) -> dict[str, Any]:
    """What the government page's Plan section shows (no change to governments/views.py)."""
    user = context["request"].user
    plan = Plan.objects.filter(government=government).first()
    versions = [v for v in plan.versions.order_by("-number") if may_read(user, v)] if plan else []
    adopted = next((v for v in versions if v.status == PlanStatus.ADOPTED), None)
    draft = next((v for v in versions if v.status == PlanStatus.DRAFT), None)
    shown = adopted or draft
    return {
        "plan": plan,
        "shown": shown,
        "draft": draft if adopted else None,
        "goals": shown.goals.count() if shown else 0,
        "targets": shown.targets.count() if shown else 0,
        "actions": shown.actions.count() if shown else 0,
        "can_start": plan is None
        and government.kind != GovernmentKind.COUNTRY
        and can(user, Action.EDIT, government),
        "is_country": government.kind == GovernmentKind.COUNTRY,
        "may_see_coverage": government.kind == GovernmentKind.COUNTRY
        and can(user, Action.VIEW_PRIVATE, government),
    }
