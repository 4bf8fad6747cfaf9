"""National review: the states an item goes through and the 28-day window.

An item (a version of a commitment, or a progress report) is written as a draft, submitted to
the country's reviewers (the national focal points), and then accepted or returned with a
comment. Since CBD decision 16/32 the Online Reporting Tool gives focal points four weeks to
object to a stakeholder commitment; localgbf uses the same window for everything it reviews.

How the deadline is computed — exact, whatever the time zones involved:

    deadline = the instant of submission + 28 × 24 hours

Both are absolute instants (stored in UTC, as Django does with USE_TZ). The window is counted in
elapsed hours, not in calendar days of some time zone: a submission at 23:30 in Kunming
(15:30 UTC) is due at 15:30 UTC 28 days later, which is 23:30 in Kunming and, across a change of
daylight-saving time, one hour earlier or later on a wall clock that moved. An item is
overdue — and accepted automatically — from the deadline instant on: at submission + 27 days it
is still pending, at + 28 days it is accepted, and so at + 29 days. Acceptance by the deadline
is dated at the deadline itself, whenever the scheduled job notices it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REVIEW_WINDOW = timedelta(hours=28 * 24)


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")
    SUPERSEDED = "superseded", _("Superseded by a later version")


class AcceptedHow(models.TextChoices):
    REVIEWER = "reviewer", _("by a reviewer")
    DEADLINE = "deadline", _("automatically, 28 days after submission")
    COUNTRY_SETTING = "country_setting", _("automatically, as the country accepts every submission")


AUTOMATIC = (AcceptedHow.DEADLINE, AcceptedHow.COUNTRY_SETTING)
OPEN_STATES = (ReviewState.DRAFT, ReviewState.PENDING, ReviewState.RETURNED)


def review_deadline(submitted_at: datetime) -> datetime:
    """The instant the review window closes: submission + 28 × 24 h, in UTC."""
    if submitted_at.tzinfo is None or submitted_at.utcoffset() is None:
        raise ValueError("the submission time must be an aware datetime (with its time zone)")
    # In UTC first: adding to a datetime of a zone with daylight-saving time would add wall-clock
    # days, one hour off when the window spans a change of time.
    return submitted_at.astimezone(UTC) + REVIEW_WINDOW


class Reviewable(models.Model):
    """The review fields and state changes shared by commitment versions and progress reports.

    The methods change the fields only; `services` saves, writes the audit log and sends mail.
    """

    state = models.CharField(
        _("review state"),
        max_length=12,
        choices=ReviewState.choices,
        default=ReviewState.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_how = models.CharField(
        _("accepted"), max_length=20, choices=AcceptedHow.choices, blank=True
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        abstract = True

    @property
    def government(self) -> Any:
        raise NotImplementedError

    @property
    def is_editable(self) -> bool:
        return self.state in (ReviewState.DRAFT, ReviewState.RETURNED)

    @property
    def is_pending(self) -> bool:
        return self.state == ReviewState.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.state == ReviewState.ACCEPTED

    @property
    def auto_accepted(self) -> bool:
        return self.is_accepted and self.accepted_how in AUTOMATIC

    def is_overdue(self, now: datetime) -> bool:
        return (
            self.state == ReviewState.PENDING
            and self.review_deadline is not None
            and now >= self.review_deadline
        )

    def mark_submitted(self, user: Any, now: datetime) -> None:
        self.state = ReviewState.PENDING
        self.submitted_at = now
        self.submitted_by = user if getattr(user, "is_authenticated", False) else None
        self.review_deadline = review_deadline(now)
        self.decided_at = None
        self.decided_by = None
        self.accepted_how = ""
        self.review_comment = ""

    def mark_accepted(self, user: Any, at: datetime, how: str, comment: str = "") -> None:
        self.state = ReviewState.ACCEPTED
        self.decided_at = at
        self.decided_by = user if getattr(user, "is_authenticated", False) else None
        self.accepted_how = how
        self.review_comment = comment

    def mark_returned(self, user: Any, at: datetime, comment: str) -> None:
        self.state = ReviewState.RETURNED
        self.decided_at = at
        self.decided_by = user if getattr(user, "is_authenticated", False) else None
        self.accepted_how = ""
        self.review_comment = comment

    def review_snapshot(self) -> dict[str, Any]:
        """The review fields as JSON-safe values, for the audit log."""
        return {
            "state": self.state,
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
            "review_deadline": self.review_deadline.isoformat() if self.review_deadline else None,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "decided_by": self.decided_by_id,
            "accepted_how": self.accepted_how,
            "review_comment": self.review_comment,
        }
