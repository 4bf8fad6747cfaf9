"""What a government's species page shows, computed by `localgbf.species` in a background job.

Every species of the store's records inside the boundary (all records when the government has
no boundary yet) with its status from the checklists, its record count and the evidence behind
it: the checklist entries that gave the status and one example record. Never coordinates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shapely

from localgbf.species.engine import EngineSettings
from localgbf.species.evidence import EvidenceWriter, SensitiveSpecies, load_sensitive_species
from localgbf.species.matching import load_checklist_index
from localgbf.species.recipe import read_boundary_lonlat
from localgbf.species.report import unmatched_names
from localgbf.species.selection import Periods, QualityRules, select_records
from localgbf.species.store import Store

STATUSES = ("native", "invasive", "introduced", "uncertain")
WORLD = shapely.box(-180.0, -90.0, 180.0, 90.0)


def sensitive_species(paths: list[Path]) -> SensitiveSpecies:
    keys: set[str] = set()
    for path in paths:
        keys |= load_sensitive_species(path).keys
    return SensitiveSpecies(frozenset(keys))


def describe_store(store: Store) -> dict[str, Any]:
    """The data sets and checklists of the store, as the page lists them."""
    return {
        "datasets": [
            {
                "id": d.id,
                "source": d.source_name,
                "sha256": d.source_sha256,
                "format": d.format,
                "imported_at": d.imported_at,
                "rows_read": d.rows_read,
                "records": d.records,
                "rejected": d.rejected,
                "obscured": d.obscured,
                "licences": d.licences,
                "info": d.info.model_dump(),
            }
            for d in store.datasets()
        ],
        "checklists": [
            {
                "id": c.id,
                "source": c.source_name,
                "sha256": c.source_sha256,
                "format": c.format,
                "scope": c.scope,
                "entries": c.entries,
                "by_category": c.by_category,
                "flagged_invasive": c.flagged_invasive,
                "info": c.info.model_dump(),
            }
            for c in store.checklists()
        ],
    }


def species_summary(
    store: Store, *, boundary: Path | None, sensitive: SensitiveSpecies
) -> dict[str, Any]:
    """The species page's content for `store`, clipped to `boundary` when there is one."""
    out: dict[str, Any] = {**describe_store(store), "species": [], "unmatched": []}
    out.update(excluded={}, obscured=0, warnings=[], clipped=boundary is not None)
    if not out["datasets"]:
        return out
    settings = EngineSettings(memory_limit_mb=512, threads=1)
    if boundary is not None:
        geometry, notes = read_boundary_lonlat(boundary)
        out["warnings"] = list(notes)
    else:
        geometry = WORLD
    selection = select_records(
        store,
        boundary=geometry,
        index=load_checklist_index(store),
        rules=QualityRules.default(),
        periods=Periods(),
        settings=settings,
    )
    evidence = EvidenceWriter(store, selection, sensitive, settings)
    present = selection.present(0)
    for status in STATUSES:
        mask = present & [t.status == status for t in selection.taxa]
        out["species"] += evidence.species(mask, 0)
    out["species"].sort(key=lambda s: (s["group"] or "~", s["species"]))
    out["unmatched"] = [
        {"species": u.species, "group": u.group, "records": u.records, "names": list(u.names)}
        for u in unmatched_names(selection)
    ]
    out["excluded"] = {k: int(v) for k, v in selection.excluded.items()}
    out["obscured"] = int(selection.obscured[0])
    return out
