import pytest

from localgbf.web.jobs import registry
from localgbf.web.jobs.queue import enqueue, run_pending


@pytest.fixture
def job(db, users, kunming):
    registry.HANDLERS["test.noop"] = lambda job, report: {"ok": True}
    made = enqueue("test.noop", government=kunming, created_by=users["city_officer"])
    yield made
    registry.HANDLERS.pop("test.noop")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("other_officer", 403),
        ("region_officer", 403),
        ("viewer", 200),
        ("reviewer", 200),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_a_job_page_is_shown_to_the_government_s_members_only(client_as, job, persona, status):
    assert client_as(persona).get(f"/en/jobs/{job.pk}/").status_code == status
    assert client_as(persona).get(f"/en/jobs/{job.pk}/status.json").status_code == status


def test_the_status_document_follows_the_job(client_as, job):
    client = client_as("city_officer")
    assert client.get(f"/en/jobs/{job.pk}/status.json").json()["status"] == "queued"
    run_pending()
    data = client.get(f"/zh-hans/jobs/{job.pk}/status.json").json()
    assert (data["status"], data["status_label"], data["progress"]) == ("succeeded", "已完成", 100)
