"""Records behind a species, and coordinates of sensitive species kept out of public view."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.species.errors import SpeciesDataError
from localgbf.species.evidence import SensitiveSpecies, load_sensitive_species, records_for
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import open_store

from .conftest import City


def test_a_sensitive_list_may_be_plain_lines_or_a_csv(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Bubo bubo (Linnaeus, 1758)\n\nFalco peregrinus Tunstall, 1771\n", "utf-8")
    table = tmp_path / "table.csv"
    table.write_text('id,scientificName\n1,Bubo bubo\n2,"Falco peregrinus"\n', "utf-8")
    expected = frozenset({"Bubo bubo", "Falco peregrinus"})
    assert load_sensitive_species(plain).keys == expected
    assert load_sensitive_species(table).keys == expected


def test_a_sensitive_list_entry_that_is_no_species_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("Bubo bubo\nFalco sp.\n", "utf-8")
    with pytest.raises(SpeciesDataError, match=r"s.txt, line 2, field scientificName: 'Falco sp.'"):
        load_sensitive_species(path)


def test_records_of_a_species_include_synonyms_as_written_and_their_data_set(city: City) -> None:
    store = open_store(city.store)
    dataset = import_occurrences(city.occurrences, store).dataset
    found = records_for(store, "Bubo bubo")
    assert [r["occurrence_id"] for r in found] == ["urn:test:3", "urn:test:4", "urn:test:5"]
    assert {r["dataset"] for r in found} == {dataset.id}
    assert found[0]["latitude"] == 7.321


def test_coordinates_of_a_sensitive_species_are_blanked_in_public(city: City) -> None:
    store = open_store(city.store)
    import_occurrences(city.occurrences, store)
    hidden = SensitiveSpecies(frozenset({"Bubo bubo"}))
    public = records_for(store, "Bubo bubo", sensitive=hidden)
    private = records_for(store, "Bubo bubo", sensitive=hidden, public=False)
    assert {(r["latitude"], r["longitude"]) for r in public} == {(None, None)}
    assert private[0]["latitude"] == 7.321
