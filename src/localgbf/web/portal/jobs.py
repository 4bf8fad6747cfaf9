"""Background work of the portal: the map layers of newly uploaded protected areas and parks.

The worker looks for such datasets every few minutes (`localgbf.web.jobs.queue.periodic`) and
queues one job per file; a page never reads a vector file itself.
"""

from __future__ import annotations

from typing import Any

from localgbf.web.datasets.models import Dataset
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import enqueue, periodic
from localgbf.web.jobs.registry import Reporter, register
from localgbf.web.portal.maplayers import build_layer, missing_layers

MAP_LAYER = "portal.map_layer"
CHECK_EVERY_SECONDS = 5 * 60


@register(MAP_LAYER)
def map_layer(job: Job, report: Reporter) -> dict[str, Any]:
    dataset = Dataset.objects.select_related("government").get(pk=job.params["dataset"])
    report(0.1, dataset.filename)
    layer = build_layer(dataset)
    return {"layer": layer.pk, "features": layer.features, "warnings": layer.warnings}


@periodic(MAP_LAYER, every_seconds=CHECK_EVERY_SECONDS)
def queue_map_layers() -> list[Job]:
    """Queue a job for each dataset that still needs its map layer. Once only: a file whose
    job failed is not tried again by itself (its job page says why)."""
    tried = {job.params.get("dataset") for job in Job.objects.filter(kind=MAP_LAYER)}
    return [
        enqueue(MAP_LAYER, {"dataset": d.pk}, government=d.government)
        for d in missing_layers()
        if d.pk not in tried
    ]
