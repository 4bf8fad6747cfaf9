"""Demo species data of Monaco: a made-up city survey, the real GRIIS checklist, a made-up
local checklist and sensitive-species list, and real GBIF records from a recorded response.

Imports go through the same service as the background job, into the species store under the
file store; the GBIF data set is imported from the recorded records with GBIF's search
citation, and its fetch row says plainly that it was replayed, not fetched for Monaco.
Idempotent: the store keeps each file once, and rows are found again by their dataset.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from localgbf.species.connectors.gbif import search_citation
from localgbf.species.connectors.runs import FetchReport
from localgbf.species.eml import DatasetInfo
from localgbf.species.occurrences import import_occurrences
from localgbf.web.computations.demo_city import (
    DEMO_TIME,
    OFFICER,
    SPECIES_DATA,
    backdate,
    boundary,
    demo_dataset,
    digest,
    kept,
    monaco,
)
from localgbf.web.core.demo import DemoContext
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.species import services
from localgbf.web.species.models import Fetch, SpeciesImport, SpeciesSummary

MADE_UP = "Made up for the localgbf demo; not real observations."
GRIIS_CITATION = (
    "Pagad S (2022): Global Register of Introduced and Invasive Species - Monaco. v1.2. "
    "Invasive Species Specialist Group ISSG. Dataset/Checklist. "
    "https://cloud.gbif.org/griis/resource?r=griis-monaco&v=1.2"
)
# file, kind, title, licence, citation
FILES = [
    ("monaco_city_survey_demo.csv", "occurrences", "City biodiversity survey 2015–2024 (demo)",
     "CC0 1.0", MADE_UP),
    ("griis_monaco_v1.2.zip", "checklist", "GRIIS Monaco v1.2", "CC BY 4.0", GRIIS_CITATION),
    ("monaco_checklist_demo.csv", "checklist", "Local checklist of the city (demo)", "CC0 1.0",
     MADE_UP),
    ("monaco_sensitive_demo.csv", "sensitive", "Sensitive species (demo)", "CC0 1.0", MADE_UP),
]  # fmt: skip
RECORDED_ON = date(2025, 11, 13)
SUMMARY_FILE = SPECIES_DATA / "monaco_species_summary.json"
REPLAYED = (
    "Demo: GBIF's answer to an occurrence search recorded by the rgbif test suite on 13 November "
    "2025 (Encelia californica, 1990–1991), replayed without the network. The records are from "
    "California and Baja California: none lies inside Monaco, so none counts in its indicators."
)


def _finished_job(kind: str, government: Government, user: Any, params: dict[str, Any]) -> Job:
    job = Job.objects.create(
        kind=kind,
        params={**params, "demo": True},
        status=JobStatus.SUCCEEDED,
        progress=1.0,
        government=government,
        created_by=user,
        started_at=DEMO_TIME,
        finished_at=DEMO_TIME,
    )
    backdate(job, minutes=3)
    return job


def _import(government: Government, user: Any, dataset: Any) -> None:
    if SpeciesImport.objects.filter(dataset=dataset).exists():
        return
    kind = "checklist" if dataset.kind == "checklist" else "occurrences"
    row = SpeciesImport.objects.create(
        government=government, dataset=dataset, kind=kind, created_by=user
    )
    row.job = _finished_job(services.IMPORT_JOB, government, user, {"import": row.pk})
    row.save(update_fields=["job"])
    backdate(row, minutes=3)
    outcome = services.run_import(row, lambda fraction, message: None, refresh=False)
    Job.objects.filter(pk=row.job.pk).update(result=outcome)


def _gbif_fetch(ctx: DemoContext, government: Government, user: Any) -> None:
    if Fetch.objects.filter(government=government, job__params__demo=True).exists():
        return
    recorded = json.loads((SPECIES_DATA / "gbif_search_recorded.json").read_text("utf-8"))
    info = DatasetInfo(
        title="GBIF occurrence search (recorded response, demo)",
        citation=search_citation(RECORDED_ON),
        rights="Each record keeps the licence its publisher gave it.",
        publisher="GBIF.org",
    )
    found = import_occurrences(
        recorded["records"],
        services.government_store(government),
        info=info,
        label="gbif-search-recorded",
        imported_at=DEMO_TIME,
    )
    report = FetchReport("GBIF", "search", "recorded", queries=1, pages_fetched=1, requests=1)
    report.received = len(recorded["records"])
    report.dataset, report.already_present = found.dataset, found.already_present
    report.warnings.append(
        "an occurrence search has no DOI; to publish results, cite a GBIF download"
    )
    fetch = Fetch.objects.create(
        government=government,
        service="gbif",
        method="search",
        boundary=boundary(ctx),
        year_from=1990,
        year_to=1991,
        result={**report.as_json(), "replayed": REPLAYED},
        store_entry=found.dataset.id,
        citation=found.dataset.info.citation or "",
        created_by=user,
        finished_at=DEMO_TIME,
    )
    fetch.job = _finished_job(services.FETCH_JOB, government, user, {"fetch": fetch.pk})
    fetch.save(update_fields=["job"])
    backdate(fetch, minutes=3)


def build(ctx: DemoContext) -> None:
    government = monaco(ctx)
    user = ctx[f"user:{OFFICER}"]
    boundary(ctx)
    for name, kind, title, licence, citation in FILES:
        dataset = demo_dataset(
            government,
            SPECIES_DATA / name,
            kind=kind,
            title=title,
            licence=licence,
            citation=citation,
            user=user,
        )
        ctx.objects[f"dataset:{government.code}:{name}"] = dataset
        if kind != "sensitive":
            _import(government, user, dataset)
    _gbif_fetch(ctx, government, user)
    key = summary_key(government)
    data = kept(SUMMARY_FILE, key)
    if data is None:
        services.refresh_summary(government)
    else:
        SpeciesSummary.objects.update_or_create(
            government=government, defaults={"data": data, "boundary": boundary(ctx)}
        )


def summary_key(government: Government) -> str:
    """What the species page depends on: the store's sources, the boundary, the sensitive list."""
    store = services.government_store(government)
    return digest(
        {
            "sources": sorted([d.source_sha256 for d in store.datasets()]
                              + [c.source_sha256 for c in store.checklists()]),
            "files": sorted(government.datasets.filter(kind__in=["boundary", "sensitive"])
                            .values_list("kind", "sha256")),
        }
    )  # fmt: skip
