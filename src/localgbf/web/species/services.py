"""Workflow of a government's species data: imports, fetches and the species summary.

The records live in the government's species store, `<LOCALGBF_FILE_STORE>/species/<code>/`,
kept by `localgbf.species`: every import is all or nothing, the same file twice is stored
once, and a fetch resumes from the pages it saved. Heavy work runs in the jobs of `jobs.py`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from localgbf.spatial.errors import SpatialInputError
from localgbf.species.checklists import import_checklist
from localgbf.species.connectors.errors import ConnectorError, ConnectorsDisabled
from localgbf.species.errors import SpeciesDataError
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import Store, open_store
from localgbf.web.computations.workdir import link_file, without_folder
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import enqueue
from localgbf.web.species.models import Fetch, SpeciesImport, SpeciesSummary

IMPORT_JOB = "species.import"
FETCH_JOB = "species.fetch"
SUMMARY_JOB = "species.summary"
Reporter = Callable[[float, str], None]


class SpeciesJobFailed(ValueError):
    """An import or a fetch that could not be completed; the store is as it was before."""


def store_path(government: Government) -> Path:
    return Path(settings.LOCALGBF_FILE_STORE) / "species" / government.code


def government_store(government: Government) -> Store:
    return open_store(store_path(government))


def connectors_enabled() -> bool:
    return bool(getattr(settings, "LOCALGBF_CONNECTORS", True))


def gbif_credentials() -> Any:
    """The deployment's GBIF account (from the environment, see settings), or None."""
    from localgbf.species.connectors.gbif_download import GbifCredentials

    user, password, email = settings.GBIF_USER, settings.GBIF_PWD, settings.GBIF_EMAIL
    if not (user and password and email):
        return None
    return GbifCredentials(user=user, password=password, email=email)


def network_options() -> dict[str, Any]:
    """Transport and clock for the connectors' HTTP clients; the defaults reach the internet.

    Tests replace this function to replay recorded responses.
    """
    return {}


def latest_dataset(government: Government, kind: str) -> Dataset | None:
    return government.datasets.filter(kind=kind).exclude(metadata__status="problem").first()


def sensitive_paths(government: Government) -> list[Path]:
    return [d.path for d in government.datasets.filter(kind="sensitive")]


