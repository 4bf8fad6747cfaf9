"""Putting jobs on the queue and running them."""

from __future__ import annotations

import logging
import os
import socket
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import close_old_connections
from django.utils import timezone

from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.registry import handler_for, load_handlers

log = logging.getLogger(__name__)

WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"
F = TypeVar("F", bound=Callable[[], Any])


@dataclass
class Periodic:
    """A callable the worker runs every `every_seconds` (first at its first loop)."""

    name: str
    every_seconds: float
    func: Callable[[], Any]
    next_due: float = 0.0


PERIODIC: dict[str, Periodic] = {}


def periodic(name: str, *, every_seconds: float) -> Callable[[F], F]:
    """Register `func` to be run by `localgbf worker` every `every_seconds`.

    Apps register in their `jobs.py` (imported by the worker at start). Keep the callable
    short, typically queueing a job, so that the work shows on the job pages.
    """
    if every_seconds <= 0:
        raise ValueError(f"periodic {name!r}: the interval must be positive")

    def decorate(func: F) -> F:
        existing = PERIODIC.get(name)
        if existing is not None and existing.func is not func:
            raise ValueError(f"periodic {name!r} is registered twice")
        PERIODIC[name] = Periodic(name, every_seconds, func)
        return func

    return decorate


def run_due_periodic(clock: Callable[[], float] = time.monotonic) -> list[str]:
    """Run the periodic callables that are due; returns their names. A failure is logged and
    the callable is tried again at its next interval."""
    now = clock()
    ran = []
    for task in list(PERIODIC.values()):
        if now < task.next_due:
            continue
        task.next_due = now + task.every_seconds
        try:
            task.func()
        except Exception:  # a failing periodic task must never take the worker down
            log.exception("periodic %s failed", task.name)
        ran.append(task.name)
    return ran


def enqueue(kind: str, params: dict[str, Any] | None = None, **fields: Any) -> Job:
    """Queue a job; a web request returns at once and the worker does the work."""
    handler_for(kind)  # fail now, in the request, if nobody can run it
    return Job.objects.create(kind=kind, params=params or {}, **fields)


def claim_next(worker: str = WORKER_NAME) -> Job | None:
    """Take the oldest queued job. The conditional UPDATE makes the claim exclusive."""
    for candidate in Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at", "pk")[:5]:
        taken = Job.objects.filter(pk=candidate.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=timezone.now(),
            worker=worker,
            attempts=candidate.attempts + 1,
        )
        if taken:
            return Job.objects.get(pk=candidate.pk)
    return None


def run(job: Job) -> Job:
    try:
        result = handler_for(job.kind)(job, job.report)
    except Exception as exc:  # a failing job must never take the worker down
        log.exception("job %s failed", job.pk)
        message = str(exc) or exc.__class__.__name__
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=message[:5000],
            finished_at=timezone.now(),
            message="",
        )
        if os.environ.get("LOCALGBF_JOB_TRACEBACKS"):
            traceback.print_exc()
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED,
            result=result,
            progress=1.0,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def requeue_abandoned() -> int:
    """Put back on the queue the jobs of workers on this machine that are no longer alive.

    A worker killed mid-job (power cut, Ctrl+C) leaves its job 'running' for ever otherwise.
    """
    host = socket.gethostname()
    count = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING, worker__startswith=f"{host}:"):
        pid = int(job.worker.rsplit(":", 1)[1] or 0)
        if pid and _process_alive(pid):
            continue
        count += Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.QUEUED, worker="", message=""
        )
    return count


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_pending(limit: int | None = None) -> int:
    """Run queued jobs until none is left (or `limit` have run); returns how many ran."""
    count = 0
    while limit is None or count < limit:
        job = claim_next()
        if job is None:
            break
        run(job)
        count += 1
    return count


def work_forever(poll_seconds: float = 1.0) -> None:
    load_handlers()
    log.warning("localgbf worker %s waiting for jobs", WORKER_NAME)
    while True:
        close_old_connections()
        run_due_periodic()
        if not run_pending(limit=1):
            time.sleep(poll_seconds)
