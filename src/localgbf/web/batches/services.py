"""Launching a batch for a country's governments, running it, and recording what it found.

Who may launch: whoever may review every government the batch pre-fills, that is the
country's reviewers (national focal points) and network administrators (`can(..., REVIEW)`).

The run is one job of the platform's queue. It links the country's uploaded layers into the
batch's folder under their upload names, builds a national manifest (`localgbf.batch`), runs
it on Dask (the scheduler the deployment names, else a local cluster) and hands each
government's values to `assessments.services.add_computations` as source "batch": they wait in
the government's assessments, pre-filled by batch, for an officer to take and confirm.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from localgbf.assess import AssessmentResult
from localgbf.batch import (
    BoundariesRef,
    Cluster,
    NationalSpec,
    SharedSpecies,
    SummaryEntry,
    national_manifest,
    open_cluster,
    run_batch,
)
from localgbf.batch.run import GovernmentRun, read_result
from localgbf.web.assessments.services import ComputationError, add_computations
from localgbf.web.batches.models import BatchItem, BatchRun, ItemStatus
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import enqueue

JOB_KIND = "batches.run"
SOURCE = "batch"
Reporter = Callable[[float, str], None]
SAFE_NAME = re.compile(r"[^\w.\-]+")
VECTOR_KINDS = ("subunits", "boundary")


def targets(country: Government) -> list[Government]:
    """The governments a batch of `country` may pre-fill: every government under it."""
    return list(country.descendants().order_by("path"))


def may_launch(user: Any, country: Government) -> bool:
    """May `user` launch a batch for `country`? Only who may review every government the batch
    would pre-fill: the country's reviewers and network administrators."""
    governments = targets(country)
    return bool(governments) and all(can(user, Action.REVIEW, g) for g in governments)


def may_view(user: Any, country: Government) -> bool:
    return can(user, Action.VIEW_PRIVATE, country)


def layers(country: Government, kinds: tuple[str, ...]) -> Any:
    """The country's datasets of these kinds that the inspection found usable."""
    return Dataset.objects.filter(
        government=country, kind__in=kinds, metadata__status="ok"
    ).order_by("-uploaded_at")


def snapshot(role: str, dataset: Dataset | None) -> list[dict[str, Any]]:
    if dataset is None:
        return []
    return [
        {
            "role": role,
            "title": dataset.title,
            "filename": dataset.filename,
            "sha256": dataset.sha256,
            "licence": dataset.licence,
        }
    ]


@transaction.atomic
def launch(country: Government, *, user: Any, options: dict[str, Any]) -> BatchRun:
    """Record the chosen layers and options and queue the job that runs the batch."""
    datasets = {k: options.get(k) for k in ("landcover", "boundaries", "occurrences", "checklist")}
    run = BatchRun.objects.create(
        country=country,
        created_by=user,
        inputs=[row for role, d in datasets.items() for row in snapshot(role, d)],
        **options,
    )
    run.job = enqueue(JOB_KIND, {"batch": run.pk}, government=country, created_by=user)
    run.save(update_fields=["job"])
    audit.record(
        user,
        "batch.launch",
        run,
        after={
            "inputs": {row["role"]: row["sha256"] for row in run.inputs},
            "codes": run.codes,
            "class_map": run.class_map,
            "edition": run.edition,
        },
    )
    return run


# --- running -----------------------------------------------------------------------------------


def batch_folder(run: BatchRun) -> Path:
    root = getattr(settings, "LOCALGBF_BATCH_DIR", None) or Path(settings.VAR_DIR) / "batches"
    return Path(root) / str(run.pk)


def link_layer(dataset: Dataset, folder: Path, role: str) -> Path:
    """The stored file as `folder/<role>/<upload name>` (a link; a copy where links fail), so
    that results and messages name the file as its uploader knows it."""
    name = SAFE_NAME.sub("_", Path(dataset.filename).name).strip("._") or role
    target = folder / role / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.symlink(dataset.path, target)
    except OSError:
        shutil.copyfile(dataset.path, target)
    return target


def national_spec(run: BatchRun, folder: Path) -> NationalSpec:
    """The national manifest of a run, on the layers linked into `folder`."""
    if run.landcover is None or run.boundaries is None:
        raise ValueError("a layer of this batch has been deleted; launch a new batch")
    species = None
    if run.occurrences is not None:
        years = (run.year_from, run.year_to) if run.year_from and run.year_to else None
        species = SharedSpecies(
            occurrences=(link_layer(run.occurrences, folder, "occurrences"),),
            checklist=link_layer(run.checklist, folder, "checklist") if run.checklist else None,
            years=years,
        )
    return NationalSpec(
        edition=run.edition,
        landcover=link_layer(run.landcover, folder, "landcover"),
        class_map=run.class_map,
        boundaries=BoundariesRef(
            path=link_layer(run.boundaries, folder, "boundaries"),
            code_field=run.code_field,
            name_field=run.name_field or None,
        ),
        species=species,
        codes=tuple(run.codes or [g.code for g in targets(run.country)]),
    )


