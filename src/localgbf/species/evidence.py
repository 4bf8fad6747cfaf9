"""The records and checklist entries behind every number, and the sensitive-species rule.

Indicator details list each species with its record count, the data sets its records come
from, one example record (data set and row, and its occurrence id) and the checklist entries
that gave its status. `records_for` lists every record of a species. Coordinates of species on
the sensitive list are never part of a public output: details carry no coordinates at all, and
`records_for(..., public=True)` blanks them (and withholds example records) for such species.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from localgbf.species.engine import EngineSettings, connect
from localgbf.species.errors import SpeciesDataError
from localgbf.species.matching import ChecklistIndex
from localgbf.species.names import parse_name
from localgbf.species.selection import Selection
from localgbf.species.store import Store
from localgbf.species.tables import TableSpec, iter_records, sql_literal
from localgbf.species.taxa import NOT_SPECIES, TaxonBuilder

ROW_BITS = 32
NAME_HEADERS = ("scientificname", "scientific_name", "name")


@dataclass(frozen=True)
class SensitiveSpecies:
    """Species whose coordinates must not be shown publicly, by species key."""

    keys: frozenset[str] = frozenset()

    def __contains__(self, species: object) -> bool:
        return species in self.keys

    def __len__(self) -> int:
        return len(self.keys)


def load_sensitive_species(path: Path | str) -> SensitiveSpecies:
    """One scientific name per line, or a CSV whose header has a scientificName column."""
    source = Path(path)
    if not source.is_file():
        raise SpeciesDataError(str(source), "does not exist")
    with source.open("rb") as handle:
        head = handle.readline(1 << 16).decode("utf-8", errors="replace")
    delimiter = "\t" if "\t" in head else ","
    spec = TableSpec(source, source.name, "utf-8", delimiter, '"', 0, ())
    rows = list(iter_records(source, spec))
    header = [h.strip().lower() for h in rows[0][1]] if rows else []
    column = next((header.index(c) for c in NAME_HEADERS if c in header), None)
    keys = set()
    for line, row in rows[1:] if column is not None else rows:
        text = row[column or 0].strip() if len(row) > (column or 0) else ""
        if not text:
            continue
        parsed = parse_name(text)
        if parsed is None or parsed.species is None:
            raise SpeciesDataError(
                source.name, f"{text!r} is not a species name", line=line, field="scientificName"
            )
        keys.add(parsed.species)
    return SensitiveSpecies(frozenset(keys))


def decode_reference(encoded: int) -> tuple[int, int]:
    """(data set number, row) from a `Selection.first` value."""
    return int(encoded) >> ROW_BITS, int(encoded) & ((1 << ROW_BITS) - 1)


def occurrence_ids(
    store: Store, selection: Selection, encoded: Iterable[int]
) -> dict[int, str | None]:
    """Occurrence ids of the records named by `Selection.first` values."""
    wanted: dict[int, list[int]] = {}
    for value in {int(v) for v in encoded if v >= 0}:
        number, row = decode_reference(value)
        wanted.setdefault(number, []).append(row)
    out: dict[int, str | None] = {}
    con = selection.source.con
    for number, rows in wanted.items():
        dataset = selection.datasets[number]
        path = store.entry_dir("occurrences", dataset.id) / "records.parquet"
        con.register("wanted_rows", {"row": np.array(sorted(rows), dtype=np.int64)})
        found = con.execute(
            f"SELECT file_row_number, occurrence_id FROM read_parquet("
            f"{sql_literal(str(path))}, file_row_number = true) "
            "SEMI JOIN wanted_rows ON file_row_number = wanted_rows.row"
        ).fetchall()
        con.unregister("wanted_rows")
        for row, occurrence in found:
            out[(number << ROW_BITS) | int(row)] = occurrence
    return out


class EvidenceWriter:
    """Turns taxon codes into the species lists indicator details carry."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        sensitive: SensitiveSpecies,
        settings: EngineSettings | None = None,
    ) -> None:
        # `settings` is accepted for callers written before record lookups moved onto the
        # selection's own connection; the selection's settings apply.
        del settings
        self.store = store
        self.selection = selection
        self.sensitive = sensitive
        self._ids: dict[int, str | None] | None = None

    def _occurrence_ids(self) -> dict[int, str | None]:
        if self._ids is None:
            self._ids = occurrence_ids(self.store, self.selection, self.selection.first.ravel())
        return self._ids

    def names(self, mask: np.ndarray) -> list[str]:
        """The species marked in `mask`, by name only (for long lists)."""
        return sorted(self.selection.taxa[code].key for code in np.flatnonzero(mask))

    def species(self, mask: np.ndarray, slot: int) -> list[dict[str, Any]]:
        """The species marked in `mask`, sorted by name, with their evidence in `slot`."""
        selection = self.selection
        out = []
        for code in np.flatnonzero(mask):
            taxon = selection.taxa[code]
            item: dict[str, Any] = {
                "species": taxon.key,
                "status": taxon.status,
                "group": taxon.group,
                "records": int(selection.counts[code, slot]) if selection.has_slot(slot) else 0,
                "names": sorted(taxon.names)[:5],
                "checklist": [ref.as_evidence() for ref in taxon.entries],
            }
            if taxon.conflict:
                item["conflict"] = True
            if taxon.key in self.sensitive:
                item["sensitive"] = True
            elif selection.has_slot(slot) and selection.first[code, slot] >= 0:
                number, row = decode_reference(selection.first[code, slot])
                item["example"] = {
                    "dataset": selection.datasets[number].id,
                    "row": row,
                    "occurrence_id": self._occurrence_ids().get(int(selection.first[code, slot])),
                }
            out.append(item)
        return sorted(out, key=lambda item: str(item["species"]))


