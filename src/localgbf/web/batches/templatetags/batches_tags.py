from __future__ import annotations

from typing import Any

from django import template

from localgbf.web.batches import services
from localgbf.web.governments.models import Government

register = template.Library()


@register.simple_tag(takes_context=True)
def country_batches(context: dict[str, Any], government: Government) -> dict[str, Any] | None:
    """The latest batches of a country for its page, when the visitor may see them."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if government.kind != "country" or not services.may_view(user, government):
        return None
    return {
        "runs": list(government.batch_runs.select_related("job").prefetch_related("items")[:3]),
        "can_launch": services.may_launch(user, government),
    }
