"""E-mail about reviews, through Django's mail backend (the console backend by default).

Messages are written in English and Chinese, one after the other: the platform does not know
which language a reviewer reads. Each recipient gets a message of their own, so that no
reviewer's address is shown to another. Times are given in UTC, the time the rules use.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from localgbf.web.commitments.review import Reviewable
from localgbf.web.governments.models import Membership, Role

LANGUAGES = ("en", "zh-hans")


def reviewers_of(country: Any) -> list[str]:
    """The e-mail addresses of the country's reviewers (national focal points)."""
    emails = Membership.objects.filter(government=country, role=Role.REVIEWER).values_list(
        "user__email", flat=True
    )
    return sorted({e for e in emails if e})


def _render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    subjects, bodies = [], []
    for lang in LANGUAGES:
        with translation.override(lang):
            text = render_to_string(template, context).strip()
        subject, _, body = text.partition("\n")
        subjects.append(subject.strip())
        bodies.append(body.strip())
    return " / ".join(dict.fromkeys(subjects)), "\n\n— — —\n\n".join(bodies)


def _send(template: str, context: dict[str, Any], recipients: Iterable[str]) -> int:
    subject, body = _render(template, context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def item_context(item: Reviewable, kind: str, path: str) -> dict[str, Any]:
    return {
        "item": item,
        "kind": kind,
        "government": item.government,
        "path": path,
        "submitted_utc": item.submitted_at.astimezone(UTC) if item.submitted_at else None,
        "deadline_utc": item.review_deadline.astimezone(UTC) if item.review_deadline else None,
    }


def submitted(item: Reviewable, kind: str, path: str) -> int:
    """Tell the country's reviewers that an item awaits them."""
    country = item.government.country
    context = {
        **item_context(item, kind, path),
        "queue": reverse("review-queue", args=[country.code]),
    }
    return _send("commitments/email/submitted.txt", context, reviewers_of(country))


def returned(item: Reviewable, kind: str, path: str) -> int:
    """Tell whoever submitted an item that it came back, with the reviewer's comment."""
    submitter = item.submitted_by
    email = getattr(submitter, "email", "") if submitter is not None else ""
    if not email:
        return 0
    return _send("commitments/email/returned.txt", item_context(item, kind, path), [email])
