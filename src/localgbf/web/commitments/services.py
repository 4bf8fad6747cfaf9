"""Workflow rules of commitments and of their national review.

Commitments: create (blank or from a plan's targets and actions, which stay linked), edit a
draft or returned version, start a new version of an accepted one. Review (see `review.py`):
submit → the country's reviewers are e-mailed → accept, or return with a comment → a pending
item is accepted automatically at its deadline (`accept_overdue`, run by a scheduled job) →
a reviewer may let the country's future submissions be accepted at once.

Every state change is a conditional UPDATE on the state it expects, so a reviewer's decision
and the deadline job cannot both win; each is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localgbf.web.commitments import notify
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import (
    Commitment,
    CommitmentDocument,
    CommitmentVersion,
    ProgressReport,
    ReviewSettings,
)
from localgbf.web.commitments.review import AcceptedHow, Reviewable, ReviewState
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government, GovernmentKind

REVIEW_FIELDS = (
    "state",
    "submitted_at",
    "submitted_by",
    "review_deadline",
    "decided_at",
    "decided_by",
    "accepted_how",
    "review_comment",
)
# Fields of a version copied into the next one (the many-to-many ones are copied apart).
VERSION_FIELDS = (
    "title",
    "description",
    "timeline_start",
    "timeline_end",
    "is_open_ended",
    "next_steps",
    "performance",
    "endorsements",
    "coverage_other",
    "is_linked_to_nbsap",
    "primary_global",
    "primary_national",
    "alignment_information",
    "funding_sources",
    "funding_details",
    "is_funding_sufficient",
    "international_frameworks",
    "partners",
    "is_reporting_on_target15",
    "target15_information",
    "is_progress_tracked",
    "progress_information",
    "progress_tracking_url",
    "implementation_strategies",
    "additional_information",
    "notes",
)
VERSION_M2M = ("other_global", "other_national", "indicators")
KINDS = {
    CommitmentVersion: ("commitment", gettext_lazy("commitment")),
    ProgressReport: ("progress", gettext_lazy("progress report")),
}


def now() -> datetime:
    return timezone.now()


def kind_of(item: Reviewable) -> str:
    return KINDS[type(item)][0]


def item_path(item: Reviewable) -> str:
    if isinstance(item, ProgressReport):
        return reverse("progress-report", args=[item.pk])
    assert isinstance(item, CommitmentVersion)
    return reverse("commitment", args=[item.commitment_id]) + f"?version={item.number}"


# --------------------------------------------------------------------------------- commitments


def check_government(government: Government) -> None:
    if government.kind == GovernmentKind.COUNTRY:
        raise CommitmentError(
            _(
                "A country's commitments are its national targets; commitments here are those "
                "of regions, cities and local authorities."
            )
        )


def _next_number(government: Government) -> int:
    top = Commitment.objects.filter(government=government).aggregate(n=Max("number"))["n"]
    return int(top or 0) + 1


@transaction.atomic
def create_commitment(
    government: Government,
    user: Any,
    *,
    fields: dict[str, Any],
    m2m: dict[str, Iterable[Any]] | None = None,
) -> CommitmentVersion:
    """A new commitment with its first version (a draft) holding `fields`."""
    check_government(government)
    commitment = Commitment.objects.create(
        government=government,
        number=_next_number(government),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    version = CommitmentVersion(commitment=commitment, number=1, created_by=commitment.created_by)
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean()
    version.save()
    for name, values in (m2m or {}).items():
        getattr(version, name).set(values)
    audit.record(
        user, "commitment.create", version, government=government, after=audit.snapshot(version)
    )
    return version


def missing_for_submission(version: CommitmentVersion) -> list[str]:
    """What the ORT's form requires and the version lacks (labels in the user's language)."""
    opts = CommitmentVersion._meta
    missing = []

    def need(name: str) -> None:
        missing.append(str(opts.get_field(name).verbose_name))

    for name in ("title", "description", "primary_global", "primary_national", "partners"):
        if not getattr(version, name):
            need(name)
    if version.is_open_ended:
        if not version.next_steps:
            need("next_steps")
    elif not version.timeline_start:
        need("timeline_start")
    if version.is_progress_tracked and not version.progress_information:
        need("progress_information")
    if version.is_reporting_on_target15 and not version.target15_information:
        need("target15_information")
    if not version.kpis.exists():
        missing.append(str(_("at least one KPI")))
    return missing


@transaction.atomic
def new_version(commitment: Commitment, user: Any) -> CommitmentVersion:
    """A draft copy of the version in force, to change it; it is reviewed again."""
    if commitment.open_version() is not None:
        raise CommitmentError(
            _("A version of %(ref)s is already being written or reviewed: continue with it.")
            % {"ref": commitment.reference}
        )
    base = commitment.accepted_version() or commitment.latest_version()
    if base is None:
        raise CommitmentError(_("This commitment has no version to start from."))
    top = commitment.versions.aggregate(n=Max("number"))["n"] or 0
    version = CommitmentVersion(
        commitment=commitment,
        number=top + 1,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for name in VERSION_FIELDS:
        setattr(version, name, getattr(base, name))
    version.save()
    for name in VERSION_M2M:
        getattr(version, name).set(getattr(base, name).all())
    for kpi in base.kpis.all():
        kpi.pk = None
        kpi.version = version
        kpi.save()
    for doc in base.documents.all():
        CommitmentDocument.objects.create(version=version, title=doc.title, url=doc.url)
    audit.record(
        user,
        "commitment.new_version",
        version,
        government=commitment.government,
        after={"number": version.number, "based_on": base.number},
    )
    return version


def editable(item: Reviewable) -> None:
    """Refuse a change to an item that is pending, accepted or superseded."""
    if not item.is_editable:
        if isinstance(item, CommitmentVersion) and item.is_accepted:
            raise CommitmentError(
                _("An accepted version is locked: start a new version to change it.")
            )
        raise CommitmentError(
            _("This item is %(state)s and cannot change.") % {"state": item.get_state_display()}
        )


# ------------------------------------------------------------------------------------- review


def review_settings(country: Government) -> ReviewSettings | None:
    return ReviewSettings.objects.filter(country=country).first()


def _country(item: Reviewable) -> Government:
    government = item.government
    return government.country or government


def _save_transition(item: Reviewable, expected: str) -> None:
    """Write the review fields if the item is still in state `expected` (else refuse)."""
    values = {name: getattr(item, name) for name in REVIEW_FIELDS}
    done = type(item).objects.filter(pk=item.pk, state=expected).update(**values)
    if not done:
        raise CommitmentError(
            _("%(item)s changed meanwhile; reload the page to see its state.") % {"item": item}
        )


def _supersede_older(item: Reviewable) -> None:
    if isinstance(item, CommitmentVersion):
        item.commitment.versions.filter(state=ReviewState.ACCEPTED).exclude(pk=item.pk).update(
            state=ReviewState.SUPERSEDED
        )


def _check_report_complete(report: ProgressReport) -> None:
    problems = []
    if not report.level:
        problems.append(str(_("the level of progress")))
    measured = set(report.values.values_list("kpi_id", flat=True))
    for kpi in report.version.kpis.all():
        if kpi.pk not in measured:
            problems.append(_("a value for KPI %(code)s") % {"code": kpi.code})
    if problems:
        raise CommitmentError(
            _("The report cannot be submitted yet; it needs %(what)s.")
            % {"what": "; ".join(problems)}
        )


@transaction.atomic
def submit(
    item: Reviewable, user: Any, *, at: datetime | None = None, notify_reviewers: bool = True
) -> Reviewable:
    """Send an item to national review (or accept it at once if the country says so)."""
    at = at or now()
    editable(item)
    if isinstance(item, CommitmentVersion):
        missing = missing_for_submission(item)
        if missing:
            raise CommitmentError(
                _("The commitment cannot be submitted yet; it needs: %(fields)s.")
                % {"fields": ", ".join(missing)}
            )
    else:
        assert isinstance(item, ProgressReport)
        _check_report_complete(item)
    before = item.review_snapshot()
    expected = item.state
    item.mark_submitted(user, at)
    settings_ = review_settings(_country(item))
    automatic = settings_ is not None and settings_.auto_accept
    if automatic:
        item.mark_accepted(None, at, str(AcceptedHow.COUNTRY_SETTING))
    _save_transition(item, expected)
    kind = kind_of(item)
    audit.record(user, f"{kind}.submit", item, before=before, after=item.review_snapshot())
    if automatic:
        _supersede_older(item)
        audit.record(None, "review.auto_accept", item, after=item.review_snapshot())
    elif notify_reviewers:
        path = item_path(item)
        label = KINDS[type(item)][1]
        transaction.on_commit(lambda: notify.submitted(item, label, path))
    return item


def _check_reviewer(item: Reviewable, user: Any) -> None:
    if not can(user, Action.REVIEW, item.government):
        raise PermissionDenied(_("Only the country's reviewers may decide on this item."))


def _close_if_overdue(item: Reviewable, at: datetime) -> None:
    """An overdue item is accepted by its deadline, whoever looks at it first: refuse the
    decision after saving that acceptance."""
    if item.is_overdue(at):
        with transaction.atomic():
            _auto_accept(item)
        raise CommitmentError(
            _(
                "The review window of %(item)s closed on %(deadline)s UTC; it was accepted "
                "automatically."
            )
            % {"item": item, "deadline": f"{item.review_deadline:%Y-%m-%d %H:%M}"}
        )


def accept(item: Reviewable, user: Any, *, comment: str = "", at: datetime | None = None) -> None:
    at = at or now()
    _check_reviewer(item, user)
    if not item.is_pending:
        raise CommitmentError(_("Only an item awaiting review can be accepted."))
    _close_if_overdue(item, at)
    with transaction.atomic():
        before = item.review_snapshot()
        item.mark_accepted(user, at, str(AcceptedHow.REVIEWER), comment.strip())
        _save_transition(item, str(ReviewState.PENDING))
        _supersede_older(item)
        audit.record(user, "review.accept", item, before=before, after=item.review_snapshot())


def return_item(
    item: Reviewable,
    user: Any,
    *,
    comment: str,
    at: datetime | None = None,
    notify_submitter: bool = True,
) -> None:
    at = at or now()
    _check_reviewer(item, user)
    if not comment.strip():
        raise CommitmentError(_("Say why the item is returned: the comment is required."))
    if not item.is_pending:
        raise CommitmentError(_("Only an item awaiting review can be returned."))
    _close_if_overdue(item, at)
    with transaction.atomic():
        before = item.review_snapshot()
        item.mark_returned(user, at, comment.strip())
        _save_transition(item, str(ReviewState.PENDING))
        audit.record(user, "review.return", item, before=before, after=item.review_snapshot())
        if notify_submitter:
            path = item_path(item)
            label = KINDS[type(item)][1]
            transaction.on_commit(lambda: notify.returned(item, label, path))


def _auto_accept(item: Reviewable) -> None:
    before = item.review_snapshot()
    assert item.review_deadline is not None
    item.mark_accepted(None, item.review_deadline, str(AcceptedHow.DEADLINE))
    _save_transition(item, str(ReviewState.PENDING))
    _supersede_older(item)
    audit.record(None, "review.auto_accept", item, before=before, after=item.review_snapshot())


def accept_overdue(at: datetime | None = None) -> int:
    """Accept every pending item whose deadline has passed; returns how many."""
    at = at or now()
    count = 0
    for model in (CommitmentVersion, ProgressReport):
        overdue = model.objects.filter(state=ReviewState.PENDING, review_deadline__lte=at)
        for item in overdue.select_related("commitment__government"):
            try:
                with transaction.atomic():
                    _auto_accept(item)
            except CommitmentError:
                continue  # decided by a reviewer in the meantime
            count += 1
    return count


@dataclass
class BulkResult:
    done: list[Reviewable] = field(default_factory=list)
    refused: list[tuple[Reviewable, str]] = field(default_factory=list)


def decide_many(
    items: Sequence[Reviewable], user: Any, *, decision: str, comment: str = ""
) -> BulkResult:
    """Accept or return several items; each is decided on its own (one refusal stops none)."""
    result = BulkResult()
    for item in items:
        try:
            if decision == "accept":
                accept(item, user, comment=comment)
            elif decision == "return":
                return_item(item, user, comment=comment)
            else:
                raise CommitmentError(_("Choose to accept or to return."))
        except (CommitmentError, PermissionDenied) as exc:
            result.refused.append((item, str(exc)))
        else:
            result.done.append(item)
    return result


@transaction.atomic
def set_auto_accept(country: Government, user: Any, *, on: bool) -> ReviewSettings:
    """Accept the country's future submissions at once (or stop doing so)."""
    if country.kind != GovernmentKind.COUNTRY:
        raise CommitmentError(_("Review settings belong to a country."))
    row, _created = ReviewSettings.objects.get_or_create(country=country)
    before = {"auto_accept": row.auto_accept}
    row.auto_accept = on
    row.changed_by = user if getattr(user, "is_authenticated", False) else None
    row.save()
    audit.record(
        user,
        "review.settings",
        row,
        government=country,
        before=before,
        after={"auto_accept": on},
    )
    return row