def sources_by_checksum(
    government: Government, inputs: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Occurrence and checklist inputs of a result, with the citation the store keeps for them
    and the fetch that brought them, when one did."""
    summary = getattr(government, "species_summary", None)
    known: dict[str, dict[str, Any]] = {}
    if summary is not None:
        for entry in (*summary.data.get("datasets", []), *summary.data.get("checklists", [])):
            known[entry["sha256"]] = entry
    fetches = {f.store_entry: f for f in government.species_fetches.exclude(store_entry="")}
    out = []
    for item in inputs:
        entry = known.get(item["sha256"], {})
        out.append(
            {**item, "info": entry.get("info", {}), "fetch": fetches.get(entry.get("id", ""))}
        )
    return out


# --- imports ----------------------------------------------------------------------------------


@transaction.atomic
def start_import(
    government: Government, *, dataset: Dataset, user: Any, format: str = ""
) -> SpeciesImport:
    kind = "checklist" if dataset.kind == "checklist" else "occurrences"
    row = SpeciesImport.objects.create(
        government=government, dataset=dataset, kind=kind, format=format, created_by=user
    )
    row.job = enqueue(IMPORT_JOB, {"import": row.pk}, government=government, created_by=user)
    row.save(update_fields=["job"])
    audit.record(user, "species.import", row, after={"dataset": dataset.sha256, "kind": kind})
    return row


def _import_file(row: SpeciesImport, path: Path, store: Store, report: Reporter) -> dict[str, Any]:
    """The import itself; returns what the import page shows."""
    if row.kind == "checklist":
        report(0.1, row.dataset.filename)
        listed = import_checklist(path, store, format=row.format or None)
        checklist = listed.checklist
        return {
            "entry": checklist.id,
            "already_present": listed.already_present,
            "warnings": list(checklist.warnings),
            "citation": checklist.info.citation,
            "entries": checklist.entries,
            "by_category": checklist.by_category,
            "flagged_invasive": checklist.flagged_invasive,
        }
    found = import_occurrences(
        path,
        store,
        format=row.format or None,
        progress=lambda stage, fraction: report(0.9 * fraction, stage),
    )
    dataset = found.dataset
    return {
        "entry": dataset.id,
        "already_present": found.already_present,
        "warnings": list(dataset.warnings),
        "citation": dataset.info.citation,
        "rows_read": dataset.rows_read,
        "records": dataset.records,
        "rejected": dataset.rejected,
        "obscured": dataset.obscured,
    }


def run_import(row: SpeciesImport, report: Reporter, *, refresh: bool = True) -> dict[str, Any]:
    """Import the file into the store (all or nothing), then refresh the species summary."""
    store = government_store(row.government)
    with tempfile.TemporaryDirectory(prefix="localgbf-species-") as tmp:
        folder = Path(tmp)
        path = link_file(row.dataset.path, folder, row.dataset.filename, row.kind)
        try:
            outcome = _import_file(row, path, store, report)
        except SpeciesDataError as exc:
            raise SpeciesJobFailed(without_folder(str(exc), folder)) from None
    if refresh:
        report(0.92, "summary")
        refresh_summary(row.government)
    SpeciesImport.objects.filter(pk=row.pk).update(
        result=outcome, store_entry=outcome["entry"], finished_at=timezone.now()
    )
    return outcome


# --- fetches ----------------------------------------------------------------------------------


@transaction.atomic
def start_fetch(
    government: Government,
    *,
    user: Any,
    service: str,
    method: str,
    boundary: Dataset,
    years: tuple[int, int] | None,
    groups: list[str],
) -> Fetch:
    if not connectors_enabled():
        raise ConnectorsDisabled()
    fetch = Fetch.objects.create(
        government=government,
        service=service,
        method=method,
        boundary=boundary,
        year_from=years[0] if years else None,
        year_to=years[1] if years else None,
        groups=groups,
        created_by=user,
    )
    queue_fetch(fetch, user)
    audit.record(
        user,
        "species.fetch",
        fetch,
        after={"service": service, "method": method, "boundary": boundary.sha256},
    )
    return fetch


def queue_fetch(fetch: Fetch, user: Any) -> Job:
    """A job for `fetch` (its first, or a retry that resumes from the saved pages)."""
    fetch.job = enqueue(
        FETCH_JOB, {"fetch": fetch.pk}, government=fetch.government, created_by=user
    )
    fetch.save(update_fields=["job"])
    return fetch.job


def run_fetch(fetch: Fetch, report: Reporter) -> dict[str, Any]:
    """Fetch the records inside the boundary and import them; then refresh the summary."""
    from localgbf.web.species.fetching import fetch_records

    if not connectors_enabled():
        raise ConnectorsDisabled()
    try:
        found = fetch_records(
            fetch,
            store=government_store(fetch.government),
            network=network_options(),
            credentials=gbif_credentials(),
            progress=lambda stage, fraction: report(0.95 * fraction, stage),
        )
    except (ConnectorError, SpeciesDataError, SpatialInputError) as exc:
        raise SpeciesJobFailed(str(exc)) from None
    data = found.as_json()
    dataset = data.get("dataset") or {}
    Fetch.objects.filter(pk=fetch.pk).update(
        result=data,
        store_entry=dataset.get("id") or "",
        citation=dataset.get("citation") or "",
        doi=dataset.get("doi") or "",
        finished_at=timezone.now(),
    )
    report(0.96, "summary")
    refresh_summary(fetch.government)
    return {"fetch": fetch.pk, "dataset": dataset.get("id"), "kept": data.get("kept")}


# --- the species page -------------------------------------------------------------------------


def refresh_summary(government: Government) -> SpeciesSummary:
    """Compute what the species page shows from the store (records inside the boundary)."""
    from localgbf.web.species.summary import sensitive_species, species_summary

    boundary = latest_dataset(government, "boundary")
    try:
        data = species_summary(
            government_store(government),
            boundary=boundary.path if boundary is not None else None,
            sensitive=sensitive_species(sensitive_paths(government)),
        )
    except (SpeciesDataError, SpatialInputError) as exc:
        raise SpeciesJobFailed(str(exc)) from None
    summary, _ = SpeciesSummary.objects.update_or_create(
        government=government, defaults={"data": data, "boundary": boundary}
    )
    return summary
