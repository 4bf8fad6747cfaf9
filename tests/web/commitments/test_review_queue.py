"""The review queue page: filters, bulk decisions, single decisions, the auto-accept switch."""

from __future__ import annotations

from localgbf.web.commitments.models import CommitmentVersion, ProgressReport
from localgbf.web.governments.models import AuditEntry


def keys(response) -> list[str]:
    return [row["key"] for row in response.context["rows"]]


def pending_keys() -> set[str]:
    versions = CommitmentVersion.objects.filter(state="pending")
    reports = ProgressReport.objects.filter(state="pending")
    return {f"commitment:{v.pk}" for v in versions} | {f"progress:{r.pk}" for r in reports}


def test_the_queue_shows_the_pending_items_of_the_country_by_deadline(demo, client_as):
    """The demo has three pending items: Shenzhen C1, Shanghai C1 version 2 and Kunming C1's
    2025 report."""
    response = client_as("reviewer").get("/en/review/CN/")
    assert response.status_code == 200
    assert set(keys(response)) == pending_keys()
    assert len(keys(response)) == 3
    deadlines = [row["item"].review_deadline for row in response.context["rows"]]
    assert deadlines == sorted(deadlines)


def test_the_queue_filters_by_kind_state_and_government(demo, client_as):
    client = client_as("reviewer")
    reports = client.get("/en/review/CN/", {"kind": "progress"})
    assert [k.split(":")[0] for k in keys(reports)] == ["progress"]
    returned = client.get("/en/review/CN/", {"state": "returned"})
    assert [row["item"].government.code for row in returned.context["rows"]] == ["CN-YN"]
    shenzhen = client.get("/en/review/CN/", {"state": "all", "government": "CNSZX"})
    assert {row["item"].government.code for row in shenzhen.context["rows"]} == {"CNSZX"}
    accepted = client.get("/en/review/CN/", {"state": "accepted"})
    assert any(row["item"].auto_accepted for row in accepted.context["rows"])


def test_bulk_accept_decides_every_ticked_item_and_writes_the_audit_log(demo, client_as):
    client = client_as("reviewer")
    ticked = sorted(pending_keys())
    response = client.post(
        "/en/review/CN/",
        {"items": ticked, "decision": "accept", "comment": "Thank you."},
        follow=True,
    )
    assert response.status_code == 200
    assert pending_keys() == set()
    assert AuditEntry.objects.filter(action="review.accept").count() >= 3
    assert "3 item(s) decided." in response.content.decode()


def test_bulk_return_without_a_comment_is_refused_and_nothing_changes(demo, client_as):
    before = pending_keys()
    response = client_as("reviewer").post(
        "/en/review/CN/", {"items": sorted(before), "decision": "return"}, follow=True
    )
    assert "the comment is required" in response.content.decode()
    assert pending_keys() == before


def test_items_of_another_country_cannot_be_slipped_into_a_bulk_decision(demo, client_as):
    before = pending_keys()
    client_as("reviewer").post("/en/review/FR/", {"items": sorted(before), "decision": "accept"})
    assert pending_keys() == before


def test_a_single_decision_from_the_item_page(demo, client_as):
    report = ProgressReport.objects.get(state="pending")
    response = client_as("reviewer").post(
        f"/en/review/item/progress/{report.pk}/",
        {"decision": "return", "comment": "Add the 2025 bird count."},
    )
    assert response.status_code == 302 and response["Location"] == f"/en/progress/{report.pk}/"
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("returned", "Add the 2025 bird count.")


def test_the_auto_accept_switch(demo, client_as):
    client = client_as("reviewer")
    client.post("/en/review/CN/settings/", {"auto_accept": "on"})
    assert client.get("/en/review/CN/").context["auto_accept"] is True
    client.post("/en/review/CN/settings/", {})
    assert client.get("/en/review/CN/").context["auto_accept"] is False
    assert AuditEntry.objects.filter(action="review.settings").count() == 2
