"""Making, finding and revoking API tokens (audited: who made or revoked which token)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from localgbf.web.api.models import PREFIX, ApiToken
from localgbf.web.governments import audit

# `last_used_at` is written at most this often, so that a busy client does not turn every
# read into a write.
TOUCH_EVERY = timedelta(minutes=5)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row, and the token itself (shown once, never stored)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), digest=digest_of(secret), hint=secret[: len(PREFIX) + 4]
    )
    audit.record(user, "api_token.create", token, after={"name": token.name, "hint": token.hint})
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, user: Any) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(user, "api_token.revoke", token, after={"name": token.name, "hint": token.hint})


def user_for(secret: str) -> Any | None:
    """The active user whose token this is, or None."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
