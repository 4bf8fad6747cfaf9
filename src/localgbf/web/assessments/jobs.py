"""Background work of the assessments app: rendering the bilingual PDF score card.

The job gets the score card itself in its parameters, so the file it renders is exactly the
card the officer saw; the file is kept in the content-addressed store under the card's digest.
"""

from __future__ import annotations

import io
from typing import Any

from localgbf.index.scorecard import ScoreCard
from localgbf.reporting.pdf import find_cjk_font
from localgbf.reporting.scorecard import scorecard_pdf
from localgbf.web.assessments.models import Assessment, ScoreCardFile
from localgbf.web.assessments.services import scorecard_digest
from localgbf.web.datasets.models import file_store
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.queue import enqueue
from localgbf.web.jobs.registry import Reporter, register

PDF_JOB = "assessments.scorecard_pdf"


@register(PDF_JOB)
def render_scorecard_pdf(job: Job, report: Reporter) -> dict[str, Any]:
    row = Assessment.objects.get(pk=job.params["assessment"])
    card = ScoreCard.model_validate(job.params["card"])
    digest = job.params["digest"]
    report(0.1, "PDF")
    pdf = scorecard_pdf(card, font=find_cjk_font())
    report(0.9, "PDF")
    stored = file_store().put(io.BytesIO(pdf), "scorecard.pdf")
    ScoreCardFile.objects.get_or_create(
        assessment=row,
        digest=digest,
        format="pdf",
        defaults={"sha256": stored.sha256, "size": stored.size},
    )
    return {"digest": digest, "sha256": stored.sha256, "size": stored.size}


def pdf_job(row: Assessment, digest: str) -> Job | None:
    """The latest PDF job for this exact score card, if any."""
    return (
        Job.objects.filter(kind=PDF_JOB, params__assessment=row.pk, params__digest=digest)
        .order_by("-pk")
        .first()
    )


def queue_pdf(row: Assessment, card: ScoreCard, user: Any) -> Job:
    """Queue the PDF of `card` unless it is ready or being rendered already."""
    digest = scorecard_digest(card)
    job = pdf_job(row, digest)
    if job is not None and job.status != JobStatus.FAILED:
        return job
    return enqueue(
        PDF_JOB,
        {"assessment": row.pk, "digest": digest, "card": card.model_dump(mode="json")},
        government=row.government,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
