from __future__ import annotations

from typing import Any

from localgbf.web.batches import services
from localgbf.web.batches.models import BatchRun
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.registry import Reporter, register


@register(services.JOB_KIND)
def run_batch(job: Job, report: Reporter) -> dict[str, Any]:
    """Assess the governments of a country's batch on Dask and pre-fill their values."""
    run = BatchRun.objects.select_related(
        "country", "landcover", "boundaries", "occurrences", "checklist"
    ).get(pk=job.params["batch"])
    return services.execute(run, job, report)
