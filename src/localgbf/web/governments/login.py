"""Sign-in with a limit on failed attempts, per user name and address.

After `LOCALGBF_LOGIN_ATTEMPTS` failures for one user name from one address within
`LOCALGBF_LOGIN_WINDOW_SECONDS`, further attempts are refused (HTTP 429) until the window has
passed, even with the right password: guessing a password then takes years rather than hours.
Counting per name *and* address keeps one attacker from locking a real officer out from
everywhere. Counts live in Django's cache (the process's memory unless CACHES says otherwise;
`localgbf serve` is one process, so that is enough there).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def _key(request: HttpRequest) -> str:
    username = (request.POST.get("username") or "").strip().lower()
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{username}\n{address}".encode()).hexdigest()
    return f"localgbf:login-failures:{digest}"


def failures(request: HttpRequest) -> list[float]:
    window = settings.LOCALGBF_LOGIN_WINDOW_SECONDS
    now = time.time()
    return [t for t in cache.get(_key(request), []) if now - t < window]


def note_failure(request: HttpRequest) -> None:
    window = settings.LOCALGBF_LOGIN_WINDOW_SECONDS
    cache.set(_key(request), [*failures(request), time.time()], timeout=window)


def blocked_for(request: HttpRequest) -> int:
    """Seconds until another attempt is allowed; 0 when it is allowed now."""
    recent = failures(request)
    if len(recent) < settings.LOCALGBF_LOGIN_ATTEMPTS:
        return 0
    window = settings.LOCALGBF_LOGIN_WINDOW_SECONDS
    return max(1, int(min(recent) + window - time.time()))


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = blocked_for(request)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            message = _(
                "Too many failed sign-in attempts for this user name from your address. "
                "Try again in %(minutes)d min."
            ) % {"minutes": minutes}
            context = self.get_context_data(form=self.get_form(), rate_limited=message)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        note_failure(self.request)
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        cache.delete(_key(self.request))
        return super().form_valid(form)