def records_for(
    store: Store,
    species: str,
    *,
    sensitive: SensitiveSpecies | None = None,
    public: bool = True,
    limit: int | None = None,
    settings: EngineSettings | None = None,
) -> list[dict[str, Any]]:
    """Every stored record whose name counts as `species` (before quality rules), with its
    data set, by occurrence id; coordinates are blanked for sensitive species when `public`."""
    parsed = parse_name(species)
    key = parsed.species if parsed else None
    if key is None:
        raise SpeciesDataError("species", f"{species!r} is not a species name")
    hide = public and sensitive is not None and key in sensitive
    builder = TaxonBuilder(ChecklistIndex([]), "unmatched")
    out: list[dict[str, Any]] = []
    con = connect(settings or EngineSettings())
    try:
        for dataset in store.datasets():
            folder = store.entry_dir("occurrences", dataset.id)
            remap = builder.remap(con, folder / "names.parquet")
            code = builder.codes.get(key, NOT_SPECIES)
            ids = np.flatnonzero(remap == code).astype(np.int32)
            if code < 0 or ids.size == 0:
                continue
            con.register("wanted", {"name_id": ids})
            query = (
                "SELECT file_row_number, occurrence_id, longitude, latitude, year, event_date, "
                "basis_of_record, recorded_by, license "
                f"FROM read_parquet({sql_literal(str(folder / 'records.parquet'))}, "
                "file_row_number = true) SEMI JOIN wanted USING (name_id) "
                "ORDER BY occurrence_id NULLS LAST, file_row_number"
            )
            if limit is not None:
                query += f" LIMIT {int(limit) - len(out)}"
            for row in con.execute(query).fetchall():
                record = dict(
                    zip(
                        ("row", "occurrence_id", "longitude", "latitude", "year", "event_date",
                         "basis_of_record", "recorded_by", "license"),
                        row,
                        strict=True,
                    )
                )  # fmt: skip
                if hide:
                    record["longitude"] = record["latitude"] = None
                record["dataset"] = dataset.id
                record["citation"] = dataset.info.citation
                out.append(record)
            con.unregister("wanted")
            if limit is not None and len(out) >= limit:
                break
    finally:
        con.close()
    return out
