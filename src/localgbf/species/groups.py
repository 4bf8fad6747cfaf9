"""Which Singapore Index taxon group (vascular plants, birds, arthropods) a taxon belongs to.

The groups are data (`data/taxon_groups.yaml`): each is a list of rules on kingdom, phylum and
class, so a city can see and change what "arthropods" means without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from localgbf.species.reference import TaxonGroups, taxon_groups


@dataclass(frozen=True)
class Taxonomy:
    """The higher ranks a record or a checklist entry gives (any may be missing)."""

    kingdom: str | None = None
    phylum: str | None = None
    class_: str | None = None

    def rank(self, rank: str) -> str | None:
        return {"kingdom": self.kingdom, "phylum": self.phylum, "class": self.class_}.get(rank)

    def is_empty(self) -> bool:
        return not (self.kingdom or self.phylum or self.class_)


def classify(taxonomy: Taxonomy, groups: TaxonGroups | None = None) -> str | None:
    """The id of the first group whose rules match, or None."""
    if groups is None:
        return _classify_with_default_groups(taxonomy)
    return _classify(taxonomy, groups)


@lru_cache(maxsize=1 << 14)
def _classify_with_default_groups(taxonomy: Taxonomy) -> str | None:
    return _classify(taxonomy, taxon_groups())


def _classify(taxonomy: Taxonomy, groups: TaxonGroups) -> str | None:
    for group in groups.groups:
        for rule in group.rules:
            if all(
                (value := taxonomy.rank(rank)) is not None and value.strip().lower() in allowed
                for rank, allowed in rule.items()
            ):
                return group.id
    return None


def with_iconic_taxon(
    taxonomy: Taxonomy, iconic: str | None, groups: TaxonGroups | None = None
) -> Taxonomy:
    """Fill the ranks an iNaturalist iconic taxon implies, keeping the ranks already known."""
    if not iconic:
        return taxonomy
    groups = groups or taxon_groups()
    implied = groups.inaturalist_iconic_taxa.get(iconic.strip())
    if not implied:
        return taxonomy
    return Taxonomy(
        kingdom=taxonomy.kingdom or implied.get("kingdom"),
        phylum=taxonomy.phylum or implied.get("phylum"),
        class_=taxonomy.class_ or implied.get("class"),
    )
