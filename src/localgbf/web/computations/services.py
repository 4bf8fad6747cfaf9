"""Starting a computation, running it in the background, and saving an edited class map."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from localgbf.assess import AssessError, run_assessment
from localgbf.spatial.classmap import ClassMap, load_class_map
from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.assessments.services import add_computations
from localgbf.web.computations.models import Computation, ComputationInput, SavedClassMap
from localgbf.web.computations.recipes import RecipeProblem, build_recipe
from localgbf.web.computations.workdir import without_folder
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import enqueue

JOB_KIND = "computations.assess"
Reporter = Callable[[float, str], None]


class ComputationFailed(ValueError):
    """A computation whose inputs could not be used; the message names the file and why."""


@transaction.atomic
def start_computation(
    government: Government,
    *,
    user: Any,
    datasets: dict[str, Dataset],
    options: dict[str, Any],
) -> Computation:
    """Record the chosen datasets and queue the job that computes every indicator."""
    computation = Computation.objects.create(government=government, created_by=user, **options)
    for role, dataset in datasets.items():
        ComputationInput.objects.create(computation=computation, role=role, dataset=dataset)
    computation.job = enqueue(
        JOB_KIND, {"computation": computation.pk}, government=government, created_by=user
    )
    computation.save(update_fields=["job"])
    audit.record(
        user,
        "computation.start",
        computation,
        after={
            "inputs": {role: d.sha256 for role, d in datasets.items()},
            "class_map": computation.class_map_label,
            "species": computation.species,
        },
    )
    return computation


def run_computation(computation: Computation, job: Job, report: Reporter) -> dict[str, Any]:
    """Compute, then keep the result and the computation records in one transaction.

    A bad input raises ComputationFailed naming the file; then nothing is kept, neither the
    result nor any record.
    """
    with tempfile.TemporaryDirectory(prefix="localgbf-assess-") as tmp:
        folder = Path(tmp)
        try:
            recipe = build_recipe(computation, folder)
            result = run_assessment(
                recipe, progress=lambda message, fraction: report(fraction, message)
            )
        except (AssessError, RecipeProblem) as exc:
            raise ComputationFailed(without_folder(str(exc), folder)) from None
    values = [v for v in result.indicators if v.value is not None]
    with transaction.atomic():
        records = add_computations(computation.government, values, "job", job=job)
        computation.result = result.model_dump(mode="json")
        computation.finished_at = timezone.now()
        computation.save(update_fields=["result", "finished_at"])
    return {
        "computation": computation.pk,
        "indicators": [v.indicator for v in result.indicators],
        "records": [r.pk for r in records],
        "skipped": sorted(result.skipped),
    }


def records_of(computation: Computation) -> list[ComputationRecord]:
    """The computation records the computation's job handed to the assessments."""
    if computation.job_id is None:
        return []
    return list(ComputationRecord.objects.filter(job_id=computation.job_id).order_by("indicator"))


def class_map_definition(
    base: str, roles: dict[int, list[str]], title: dict[str, str]
) -> dict[str, Any]:
    """A preset with its roles replaced by `roles` (code -> roles), as a class-map document."""
    preset = load_class_map(base)
    document = preset.model_dump(mode="json", exclude_none=True)
    document["id"] = f"{base}-edited"
    document["name"] = {k: v for k, v in title.items() if v}
    document["source"] = f"Edited in localgbf from the preset {base} ({preset.version})."
    for entry in document["classes"]:
        entry["roles"] = sorted(roles.get(int(entry["code"]), []))
    ClassMap.model_validate(document)
    return document


@transaction.atomic
def save_class_map(
    government: Government,
    *,
    user: Any,
    base: str,
    roles: dict[int, list[str]],
    title: dict[str, str],
    instance: SavedClassMap | None = None,
) -> SavedClassMap:
    definition = class_map_definition(base, roles, title)
    before = audit.snapshot(instance) if instance is not None else None
    fields = {"base": base, "title": title, "definition": definition}
    if instance is None:
        saved = SavedClassMap.objects.create(government=government, created_by=user, **fields)
    else:
        SavedClassMap.objects.filter(pk=instance.pk).update(**fields)
        saved = SavedClassMap.objects.get(pk=instance.pk)
    audit.record(
        user,
        "class_map.edit" if before else "class_map.create",
        saved,
        before=before,
        after=audit.snapshot(saved),
    )
    return saved
