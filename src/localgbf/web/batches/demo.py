"""Demo: China's national layers uploaded by its reviewer, and a finished batch of four cities.

The layers are synthetic (demo_data/README.md); the batch is the real one, computed from them
by `localgbf.batch` (see `demo_batch`). Its values wait in the cities' assessments as
computation records pre-filled by batch, exactly as a job would leave them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from localgbf.batch import GovernmentRun, Status
from localgbf.web.batches import demo_batch, services
from localgbf.web.batches.models import BatchRun
from localgbf.web.core.demo import DemoContext
from localgbf.web.datasets.inspect import describer_for
from localgbf.web.datasets.models import Dataset, file_store
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job, JobStatus

COUNTRY = "CN"
REVIEWER = "china.reviewer"
LAUNCHED = datetime(2025, 5, 22, 9, 30, tzinfo=UTC)
FINISHED = datetime(2025, 5, 22, 9, 31, tzinfo=UTC)
SYNTHETIC = (
    "Synthetic demonstration layer made by localgbf (demo_data/build_layers.py); not survey "
    "data. City centres and areas are public facts."
)
# role -> dataset kind, title
LAYERS = {
    "landcover": ("landcover", "Land cover of Yunnan and Guangdong, 200 m (synthetic demo)"),
    "boundaries": ("subunits", "City outlines of the demo (synthetic shapes, official areas)"),
}


def _dataset(country: Government, path: Path, kind: str, title: str, user: Any) -> Dataset:
    """The file as an uploaded dataset of the country, stored once and already inspected."""
    with path.open("rb") as handle:
        stored = file_store().put(handle, path.name)
    describe = describer_for(kind)
    metadata = {"status": "ok", **describe(stored.path, path.name)} if describe else {}
    dataset, _ = Dataset.objects.update_or_create(
        government=country,
        kind=kind,
        sha256=stored.sha256,
        defaults={
            "title": title,
            "filename": path.name,
            "size": stored.size,
            "licence": "CC0 1.0",
            "citation": SYNTHETIC,
            "metadata": metadata,
            "uploaded_by": user,
        },
    )
    return dataset


def _outcomes(kept: dict[str, Any]) -> list[services.Outcome]:
    from localgbf.assess import AssessmentResult

    return [
        services.Outcome(
            GovernmentRun(
                code=o["code"],
                name=o["name"],
                status=Status(o["status"]),
                error=o["error"],
                seconds=o["seconds"],
                peak_mib=o["peak_mib"],
            ),
            AssessmentResult.model_validate(o["result"]) if o["result"] else None,
        )
        for o in kept["outcomes"]
    ]


def build(ctx: DemoContext) -> None:
    country = ctx[f"government:{COUNTRY}"]
    user = ctx[f"user:{REVIEWER}"]
    paths = demo_batch.layers()
    chosen = {
        role: _dataset(country, paths[role], kind, title, user)
        for role, (kind, title) in LAYERS.items()
    }
    if BatchRun.objects.filter(country=country, job__params__demo=True).exists():
        return
    options = {**demo_batch.options(), "occurrences": None, "checklist": None}
    run = BatchRun.objects.create(
        country=country,
        created_by=user,
        inputs=[row for role, d in chosen.items() for row in services.snapshot(role, d)],
        **chosen,
        **options,
    )
    run.job = Job.objects.create(
        kind=services.JOB_KIND,
        params={"batch": run.pk, "demo": True},
        status=JobStatus.SUCCEEDED,
        progress=1.0,
        government=country,
        created_by=user,
        started_at=LAUNCHED,
        finished_at=FINISHED,
    )
    run.save(update_fields=["job"])
    kept = demo_batch.kept() or demo_batch.compute()
    result = services.record_outcomes(
        run,
        run.job,
        _outcomes(kept),
        cluster=kept["cluster"],
        seconds=kept["seconds"],
        not_found=kept["not_found"],
        finished_at=FINISHED,
    )
    Job.objects.filter(pk=run.job.pk).update(result=result)
    BatchRun.objects.filter(pk=run.pk).update(created_at=LAUNCHED)
    Job.objects.filter(pk=run.job.pk).update(created_at=LAUNCHED)
