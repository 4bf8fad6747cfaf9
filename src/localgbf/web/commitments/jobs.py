"""Background work of the commitments app.

- `commitments.review_deadlines` accepts every item whose 28-day review window has closed.
  The worker queues it periodically (`localgbf.web.jobs.queue.periodic`); it can be queued by
  hand too, and `localgbf manage review_deadlines` runs the same function at once.
- `commitments.national_report_pdf` renders the national roll-up as a bilingual PDF (a second
  or two with the CJK font) and keeps it in the content-addressed file store, once per state of
  the roll-up (its digest).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from localgbf.reporting.national_report import NationalReport
from localgbf.reporting.national_report_files import national_report_pdf
from localgbf.reporting.pdf import find_cjk_font
from localgbf.web.commitments.exports import today
from localgbf.web.commitments.services import accept_overdue
from localgbf.web.datasets.models import file_store
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.queue import enqueue, periodic
from localgbf.web.jobs.registry import Reporter, register

DEADLINES = "commitments.review_deadlines"
REPORT_PDF = "commitments.national_report_pdf"
# How often the worker queues the deadline check. An item is accepted as of its deadline
# whenever the check runs: the interval changes when a page shows it accepted, not the record.
CHECK_EVERY_SECONDS = 15 * 60


@register(DEADLINES)
def review_deadlines(job: Job, report: Reporter) -> dict[str, Any]:
    report(0.0, "accepting items whose review window has closed")
    return {"accepted": accept_overdue()}


@periodic(DEADLINES, every_seconds=CHECK_EVERY_SECONDS)
def queue_review_deadlines() -> Job | None:
    """Queue the check unless one is already waiting."""
    if Job.objects.filter(
        kind=DEADLINES, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    ).exists():
        return None
    return enqueue(DEADLINES, {})


def report_digest(report: NationalReport) -> str:
    return hashlib.sha256(report.model_dump_json().encode("utf-8")).hexdigest()


def _pdf_job(country: Government, digest: str) -> Job | None:
    return (
        Job.objects.filter(kind=REPORT_PDF, params__country=country.code, params__digest=digest)
        .exclude(status=JobStatus.FAILED)
        .order_by("-created_at")
        .first()
    )


def report_pdf_file(country: Government, report: NationalReport) -> Path | None:
    """The stored PDF of this very roll-up, when it has been rendered."""
    job = _pdf_job(country, report_digest(report))
    if job is None or job.status != JobStatus.SUCCEEDED or not job.result:
        return None
    path = file_store().path_for(job.result["sha256"], "report.pdf")
    return path if path.is_file() else None


def queue_report_pdf(country: Government, report: NationalReport, user: Any) -> Job:
    digest = report_digest(report)
    job = _pdf_job(country, digest)
    if job is not None:
        return job
    return enqueue(
        REPORT_PDF,
        {"country": country.code, "digest": digest, "report": report.model_dump(mode="json")},
        government=country,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


@register(REPORT_PDF)
def render_report_pdf(job: Job, report: Reporter) -> dict[str, Any]:
    report(0.1, "rendering the national roll-up as PDF")
    data = NationalReport.model_validate(job.params["report"])
    body = national_report_pdf(data, font=find_cjk_font(), generated_on=today())
    stored = file_store().put(io.BytesIO(body), "report.pdf")
    return {"sha256": stored.sha256, "size": stored.size}
