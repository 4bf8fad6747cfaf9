from __future__ import annotations

from typing import Any

from django import template

from localgbf.web.governments.access import Action, can
from localgbf.web.participation import services

register = template.Library()


@register.simple_tag(takes_context=True)
def participation_summary(context: Any, government: Any) -> dict[str, Any]:
    """What the government page shows of participation: CEPA activities, organisations."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "activities": services.recent_activities(government),
        "count": government.cepa_activities.count(),
        "organisations": services.organisations_of(government),
        "can_edit": can(user, Action.EDIT, government),
    }
