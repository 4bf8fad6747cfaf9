"""Species indicators for one store and boundary, with what a person needs to check them.

`compute_indicators` is the computation (it takes a boundary geometry and a built-up test,
not files); `localgbf.species.recipe.species_indicators` is the loader that takes paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from localgbf.provenance import IndicatorValue, InputFile
from localgbf.species import indicators
from localgbf.species.engine import EngineSettings
from localgbf.species.evidence import EvidenceWriter, SensitiveSpecies
from localgbf.species.indicators.context import BuiltUp, SpeciesContext
from localgbf.species.matching import UNMATCHED, Unlisted, load_checklist_index
from localgbf.species.reference import indicator_methods, taxon_groups
from localgbf.species.selection import Periods, QualityRules, Selection, select_records
from localgbf.species.store import ChecklistRecord, DatasetRecord, Store
from localgbf.species.taxa import Taxon


@dataclass(frozen=True)
class UnmatchedName:
    """A species of an indicator group that no checklist lists, with its record count."""

    species: str
    group: str | None
    records: int
    names: tuple[str, ...]


@dataclass
class SpeciesReport:
    indicators: list[IndicatorValue]
    unmatched: list[UnmatchedName]
    obscured_records: int
    excluded: dict[str, int]
    datasets: list[DatasetRecord]
    checklists: list[ChecklistRecord]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            f"indicator_{v.indicator}": v.model_dump(mode="json") for v in self.indicators
        }
        out["unmatched_names"] = len(self.unmatched)
        out["obscured_records"] = self.obscured_records
        out["unmatched"] = [
            {"species": u.species, "group": u.group, "records": u.records, "names": list(u.names)}
            for u in self.unmatched
        ]
        out["excluded_records"] = self.excluded
        out["datasets"] = [
            {"id": d.id, "source": d.source_name, "records": d.records, **d.info.model_dump()}
            for d in self.datasets
        ]
        out["checklists"] = [
            {"id": c.id, "source": c.source_name, "scope": c.scope, "entries": c.entries,
             **c.info.model_dump()}
            for c in self.checklists
        ]  # fmt: skip
        out["warnings"] = self.warnings
        return out


def store_inputs(store: Store) -> tuple[InputFile, ...]:
    """The stored data sets and checklists as provenance inputs (by source checksum)."""
    occurrences = [
        InputFile(role="occurrences", name=d.source_name, sha256=d.source_sha256)
        for d in store.datasets()
    ]
    checklists = [
        InputFile(role="checklist", name=c.source_name, sha256=c.source_sha256)
        for c in store.checklists()
    ]
    return tuple(occurrences + checklists)


def _native_birds(taxa: list[Taxon]) -> np.ndarray:
    group = indicator_methods().get(3).group
    return np.array([t.status == "native" and t.group == group for t in taxa], dtype=bool)


def unmatched_names(selection: Selection) -> list[UnmatchedName]:
    """Species of the indicator groups recorded in the survey period that no checklist lists."""
    groups = set(taxon_groups().ids())
    out = [
        UnmatchedName(t.key, t.group, int(selection.counts[i, 0]), tuple(sorted(t.names)[:5]))
        for i, t in enumerate(selection.taxa)
        if t.status == UNMATCHED and t.group in groups and selection.counts[i, 0] > 0
    ]
    return sorted(out, key=lambda u: (-u.records, u.species))


def compute_indicators(
    store: Store,
    *,
    boundary: BaseGeometry,
    builtup: BuiltUp | None = None,
    rules: QualityRules | None = None,
    periods: Periods | None = None,
    unlisted: Unlisted = "unmatched",
    sensitive: SensitiveSpecies | None = None,
    inputs: Iterable[InputFile] = (),
    warnings: Iterable[str] = (),
    numbers: Iterable[int] = tuple(indicators.INDICATORS),
    settings: EngineSettings | None = None,
) -> SpeciesReport:
    """Indicators 3-6 and 9 (or those in `numbers`) from every data set and checklist in
    `store`, for records inside `boundary` (WGS 84 longitude / latitude)."""
    rules = rules or QualityRules.default()
    settings = settings or EngineSettings()
    numbers = tuple(numbers)
    selection = select_records(
        store,
        boundary=boundary,
        index=load_checklist_index(store),
        rules=rules,
        periods=periods,
        unlisted=unlisted,
        sample_taxa=_native_birds if 3 in numbers and builtup is not None else None,
        settings=settings,
    )
    notes = list(warnings)
    if not store.checklists():
        notes.append("the store holds no checklist, so no species is known to be native")
    sources = [
        {"kind": "occurrences", "id": d.id, "source": d.source_name, **d.info.model_dump()}
        for d in selection.datasets
    ] + [
        {"kind": "checklist", "id": c.id, "source": c.source_name, **c.info.model_dump()}
        for c in store.checklists()
    ]
    context = SpeciesContext(
        selection=selection,
        evidence=EvidenceWriter(store, selection, sensitive or SensitiveSpecies()),
        rules=rules,
        builtup=builtup,
        inputs=tuple(dict.fromkeys((*store_inputs(store), *inputs))),
        warnings=tuple(notes),
        sources=sources,
    )
    return SpeciesReport(
        indicators=indicators.compute(context, numbers),
        unmatched=unmatched_names(selection),
        obscured_records=int(selection.obscured[0]),
        excluded=selection.excluded,
        datasets=selection.datasets,
        checklists=store.checklists(),
        warnings=notes,
    )
