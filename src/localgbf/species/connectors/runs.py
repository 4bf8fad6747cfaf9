"""What every connector run shares: the report, clipping to the boundary, the import step.

A run fetches pages into its saved state (`state.py`), then hands the whole set to the species
importer in one call, which is all or nothing and refuses records whose occurrence id is
already stored. Only after the import succeeded is the run marked finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from localgbf.species.clip import points_in_polygon
from localgbf.species.connectors.reference import reference_versions
from localgbf.species.connectors.state import RunState
from localgbf.species.eml import DatasetInfo
from localgbf.species.engine import Progress
from localgbf.species.errors import SpeciesDataError
from localgbf.species.occurrences import ImportResult, import_occurrences
from localgbf.species.store import DatasetRecord, Store

FETCH_SHARE = 0.9
"""Share of the progress bar given to fetching; the import takes the rest."""


@dataclass
class FetchReport:
    """What a connector run did, for the CLI, the web job and the data set's history."""

    service: str
    method: str
    run: str
    resumed: bool = False
    queries: int = 0
    pages_fetched: int = 0
    pages_reused: int = 0
    requests: int = 0
    retries: int = 0
    received: int = 0
    duplicates: int = 0
    outside_boundary: int = 0
    obscured: dict[str, int] = field(default_factory=dict)
    dataset: DatasetRecord | None = None
    already_present: bool = False
    download_key: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return self.received - self.duplicates - self.outside_boundary

    def as_json(self) -> dict[str, Any]:
        dataset = None
        if self.dataset is not None:
            dataset = {
                "id": self.dataset.id,
                "source": self.dataset.source_name,
                "format": self.dataset.format,
                "records": self.dataset.records,
                "rejected": self.dataset.rejected,
                "obscured": self.dataset.obscured,
                "licences": self.dataset.licences,
                **self.dataset.info.model_dump(),
            }
        return {
            "service": self.service,
            "method": self.method,
            "run": self.run,
            "resumed": self.resumed,
            "queries": self.queries,
            "pages_fetched": self.pages_fetched,
            "pages_reused": self.pages_reused,
            "requests": self.requests,
            "retries": self.retries,
            "received": self.received,
            "duplicates": self.duplicates,
            "outside_boundary": self.outside_boundary,
            "kept": self.kept,
            "obscured": self.obscured,
            "already_present": self.already_present,
            "download_key": self.download_key,
            "dataset": dataset,
            "reference": reference_versions(),
            "warnings": self.warnings,
        }


def fetch_progress(progress: Progress | None) -> Callable[[str, int, int], None]:
    """A page counter on the fetch share of the bar."""

    def update(label: str, done: int, total: int) -> None:
        if progress is not None:
            progress(label, FETCH_SHARE * (done / total if total else 1.0))

    return update


def import_progress(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None

    def update(label: str, fraction: float) -> None:
        progress(f"importing: {label}", FETCH_SHARE + (1 - FETCH_SHARE) * fraction)

    return update


def unique_by(
    records: Iterable[Mapping[str, Any]], key: str
) -> tuple[list[Mapping[str, Any]], int]:
    """Records with distinct `key`, sorted by it (numerically when it is a number)."""
    seen: dict[str, Mapping[str, Any]] = {}
    total = 0
    for record in records:
        total += 1
        value = record.get(key)
        seen.setdefault(str(value), record)

    def order(item: tuple[str, Any]) -> tuple[int, int, str]:
        text = item[0]
        return (0, int(text), "") if text.isdigit() else (1, 0, text)

    kept = [record for _, record in sorted(seen.items(), key=order)]
    return kept, total - len(kept)


def inside(
    records: list[Mapping[str, Any]], boundary: BaseGeometry, lon: str, lat: str
) -> tuple[list[Mapping[str, Any]], int]:
    """Records whose point lies in or on the boundary; records without a point are kept for
    the importer, which sets them aside with the reason."""
    if not records:
        return [], 0
    x = np.array([_number(r.get(lon)) for r in records], dtype=np.float64)
    y = np.array([_number(r.get(lat)) for r in records], dtype=np.float64)
    located = np.isfinite(x) & np.isfinite(y)
    hit = np.zeros(len(records), dtype=bool)
    if located.any():
        hit[located] = points_in_polygon(boundary, x[located], y[located])
    keep = hit | ~located
    return [r for r, k in zip(records, keep, strict=True) if k], int((~keep).sum())


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def import_fetched(
    source: Path | list[Mapping[str, Any]],
    store: Store,
    state: RunState,
    report: FetchReport,
    *,
    info: DatasetInfo,
    label: str,
    format: str | None = None,
    records: Sequence[Mapping[str, Any]] = (),
    id_field: str = "",
    progress: Progress | None = None,
    imported_at: datetime | None = None,
) -> ImportResult | None:
    """Import a fetched set in one all-or-nothing step and close the run. An empty set is not
    imported (an empty data set would only clutter the store); the run is closed all the same."""
    if isinstance(source, list) and not source:
        state.finish(None)
        report.warnings.append("no records were found for this query; nothing was imported")
        if progress is not None:
            progress("done", 1.0)
        return None
    try:
        result = import_occurrences(
            source,
            store,
            format=format,
            info=info,
            label=label,
            progress=import_progress(progress),
            imported_at=imported_at or datetime.now(UTC),
        )
    except SpeciesDataError as exc:
        raise _naming_the_record(exc, records, id_field) from exc
    state.finish(result.dataset.id)
    report.dataset = result.dataset
    report.already_present = result.already_present
    if progress is not None:
        progress("done", 1.0)
    return result


def _naming_the_record(
    exc: SpeciesDataError, records: Sequence[Mapping[str, Any]], id_field: str
) -> SpeciesDataError:
    """The importer's error with the fetched record's id, since the line it names is in a file
    the run wrote (line 1 is the header)."""
    index = (exc.line or 0) - 2
    if not id_field or not 0 <= index < len(records):
        return exc
    problem = f"{exc.problem} (record {id_field} {records[index].get(id_field)})"
    return SpeciesDataError(exc.file, problem, line=exc.line, field=exc.field)


def licence_of(records: Iterable[Mapping[str, Any]], key: str) -> str | None:
    """The licence shared by every record, or None when they differ or are missing."""
    found = {str(r.get(key) or "") for r in records}
    return found.pop() or None if len(found) == 1 else None
