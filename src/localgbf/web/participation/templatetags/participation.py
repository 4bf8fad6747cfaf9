from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.web.governments.access import Action, can
from localgbf.web.participation import services

register = template.Library()


@register.simple_tag(takes_context=True)
def participation_summary(context: Any, government: Any) -> dict[str, Any]:
    """What the government page shows of participation: CEPA activities, organisations."""
    request = context.get("request")
    user = getattr(request, "user", None)
    can_edit = can(user, Action.EDIT, government)
    return {
        "activities": services.recent_activities(government),
        "count": government.cepa_activities.count(),
        "organisations": services.organisations_of(government),
        "can_edit": can_edit,
        "unanswered_notes": government.support_notes.filter(answered_at__isnull=True).count()
        if can_edit
        else 0,
    }


@register.filter
def consultation_status(consultation: Any, day: Any) -> str:
    return str(consultation.status_on(day))


@register.filter
def questions_in(consultation: Any) -> list[str]:
    """The questions in the page's language, else in the other one."""
    language = get_language() or "en"
    other = "en" if language != "en" else "zh-hans"
    return consultation.question_list(language) or consultation.question_list(other)


@register.filter
def evidence_of(item: Any) -> tuple[Any, ...]:
    from localgbf.web.participation.consultations import evidence_refs

    return evidence_refs(item)


CHANGES = {
    "added": _("Added"),
    "removed": _("Removed"),
    "changed": _("Changed"),
    "unchanged": _("Unchanged"),
    "proposed": _("Proposal taken up"),
}


@register.filter
def change_label(change: str) -> str:
    return str(CHANGES.get(change, change))


@register.filter
def bilingual_in(value: Any, language: str) -> str:
    """A {"en", "zh-hans"} mapping of the reporting layer, in the page's language."""
    if not value:
        return ""
    return str(value.get(language) or value.get("en") or next(iter(value.values()), ""))


@register.filter
def figure_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def subject_comments(by_subject: dict[str, list[Any]], subject: Any) -> list[Any]:
    """Published comments on a target or an action of the public consultation page."""
    prefix = "t" if subject._meta.model_name == "localtarget" else "a"
    return by_subject.get(f"{prefix}{subject.pk}", [])


@register.simple_tag(takes_context=True)
def public_for_version(context: Any, version: Any) -> dict[str, Any]:
    """The public consultations on a plan version and the answers it gave to comments."""
    from localgbf.web.participation.public import answered_for_version

    request = context.get("request")
    user = getattr(request, "user", None)
    government = version.plan.government
    consultations = list(version.public_consultations.order_by("-opens_on"))
    today = timezone.localdate()
    running = any(c.status_on(today) != "closed" for c in consultations)
    return {
        "consultations": consultations,
        "answered": answered_for_version(version),
        "can_open": version.status == "draft"
        and not running
        and can(user, Action.EDIT, government),
    }


@register.simple_tag(takes_context=True)
def support_notes_for_version(context: Any, version: Any) -> list[Any]:
    """Notes about a plan version that the reader may see (its officers, the writers' staff)."""
    from localgbf.web.participation.support import notes_readable_by

    request = context.get("request")
    user = getattr(request, "user", None)
    return list(notes_readable_by(user, version.plan.government).filter(plan_version=version))


@register.filter
def organisation_offers(need: Any) -> list[Any]:
    """The active offers of advisory committees and networks answering a capacity need."""
    from localgbf.web.participation.support import offers_for_need

    return offers_for_need(need)
