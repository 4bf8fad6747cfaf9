"""The worker's periodic hook: callables registered with an interval run when due."""

from __future__ import annotations

import pytest

from localgbf.web.jobs import queue


@pytest.fixture
def registry(db):
    """An empty registry for the test; the apps' registrations are put back afterwards."""
    from localgbf.web.jobs.registry import load_handlers

    load_handlers()
    saved = dict(queue.PERIODIC)
    queue.PERIODIC.clear()
    yield queue.PERIODIC
    queue.PERIODIC.clear()
    queue.PERIODIC.update(saved)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_periodic_callable_runs_at_the_first_loop_then_once_per_interval(registry):
    calls = []
    queue.periodic("test.tick", every_seconds=60)(lambda: calls.append(1))
    clock = Clock()
    assert queue.run_due_periodic(clock) == ["test.tick"]
    clock.now += 59.9
    assert queue.run_due_periodic(clock) == []
    clock.now += 0.1
    assert queue.run_due_periodic(clock) == ["test.tick"]
    assert len(calls) == 2


def test_a_failing_periodic_callable_is_logged_and_does_not_stop_the_others(registry, caplog):
    seen = []

    def boom() -> None:
        raise RuntimeError("mail server down")

    queue.periodic("test.boom", every_seconds=10)(boom)
    queue.periodic("test.ok", every_seconds=10)(lambda: seen.append("ok"))
    assert queue.run_due_periodic(Clock()) == ["test.boom", "test.ok"]
    assert seen == ["ok"]
    assert "periodic test.boom failed" in caplog.text


def test_registering_two_callables_under_one_name_is_refused(registry):
    queue.periodic("test.twice", every_seconds=10)(lambda: None)
    with pytest.raises(ValueError, match="periodic 'test.twice' is registered twice"):
        queue.periodic("test.twice", every_seconds=10)(lambda: None)


@pytest.mark.parametrize("seconds", [0, -5])
def test_an_interval_must_be_positive(registry, seconds):
    with pytest.raises(ValueError, match="periodic 'test.bad': the interval must be positive"):
        queue.periodic("test.bad", every_seconds=seconds)


def test_the_worker_loop_runs_the_periodic_callables(registry, monkeypatch):
    """One turn of `work_forever`: the hook runs before the queue is polled."""
    order = []
    queue.periodic("test.loop", every_seconds=3600)(lambda: order.append("periodic"))

    def stop(seconds: float) -> None:
        order.append("sleep")
        raise KeyboardInterrupt

    monkeypatch.setattr(queue.time, "sleep", stop)
    # The loop drops stale connections; here that would close the test's own transaction.
    monkeypatch.setattr(queue, "close_old_connections", lambda: None)
    with pytest.raises(KeyboardInterrupt):
        queue.work_forever(poll_seconds=0)
    assert order == ["periodic", "sleep"]


def test_the_commitments_app_registers_its_review_deadline_check(db):
    from localgbf.web.jobs.registry import load_handlers

    load_handlers()
    task = queue.PERIODIC["commitments.review_deadlines"]
    assert task.every_seconds == 15 * 60
