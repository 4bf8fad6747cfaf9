from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from localgbf import __version__
from localgbf.web.governments.access import roles_of


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "localgbf_version": __version__,
        "user_roles": roles_of(getattr(request, "user", None)),
    }
