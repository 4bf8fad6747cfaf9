"""Matching occurrence names to checklist entries, and what a taxon's status then is.

An occurrence name is looked up by its canonical form, first as the accepted name the source
gives (GBIF's `species`, Darwin Core acceptedScientificName), then as the name as written; then
by the species part of each. A checklist entry is found under its own name and under its
acceptedNameUsage, so a record under a synonym finds the entry and counts as the accepted
species. When checklists of different scope list the taxon, the most specific scope decides;
entries of that scope that disagree make the taxon "uncertain", and the conflict is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from localgbf.species.checklists import ChecklistEntry, load_entries
from localgbf.species.names import ParsedName, parse_name
from localgbf.species.reference import establishment
from localgbf.species.store import Store

UNMATCHED = "unmatched"
Unlisted = Literal["unmatched", "native"]


@dataclass(frozen=True)
class EntryRef:
    """A checklist entry together with the checklist it belongs to."""

    checklist_id: str
    scope: str
    entry: ChecklistEntry
    species: str | None = None

    def as_evidence(self) -> dict[str, object]:
        return {
            "checklist": self.checklist_id,
            "line": self.entry.line,
            "taxon_id": self.entry.taxon_id,
            "scientific_name": self.entry.scientific_name,
            "accepted_name": self.entry.accepted_name,
            "establishment": self.entry.establishment,
            "is_invasive": self.entry.is_invasive,
            "category": self.entry.category,
        }


@dataclass(frozen=True)
class Match:
    """The counted taxon (a species name, or None above species) and its status."""

    taxon: str | None
    status: str
    entries: tuple[EntryRef, ...] = ()
    conflict: bool = False
    group: str | None = None


def _species_of(entry: ChecklistEntry) -> str | None:
    for name in (entry.accepted_name, entry.scientific_name):
        parsed = parse_name(name)
        if parsed is not None and parsed.species:
            return parsed.species
    return None


class ChecklistIndex:
    """Every entry of the given checklists, found by canonical name."""

    def __init__(self, checklists: list[tuple[str, str, list[ChecklistEntry]]]) -> None:
        self.by_name: dict[str, list[EntryRef]] = defaultdict(list)
        self.size = 0
        scopes = establishment().scopes
        self.rank = {scope: i for i, scope in enumerate(scopes)}
        for checklist_id, scope, entries in checklists:
            for entry in entries:
                ref = EntryRef(checklist_id, scope, entry, _species_of(entry))
                self.size += 1
                keys = set()
                for name in (entry.scientific_name, entry.accepted_name):
                    parsed = parse_name(name)
                    if parsed is not None:
                        keys.add(parsed.canonical)
                for key in keys:
                    self.by_name[key].append(ref)

    def __len__(self) -> int:
        return self.size

    def lookup(self, names: list[ParsedName]) -> list[EntryRef]:
        """Entries found for the first key that finds any, trying canonical names then species."""
        keys = [p.canonical for p in names] + [p.species for p in names if p.species]
        for key in keys:
            hits = self.by_name.get(key)
            if hits:
                return hits
        return []

    def match(
        self,
        scientific_name: str | None,
        accepted_name: str | None = None,
        *,
        unlisted: Unlisted = "unmatched",
    ) -> Match:
        parsed = [p for p in (parse_name(accepted_name), parse_name(scientific_name)) if p]
        own = next((p.species for p in parsed if p.species), None)
        hits = self.lookup(parsed)
        if not hits:
            status = "native" if unlisted == "native" and own else UNMATCHED
            return Match(taxon=own, status=status)
        best = min(self.rank.get(h.scope, len(self.rank)) for h in hits)
        deciding = tuple(h for h in hits if self.rank.get(h.scope, len(self.rank)) == best)
        categories = {h.entry.category for h in deciding}
        conflict = len(categories) > 1
        status = "uncertain" if conflict else categories.pop()
        taxon = next((h.species for h in deciding if h.species), None) or own
        group = next((h.entry.group for h in deciding if h.entry.group), None)
        return Match(taxon=taxon, status=status, entries=deciding, conflict=conflict, group=group)


def load_checklist_index(store: Store, checklist_ids: list[str] | None = None) -> ChecklistIndex:
    """All checklists of the store (or the ones named) as one index."""
    records = [c for c in store.checklists() if checklist_ids is None or c.id in checklist_ids]
    return ChecklistIndex([(c.id, c.scope, load_entries(store, c.id)) for c in records])
