"""Submit → reviewers e-mailed → accept, or return with a comment and resubmit; automatic
acceptance on and off; every decision in the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from localgbf.web.commitments import services
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.review import ReviewState
from localgbf.web.governments.models import AuditEntry, Government

T0 = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def actions_of(item) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=item._meta.label, object_id=str(item.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_submitting_e_mails_each_reviewer_of_the_country_in_both_languages(
    make_version, users, django_capture_on_commit_callbacks
):
    version = make_version()
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(T0, tick=False):
        services.submit(version, users["city_officer"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["china.reviewer@example.org"]
    assert message.subject == "To review: commitment from Kunming / 待审核：来自昆明市的承诺"
    assert "Review deadline: 2026-04-29 08:00 UTC" in message.body
    assert "审核截止时间：2026-04-29 08:00 UTC" in message.body
    assert f"/commitments/{version.commitment_id}/" in message.body


def test_a_submission_lacking_what_the_ort_requires_is_refused_and_nothing_changes(
    make_version, users
):
    version = make_version(partners={}, primary_national=None)
    with pytest.raises(
        CommitmentError,
        match=r"cannot be submitted yet; it needs: primary national target, partners",
    ):
        services.submit(version, users["city_officer"])
    version.refresh_from_db()
    assert version.state == ReviewState.DRAFT
    assert actions_of(version) == ["commitment.create"]


def test_return_with_a_comment_then_resubmit_starts_a_new_window(
    make_version, users, django_capture_on_commit_callbacks
):
    version = make_version()
    users["city_officer"].email = "li.na@kunming.example"
    users["city_officer"].save()
    with time_machine.travel(T0, tick=False):
        services.submit(version, users["city_officer"], notify_reviewers=False)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(T0 + timedelta(days=3), tick=False),
    ):
        services.return_item(version, users["reviewer"], comment="Name the partners' roles.")
    version.refresh_from_db()
    assert (version.state, version.review_comment) == ("returned", "Name the partners' roles.")
    assert mail.outbox[-1].to == ["li.na@kunming.example"]
    assert "Name the partners' roles." in mail.outbox[-1].body
    with time_machine.travel(T0 + timedelta(days=10), tick=False):
        services.submit(version, users["city_officer"], notify_reviewers=False)
    version.refresh_from_db()
    assert version.state == "pending"
    assert version.review_deadline == T0 + timedelta(days=38)
    assert version.review_comment == ""
    assert actions_of(version) == [
        "commitment.create",
        "commitment.submit",
        "review.return",
        "commitment.submit",
    ]


def test_returning_needs_a_comment(make_version, users):
    version = make_version()
    services.submit(version, users["city_officer"], notify_reviewers=False)
    with pytest.raises(CommitmentError, match="the comment is required"):
        services.return_item(version, users["reviewer"], comment="  ")


@pytest.mark.parametrize(
    "persona", ["city_officer", "region_officer", "viewer", "other_officer", "outsider"]
)
def test_only_the_countrys_reviewers_decide(make_version, users, persona):
    version = make_version()
    services.submit(version, users["city_officer"], notify_reviewers=False)
    with pytest.raises(PermissionDenied):
        services.accept(version, users[persona])


def test_automatic_acceptance_on_accepts_future_submissions_at_once(
    make_version, users, django_capture_on_commit_callbacks
):
    waiting = make_version()
    services.submit(waiting, users["city_officer"], notify_reviewers=False)
    china = Government.objects.get(code="CN")
    services.set_auto_accept(china, users["reviewer"], on=True)
    later = make_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(later, users["city_officer"])
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (later.state, later.accepted_how, later.auto_accepted) == (
        "accepted",
        "country_setting",
        True,
    )
    assert waiting.state == "pending"  # already waiting: keeps its deadline
    assert mail.outbox == []  # nothing to review, nobody to bother
    assert AuditEntry.objects.filter(action="review.settings", after={"auto_accept": True}).exists()
    assert actions_of(later) == ["commitment.create", "commitment.submit", "review.auto_accept"]


def test_automatic_acceptance_off_again_makes_submissions_wait(make_version, users):
    china = Government.objects.get(code="CN")
    services.set_auto_accept(china, users["reviewer"], on=True)
    services.set_auto_accept(china, users["reviewer"], on=False)
    version = make_version()
    services.submit(version, users["city_officer"], notify_reviewers=False)
    assert version.state == "pending"


def test_accepting_a_new_version_supersedes_the_old_one(make_version, users):
    first = make_version()
    services.submit(first, users["city_officer"], notify_reviewers=False)
    services.accept(first, users["reviewer"])
    second = services.new_version(first.commitment, users["city_officer"])
    services.submit(second, users["city_officer"], notify_reviewers=False)
    first.refresh_from_db()
    assert first.state == "accepted"  # in force until the new version is accepted
    assert first.commitment.accepted_version() == first
    services.accept(second, users["reviewer"])
    first.refresh_from_db()
    assert (first.state, first.commitment.accepted_version()) == ("superseded", second)


def test_bulk_decisions_decide_each_item_and_report_the_refusals(make_version, users):
    a, b, c = make_version(), make_version(), make_version()
    for v in (a, b):
        services.submit(v, users["city_officer"], notify_reviewers=False)
    result = services.decide_many([a, b, c], users["reviewer"], decision="accept")
    assert [i.pk for i in result.done] == [a.pk, b.pk]
    assert [(i.pk, reason) for i, reason in result.refused] == [
        (c.pk, "Only an item awaiting review can be accepted.")
    ]
    assert AuditEntry.objects.filter(action="review.accept").count() >= 2


def test_two_decisions_on_one_item_cannot_both_win(make_version, users):
    version = make_version()
    services.submit(version, users["city_officer"], notify_reviewers=False)
    stale = type(version).objects.get(pk=version.pk)
    services.accept(version, users["reviewer"])
    with pytest.raises(CommitmentError, match="changed meanwhile"):
        services.return_item(stale, users["reviewer"], comment="No.")
