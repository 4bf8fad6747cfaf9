"""Who is calling: a bearer token, or nobody (public reads need no token).

The API never looks at the session cookie: a browser signed in to the site is anonymous here
until it sends a token, so no request can be forged from another site (no CSRF to guard).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from localgbf.web.api.tokens import user_for


class BearerToken(HttpBearer):
    openapi_description = (
        "A personal API token, made and revoked on the site's “API tokens” page. Send it as "
        "`Authorization: Bearer lgbf_…`. Reads need no token; with one, they also return what "
        "the token's owner may see privately (drafts of their governments)."
    )

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(401, "Send the token as `Authorization: Bearer <token>`.")
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for(token)
        if user is None:
            raise AuthenticationError(401, "This token is unknown or has been revoked.")
        return user


def anonymous(request: HttpRequest) -> Any:
    return AnonymousUser()


TOKEN = BearerToken()
READ = [TOKEN, anonymous]
WRITE = [TOKEN]


def caller(request: HttpRequest) -> Any:
    """The user the request acts for (an `AnonymousUser` without a token)."""
    return getattr(request, "auth", None) or AnonymousUser()
