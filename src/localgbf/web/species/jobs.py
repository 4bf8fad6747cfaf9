from __future__ import annotations

from typing import Any

from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.registry import Reporter, register
from localgbf.web.species import services
from localgbf.web.species.models import Fetch, SpeciesImport


@register(services.IMPORT_JOB)
def import_file(job: Job, report: Reporter) -> dict[str, Any]:
    """An uploaded occurrence file or checklist into the government's species store."""
    row = SpeciesImport.objects.select_related("government", "dataset").get(pk=job.params["import"])
    return services.run_import(row, report)


@register(services.FETCH_JOB)
def fetch(job: Job, report: Reporter) -> dict[str, Any]:
    """Records from GBIF or iNaturalist for the government's boundary, resumable."""
    row = Fetch.objects.select_related("government", "boundary").get(pk=job.params["fetch"])
    return services.run_fetch(row, report)


@register(services.SUMMARY_JOB)
def summary(job: Job, report: Reporter) -> dict[str, Any]:
    """What the species page shows, after a new boundary or sensitive-species list."""
    government = Government.objects.get(pk=job.params["government"])
    data = services.refresh_summary(government).data
    return {"species": len(data["species"]), "datasets": len(data["datasets"])}
