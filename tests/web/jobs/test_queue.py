"""The database job queue: claiming, progress, failure, recovery."""

import pytest

from localgbf.web.jobs import registry
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.queue import claim_next, enqueue, requeue_abandoned, run_pending


@pytest.fixture
def handlers():
    seen = []

    def count_to(job, report):
        n = job.params["n"]
        for i in range(n):
            report((i + 1) / n, f"step {i + 1} of {n}")
            seen.append(Job.objects.get(pk=job.pk).progress)
        return {"counted": n}

    def explode(job, report):
        raise ValueError("landcover.tif has no CRS")

    registry.HANDLERS["test.count"] = count_to
    registry.HANDLERS["test.explode"] = explode
    yield seen
    registry.HANDLERS.pop("test.count")
    registry.HANDLERS.pop("test.explode")


def test_a_job_runs_reports_progress_and_stores_its_result(db, handlers):
    job = enqueue("test.count", {"n": 4})
    assert job.status == JobStatus.QUEUED
    assert run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.result, job.percent) == (JobStatus.SUCCEEDED, {"counted": 4}, 100)
    assert handlers == [0.25, 0.5, 0.75, 1.0]
    assert job.started_at <= job.finished_at


def test_a_failing_job_is_marked_failed_with_its_message_and_the_next_still_runs(db, handlers):
    bad = enqueue("test.explode")
    good = enqueue("test.count", {"n": 1})
    assert run_pending() == 2
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.status, bad.error) == (JobStatus.FAILED, "landcover.tif has no CRS")
    assert good.status == JobStatus.SUCCEEDED


def test_a_claimed_job_cannot_be_claimed_twice(db, handlers):
    enqueue("test.count", {"n": 1})
    first = claim_next("worker-a")
    assert first is not None and first.worker == "worker-a"
    assert claim_next("worker-b") is None


def test_jobs_are_claimed_oldest_first(db, handlers):
    a = enqueue("test.count", {"n": 1})
    enqueue("test.count", {"n": 1})
    assert claim_next().pk == a.pk


def test_an_unknown_kind_is_refused_when_queued(db):
    with pytest.raises(LookupError, match="no handler is registered for job kind 'nope'"):
        enqueue("nope")


def test_a_job_left_running_by_a_dead_worker_is_queued_again(db, handlers):
    import socket

    job = enqueue("test.count", {"n": 1})
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, worker=f"{socket.gethostname()}:999999"
    )
    assert requeue_abandoned() == 1
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_a_job_of_a_live_worker_is_left_alone(db, handlers):
    import os
    import socket

    job = enqueue("test.count", {"n": 1})
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, worker=f"{socket.gethostname()}:{os.getpid()}"
    )
    assert requeue_abandoned() == 0
