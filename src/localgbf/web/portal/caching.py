"""The public pages are the same for every visitor: their bodies are kept in Django's cache.

A cached body is used while nothing has changed: the key holds the newest entry of the audit
log, which every change that matters writes (see `governments.audit`). Changes written without
an audit entry (computations by the worker, the demo builder) show after at most
`LOCALGBF_PORTAL_CACHE_SECONDS` (300 by default; 0 turns the cache off). The page around the
body (header, sign-in, language form with its CSRF token) is rendered for each request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from localgbf.web.governments.models import AuditEntry

DEFAULT_SECONDS = 300


def cache_seconds() -> int:
    return int(getattr(settings, "LOCALGBF_PORTAL_CACHE_SECONDS", DEFAULT_SECONDS))


def change_stamp() -> int:
    """The id of the newest audit entry: it grows with every recorded change."""
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def cached(name: str, build: Callable[[], str], *parts: object) -> str:
    """The text `build()` returns, from the cache while the platform has not changed."""
    seconds = cache_seconds()
    if seconds <= 0:
        return build()
    key = ":".join(
        ["portal", name, get_language() or "en", str(change_stamp()), *(str(p) for p in parts)]
    )
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return str(found)
