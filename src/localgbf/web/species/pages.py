"""The species page's tables, arranged from the stored summary (no computing here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from localgbf.frameworks.text import Text
from localgbf.species.reference import taxon_groups

OTHER = "other"


@dataclass
class GroupTable:
    id: str
    label: Text | None
    species: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return len(self.species.get(status, []))

    @property
    def native(self) -> list[dict[str, Any]]:
        return self.species.get("native", [])

    @property
    def invasive(self) -> list[dict[str, Any]]:
        return self.species.get("invasive", [])

    @property
    def introduced(self) -> list[dict[str, Any]]:
        return self.species.get("introduced", [])


@dataclass
class SpeciesTables:
    groups: list[GroupTable]
    totals: dict[str, int]
    records: int

    @property
    def has_species(self) -> bool:
        return any(self.totals.values())


def species_tables(data: dict[str, Any]) -> SpeciesTables:
    """Species of the summary by taxon group (the indicator groups first) and by status."""
    tables = {g.id: GroupTable(g.id, g.label) for g in taxon_groups().groups}
    tables[OTHER] = GroupTable(OTHER, None)
    totals: dict[str, int] = {}
    records = 0
    for item in data.get("species", []):
        table = tables.get(item.get("group") or OTHER, tables[OTHER])
        table.species.setdefault(item["status"], []).append(item)
        totals[item["status"]] = totals.get(item["status"], 0) + 1
        records += int(item.get("records") or 0)
    groups = [t for t in tables.values() if t.species]
    return SpeciesTables(groups=groups, totals=totals, records=records)
