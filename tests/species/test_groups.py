"""Taxon groups from kingdom, phylum and class, as defined in data/taxon_groups.yaml."""

from __future__ import annotations

import pytest

from localgbf.species.groups import Taxonomy, classify, with_iconic_taxon


@pytest.mark.parametrize(
    ("taxonomy", "group"),
    [
        (Taxonomy("Plantae", "Tracheophyta", "Magnoliopsida"), "vascular_plants"),
        (Taxonomy("Plantae", None, "Liliopsida"), "vascular_plants"),
        (Taxonomy("Plantae", "Magnoliophyta", None), "vascular_plants"),
        (Taxonomy("Plantae", "Bryophyta", "Bryopsida"), None),
        (Taxonomy("Animalia", "Chordata", "Aves"), "birds"),
        (Taxonomy("animalia", "chordata", "AVES"), "birds"),
        (Taxonomy("Animalia", "Arthropoda", "Insecta"), "arthropods"),
        (Taxonomy("Animalia", None, "Arachnida"), "arthropods"),
        (Taxonomy("Animalia", "Chordata", "Actinopterygii"), None),
        (Taxonomy(), None),
    ],
)
def test_a_taxon_belongs_to_the_group_its_higher_ranks_name(
    taxonomy: Taxonomy, group: str | None
) -> None:
    assert classify(taxonomy) == group


def test_an_inaturalist_iconic_taxon_fills_the_ranks_it_implies() -> None:
    filled = with_iconic_taxon(Taxonomy(), "Aves")
    assert filled == Taxonomy("Animalia", "Chordata", "Aves")
    assert classify(filled) == "birds"


def test_ranks_already_known_win_over_the_iconic_taxon() -> None:
    filled = with_iconic_taxon(Taxonomy(class_="Arachnida"), "Insecta")
    assert filled.class_ == "Arachnida"
    assert filled.phylum == "Arthropoda"


def test_plantae_alone_does_not_make_a_vascular_plant() -> None:
    assert classify(with_iconic_taxon(Taxonomy(), "Plantae")) is None
