from __future__ import annotations

from typing import Any

from localgbf.web.datasets.inspect import describer_for
from localgbf.web.datasets.models import Dataset
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.registry import Reporter, register


@register("datasets.inspect")
def inspect_dataset(job: Job, report: Reporter) -> dict[str, Any]:
    """Read what an uploaded file holds; a file that cannot be used is flagged with the reason."""
    dataset = Dataset.objects.get(pk=job.params["dataset"])
    describe = describer_for(dataset.kind)
    if describe is None:
        metadata: dict[str, Any] = {"status": "stored"}
    else:
        report(0.1, dataset.filename)
        try:
            metadata = {"status": "ok", **describe(dataset.path, dataset.filename)}
        except ValueError as exc:
            Dataset.objects.filter(pk=dataset.pk).update(
                metadata={"status": "problem", "problem": str(exc)}
            )
            raise
    Dataset.objects.filter(pk=dataset.pk).update(metadata=metadata)
    return metadata
