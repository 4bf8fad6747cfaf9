"""Counted taxa: every stored name resolved to a species with a status and a taxon group.

Names are read from each data set's names table (a few thousand rows, never the records),
matched against the checklists and grouped into taxa: all the names that resolve to the same
species count once. A taxon's group is the one most of its records point to; its status comes
from the checklist entries its names matched (entries that disagree make it "uncertain").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from localgbf.species.groups import Taxonomy, classify, with_iconic_taxon
from localgbf.species.matching import UNMATCHED, ChecklistIndex, EntryRef, Match, Unlisted
from localgbf.species.tables import sql_literal

NOT_SPECIES = -1


@dataclass
class Taxon:
    """A counted species with its status, group, checklist entries and the names seen."""

    key: str
    status: str = UNMATCHED
    group: str | None = None
    entries: tuple[EntryRef, ...] = ()
    conflict: bool = False
    names: set[str] = field(default_factory=set)
    group_votes: Counter[str] = field(default_factory=Counter)
    statuses: set[str] = field(default_factory=set)


class TaxonBuilder:
    """Gives each counted species one code while the names tables are read."""

    def __init__(self, index: ChecklistIndex, unlisted: Unlisted) -> None:
        self.index = index
        self.unlisted = unlisted
        self.codes: dict[str, int] = {}
        self.taxa: list[Taxon] = []
        self.matches: dict[tuple[str | None, str | None], Match] = {}

    def _match(self, scientific: str | None, accepted: str | None) -> Match:
        key = (scientific, accepted)
        found = self.matches.get(key)
        if found is None:
            found = self.matches[key] = self.index.match(
                scientific, accepted, unlisted=self.unlisted
            )
        return found

    def code(
        self,
        scientific: str | None,
        accepted: str | None,
        taxonomy: Taxonomy,
        iconic: str | None,
        records: int,
    ) -> int:
        """The code of the taxon this name counts as, or NOT_SPECIES."""
        match = self._match(scientific, accepted)
        if match.taxon is None:
            return NOT_SPECIES
        code = self.codes.get(match.taxon)
        if code is None:
            code = self.codes[match.taxon] = len(self.taxa)
            self.taxa.append(Taxon(key=match.taxon))
        taxon = self.taxa[code]
        if scientific:
            taxon.names.add(scientific)
        group = match.group or classify(with_iconic_taxon(taxonomy, iconic))
        for ref in match.entries:
            if group is not None:
                break
            group = classify(Taxonomy(ref.entry.kingdom, ref.entry.phylum, ref.entry.class_))
        if group is not None:
            taxon.group_votes[group] += records
        if match.entries or match.status != UNMATCHED:
            taxon.statuses.add(match.status)
        if match.entries:
            taxon.entries = tuple(dict.fromkeys(taxon.entries + match.entries))
            taxon.conflict = taxon.conflict or match.conflict
        return code

    def remap(self, con: duckdb.DuckDBPyConnection, names: Path) -> np.ndarray:
        """Array name_id -> taxon code for one data set's names table."""
        rows = con.execute(
            "SELECT name_id, scientific_name, accepted_name, kingdom, phylum, class, "
            f"iconic_taxon, records FROM read_parquet({sql_literal(str(names))}) ORDER BY name_id"
        ).fetchall()
        size = (rows[-1][0] + 1) if rows else 0
        remap = np.full(size, NOT_SPECIES, dtype=np.int32)
        for name_id, sci, acc, kingdom, phylum, class_, iconic, records in rows:
            remap[name_id] = self.code(
                sci, acc, Taxonomy(kingdom, phylum, class_), iconic, int(records)
            )
        return remap

    def finish(self) -> list[Taxon]:
        for taxon in self.taxa:
            if taxon.group_votes:
                taxon.group = max(taxon.group_votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
            if len(taxon.statuses) == 1:
                taxon.status = next(iter(taxon.statuses))
            elif len(taxon.statuses) > 1:
                taxon.status = "uncertain"
                taxon.conflict = True
        return self.taxa