@contextmanager
def platform_cluster() -> Iterator[Cluster]:
    """The Dask scheduler the deployment names (LOCALGBF_DASK_SCHEDULER), else a local
    cluster of LOCALGBF_BATCH_WORKERS processes (one per core when unset)."""
    address = getattr(settings, "LOCALGBF_DASK_SCHEDULER", "") or None
    workers = getattr(settings, "LOCALGBF_BATCH_WORKERS", None) or None
    with open_cluster(scheduler=address, workers=None if address else workers) as cluster:
        yield cluster


def without_folder(message: str, folder: Path) -> str:
    """A message naming linked layers by their upload names, without the batch's folder."""
    for prefix in dict.fromkeys((str(folder), str(folder.resolve()))):
        message = re.sub(re.escape(prefix) + r"/layers/[^/\s:,]+/", "", message)
        message = message.replace(prefix + "/", "")
    return message


@dataclass(frozen=True)
class Outcome:
    """One government's outcome as the web keeps it: a run and its result document."""

    run: GovernmentRun
    result: AssessmentResult | None


def execute(run: BatchRun, job: Job, report: Reporter) -> dict[str, Any]:
    """Run the batch on Dask and record every government's outcome; the job's result."""
    folder = batch_folder(run)
    folder.mkdir(parents=True, exist_ok=True)
    spec = national_spec(run, folder / "layers")
    manifest = national_manifest(spec, source=f"batch #{run.pk}")
    report(0.02, f"0 / {len(manifest.tasks)}")

    def progress(done: GovernmentRun, finished: int, total: int) -> None:
        report(0.02 + 0.93 * finished / max(total, 1), f"{finished} / {total} · {done.code}")

    with platform_cluster() as cluster:
        batch = run_batch(manifest, folder / "results", cluster, progress=progress)
    outcomes = [
        Outcome(
            replace(r, error=without_folder(r.error, folder)),
            read_result(r.result_path) if r.result_path is not None else None,
        )
        for r in batch.runs
    ]
    return record_outcomes(
        run,
        job,
        outcomes,
        cluster=batch.cluster,
        seconds=batch.seconds,
        not_found=list(batch.not_found),
    )


def record_outcomes(
    run: BatchRun,
    job: Job | None,
    outcomes: list[Outcome],
    *,
    cluster: str,
    seconds: float,
    not_found: list[str],
    finished_at: Any = None,
) -> dict[str, Any]:
    """Keep each government's outcome and pre-fill its values as computation records.

    Idempotent per government: a job that runs again after a crash adds no record twice.
    A government whose values the assessments refuse is recorded as failed, with the reason.
    """
    by_code = {g.code: g for g in targets(run.country)}
    added = 0
    for outcome in outcomes:
        done = outcome.run
        item, _ = BatchItem.objects.get_or_create(
            batch=run,
            code=done.code,
            defaults={"name": done.name, "status": str(done.status)},
        )
        item.name = done.name
        item.government = by_code.get(done.code)
        item.status = str(done.status)
        item.error = done.error
        item.seconds = done.seconds
        item.peak_mib = done.peak_mib
        item.result = outcome.result.model_dump(mode="json") if outcome.result else None
        if outcome.result is not None and item.government is not None and not item.records:
            values = [v for v in outcome.result.indicators if v.value is not None]
            try:
                with transaction.atomic():
                    records = add_computations(item.government, values, SOURCE, job=job)
                    item.records = len(records)
            except (ComputationError, ValueError) as exc:
                item.status = ItemStatus.FAILED
                item.error = f"the assessments refused the values: {exc}"
        item.save()
        added += item.records
    run.cluster = cluster
    run.seconds = seconds
    run.not_found = not_found
    run.finished_at = finished_at or timezone.now()
    run.save(update_fields=["cluster", "seconds", "not_found", "finished_at"])
    items = run.items.all()
    return {
        "batch": run.pk,
        "done": sum(i.status != ItemStatus.FAILED for i in items),
        "failed": sum(i.status == ItemStatus.FAILED for i in items),
        "records": added,
    }


def summary_entries(run: BatchRun) -> list[SummaryEntry]:
    """The run's items as rows of `localgbf.batch.summary_table`."""
    return [
        SummaryEntry(
            code=item.code,
            name=item.name,
            status=item.status,
            error=item.error,
            seconds=item.seconds,
            peak_mib=item.peak_mib,
            result=AssessmentResult.model_validate(item.result) if item.result else None,
        )
        for item in run.items.all()
    ]
