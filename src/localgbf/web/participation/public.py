"""Public consultations on draft plans: comments confirmed by e-mail, moderated, answered.

A visitor needs no account to read or to comment. A comment is stored as `unconfirmed` and a
link signed with `django.core.signing` is mailed to the address given; opening it (and
pressing the button, so that mail scanners that follow links confirm nothing) moves the comment
to the officers' moderation queue. Officers of the government publish or reject it and may
answer it, saying whether the plan was changed in response; the plan's version pages show those
answers. Against spam: a honeypot field, a limit of comments per address and hour, and a limit
of links per comment. Every state change is audited.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.participation.models import CommentStatus, PublicComment, PublicConsultation

SALT = "localgbf.participation.public-comment"
CONFIRM_MAX_AGE = timedelta(days=7)
COMMENTS_PER_HOUR = 5
MAX_LINKS = 2
LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


class CommentRefused(ValueError):
    """A comment the anti-spam rules refuse, with a message for the visitor."""


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def check_limits(email: str, text: str) -> None:
    if count_links(text) > MAX_LINKS:
        raise CommentRefused(_("A comment may contain at most %(n)s links.") % {"n": MAX_LINKS})
    since = timezone.now() - timedelta(hours=1)
    recent = PublicComment.objects.filter(email__iexact=email, created_at__gte=since).count()
    if recent >= COMMENTS_PER_HOUR:
        raise CommentRefused(
            _("This address has sent %(n)s comments in the last hour; please wait a while.")
            % {"n": recent}
        )


def token_for(comment: PublicComment) -> str:
    return signing.dumps({"c": comment.pk, "e": comment.email.lower()}, salt=SALT)


def comment_from_token(token: str) -> PublicComment | None:
    """The comment a confirmation link names, or None when the link is forged or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    comment = PublicComment.objects.filter(pk=data.get("c")).first()
    if comment is None or comment.email.lower() != data.get("e"):
        return None
    return comment


@transaction.atomic
def submit_comment(comment: PublicComment, confirm_url: Any) -> PublicComment:
    """Store the comment unconfirmed and mail the confirmation link.

    `confirm_url(path)` turns the link's path into an absolute address."""
    check_limits(comment.email, comment.text)
    comment.status = CommentStatus.UNCONFIRMED
    comment.save()
    link = confirm_url(reverse("public-comment-confirm", args=[token_for(comment)]))
    consultation = comment.consultation
    subject = _("Confirm your comment on %(plan)s") % {"plan": consultation.version}
    body = _(
        "You (or someone using your address) commented on %(plan)s.\n\n"
        "To send the comment to the moderators, open this link within 7 days and confirm:\n"
        "%(link)s\n\nIf it was not you, ignore this message; the comment will not be shown."
    ) % {"plan": consultation.version, "link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.email])
    audit.record(None, "public_comment.submit", comment, after={"status": comment.status})
    return comment


@transaction.atomic
def confirm(comment: PublicComment) -> bool:
    """Move an unconfirmed comment to moderation; False when it was confirmed already."""
    if comment.status != CommentStatus.UNCONFIRMED:
        return False
    comment.status = CommentStatus.PENDING
    comment.confirmed_at = timezone.now()
    comment.save(update_fields=["status", "confirmed_at"])
    audit.record(None, "public_comment.confirm", comment, after={"status": comment.status})
    return True


def _require_officer(user: Any, consultation: PublicConsultation) -> None:
    if not can(user, Action.EDIT, consultation.government):
        raise PermissionError(_("Only the government's officers moderate and answer comments."))


@transaction.atomic
def moderate(user: Any, comment: PublicComment, status: str) -> None:
    _require_officer(user, comment.consultation)
    if status not in (CommentStatus.PUBLISHED, CommentStatus.REJECTED):
        raise ValueError(status)
    if comment.status == CommentStatus.UNCONFIRMED:
        raise PermissionError(_("An unconfirmed comment cannot be moderated."))
    before = {"status": comment.status}
    comment.status = status
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit.record(user, "public_comment.moderate", comment, before=before, after={"status": status})


@transaction.atomic
def answer(user: Any, comment: PublicComment, text: str, led_to_change: bool) -> None:
    _require_officer(user, comment.consultation)
    before = {"answer": comment.answer, "led_to_change": comment.led_to_change}
    comment.answer, comment.led_to_change = text, led_to_change
    comment.answered_by, comment.answered_at = user, timezone.now()
    comment.save(update_fields=["answer", "led_to_change", "answered_by", "answered_at"])
    audit.record(
        user,
        "public_comment.answer",
        comment,
        before=before,
        after={"answer": text, "led_to_change": led_to_change},
    )


@transaction.atomic
def open_consultation(user: Any, consultation: PublicConsultation) -> PublicConsultation:
    if not can(user, Action.EDIT, consultation.government):
        raise PermissionError(_("Only the government's officers open a public consultation."))
    consultation.created_by = user
    consultation.save()
    audit.record(user, "public_consultation.open", consultation, after=audit.snapshot(consultation))
    return consultation


@transaction.atomic
def close_consultation(user: Any, consultation: PublicConsultation) -> None:
    if not can(user, Action.EDIT, consultation.government):
        raise PermissionError(_("Only the government's officers close a public consultation."))
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    audit.record(user, "public_consultation.close", consultation, after={"closed": True})


def answered_for_version(version: Any) -> list[PublicComment]:
    """Published, answered comments on this version or on the version before it: what the
    government said in response, shown on the plan's version page."""
    earlier = [version.pk]
    if version.based_on_id:
        earlier.append(version.based_on_id)
    else:
        previous = version.plan.versions.filter(number=version.number - 1).first()
        if previous is not None:
            earlier.append(previous.pk)
    return list(
        PublicComment.objects.filter(
            consultation__version__in=earlier, status=CommentStatus.PUBLISHED
        )
        .exclude(answer="")
        .select_related("consultation__version", "target", "action")
        .order_by("consultation__version__number", "pk")
    )
