from __future__ import annotations

from typing import Any

from localgbf.web.computations.models import Computation
from localgbf.web.computations.services import JOB_KIND, run_computation
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.registry import Reporter, register


@register(JOB_KIND)
def assess(job: Job, report: Reporter) -> dict[str, Any]:
    """Every indicator the chosen datasets allow, through `localgbf.assess.run_assessment`."""
    computation = Computation.objects.select_related("government", "class_map").get(
        pk=job.params["computation"]
    )
    return run_computation(computation, job, report)
