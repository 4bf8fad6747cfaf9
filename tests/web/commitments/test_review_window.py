"""The 28-day review window, with a frozen clock: day 27, 28 and 29, and across time zones.

The rule (see `localgbf.web.commitments.review`): deadline = submission instant + 28 × 24 h,
both instants in UTC; an item still pending at or after its deadline is accepted automatically,
dated at the deadline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from localgbf.web.commitments import services
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.review import AcceptedHow, ReviewState, review_deadline
from localgbf.web.governments.models import AuditEntry
from localgbf.web.jobs.queue import enqueue, run_pending

SUBMITTED = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # 23:30 in Kunming


@pytest.fixture
def pending(make_version, users):
    version = make_version()
    with time_machine.travel(SUBMITTED, tick=False):
        services.submit(version, users["city_officer"])
    version.refresh_from_db()
    return version


def state_at(version, moment: datetime) -> str:
    with time_machine.travel(moment, tick=False):
        services.accept_overdue()
    version.refresh_from_db()
    return version.state


def test_the_deadline_is_the_submission_plus_28_times_24_hours(pending):
    assert pending.submitted_at == SUBMITTED
    assert pending.review_deadline == datetime(2026, 3, 30, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "state"),
    [
        (timedelta(days=27), ReviewState.PENDING),
        (timedelta(days=28) - timedelta(seconds=1), ReviewState.PENDING),
        (timedelta(days=28), ReviewState.ACCEPTED),
        (timedelta(days=29), ReviewState.ACCEPTED),
    ],
    ids=["day 27", "one second before day 28", "day 28", "day 29"],
)
def test_an_undecided_item_is_accepted_from_day_28_on(pending, after, state):
    assert state_at(pending, SUBMITTED + after) == state


def test_it_is_accepted_as_of_its_deadline_whenever_the_job_notices(pending):
    state_at(pending, SUBMITTED + timedelta(days=29, hours=5))
    assert (pending.accepted_how, pending.decided_at, pending.decided_by) == (
        AcceptedHow.DEADLINE,
        pending.review_deadline,
        None,
    )
    assert pending.auto_accepted
    entry = AuditEntry.objects.get(action="review.auto_accept", object_id=str(pending.pk))
    assert entry.actor is None and entry.after["state"] == "accepted"


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/New_York", "Pacific/Kiritimati"])
def test_the_window_is_the_same_whatever_the_server_time_zone(make_version, users, settings, zone):
    """Django stores instants in UTC; the server's TIME_ZONE changes how they are shown only."""
    settings.TIME_ZONE = zone
    version = make_version()
    local = SUBMITTED.astimezone(ZoneInfo(zone))
    with time_machine.travel(local, tick=False):
        services.submit(version, users["city_officer"])
    version.refresh_from_db()
    deadline = (SUBMITTED + timedelta(days=28)).astimezone(ZoneInfo(zone))
    assert version.review_deadline == deadline
    assert state_at(version, deadline - timedelta(seconds=1)) == "pending"
    assert state_at(version, deadline) == "accepted"


def test_a_window_across_a_change_of_daylight_saving_time_counts_elapsed_hours(make_version, users):
    """Submitted at noon in New York on 20 February 2026 (EST, UTC−5) = 17:00 UTC. The window
    closes 28 × 24 h later at 17:00 UTC on 20 March, which is 13:00 in New York (EDT, UTC−4):
    the wall clock moved, the elapsed time did not."""
    new_york = ZoneInfo("America/New_York")
    submitted = datetime(2026, 2, 20, 12, 0, tzinfo=new_york)
    version = make_version()
    with time_machine.travel(submitted, tick=False):
        services.submit(version, users["city_officer"])
    version.refresh_from_db()
    assert version.review_deadline == datetime(2026, 3, 20, 17, 0, tzinfo=UTC)
    assert version.review_deadline.astimezone(new_york).hour == 13


def test_a_deadline_from_a_local_time_counts_elapsed_hours_not_wall_clock_days():
    """Python adds days to a zoned datetime on the wall clock: noon EST + 28 days would be noon
    EDT, 16:00 UTC, an hour short. The deadline is computed in UTC: 17:00 UTC."""
    submitted = datetime(2026, 2, 20, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    assert (submitted + timedelta(days=28)).astimezone(UTC).hour == 16
    assert review_deadline(submitted) == datetime(2026, 3, 20, 17, 0, tzinfo=UTC)


def test_a_deadline_needs_an_aware_submission_time():
    with pytest.raises(ValueError, match="must be an aware datetime"):
        review_deadline(datetime(2026, 3, 2, 15, 30))


def test_a_reviewer_cannot_decide_after_the_window_closed(pending, users):
    with (
        time_machine.travel(SUBMITTED + timedelta(days=28, minutes=1), tick=False),
        pytest.raises(
            CommitmentError,
            match=r"review window .* closed on 2026-03-30 15:30 UTC; it was accepted automatically",
        ),
    ):
        services.return_item(pending, users["reviewer"], comment="Too late?")
    pending.refresh_from_db()
    assert (pending.state, pending.accepted_how) == ("accepted", "deadline")


def test_a_reviewer_may_decide_on_day_27(pending, users):
    with time_machine.travel(SUBMITTED + timedelta(days=27, hours=23), tick=False):
        services.accept(pending, users["reviewer"], comment="Fine.")
    pending.refresh_from_db()
    assert (pending.state, pending.accepted_how, pending.decided_by) == (
        "accepted",
        "reviewer",
        users["reviewer"],
    )


def test_the_job_kind_accepts_overdue_items(pending):
    with time_machine.travel(SUBMITTED + timedelta(days=29), tick=False):
        job = enqueue("commitments.review_deadlines")
        assert run_pending() >= 1
    job.refresh_from_db()
    pending.refresh_from_db()
    assert (job.status, job.result["accepted"], pending.state) == ("succeeded", 1, "accepted")


def test_the_management_command_accepts_overdue_items(pending):
    out = StringIO()
    with time_machine.travel(SUBMITTED + timedelta(days=28), tick=False):
        call_command("review_deadlines", stdout=out)
    pending.refresh_from_db()
    assert pending.state == "accepted"
    assert "accepted 1 item(s) whose review window had closed" in out.getvalue()


def test_the_periodic_hook_queues_the_check_once(db):
    from localgbf.web.commitments.jobs import DEADLINES, queue_review_deadlines
    from localgbf.web.jobs.models import Job

    first = queue_review_deadlines()
    assert first is not None and first.kind == DEADLINES
    assert queue_review_deadlines() is None
    assert Job.objects.filter(kind=DEADLINES).count() == 1
