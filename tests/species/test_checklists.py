"""Checklists: the real GRIIS archives (with their quirks) and plain CSV lists."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from localgbf.species.checklists import detect_swaps, import_checklist, load_entries
from localgbf.species.errors import SpeciesDataError
from localgbf.species.store import open_store

from .conftest import folder_checksum, write_checklist

COUNTRIES = ["china", "costa_rica", "finland", "france", "japan", "monaco", "singapore",
             "switzerland"]  # fmt: skip


def _column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[name] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_singapore_counts_match_a_count_made_with_the_csv_module(
    griis: Path, tmp_path: Path
) -> None:
    """taxon.txt has one row per taxon; speciesprofile.txt flags "Invasive" for some of them;
    distribution.txt holds the establishment values under occurrenceStatus (swapped)."""
    folder = griis / "singapore"
    taxa = _column(folder / "taxon.txt", "scientificName")
    flagged = [v for v in _column(folder / "speciesprofile.txt", "isInvasive") if v == "Invasive"]
    means = _column(folder / "distribution.txt", "occurrenceStatus")

    record = import_checklist(folder, open_store(tmp_path / "s")).checklist

    assert record.entries == len(taxa) == 698
    assert record.flagged_invasive == len(flagged) == 20
    assert record.by_category["uncertain"] == means.count("Cryptogenic|Uncertain") == 211
    assert record.by_category["introduced"] + record.by_category["invasive"] == means.count("Alien")
    assert any("occurrenceStatus and establishmentMeans" in w for w in record.warnings)
    assert any("taxonRank and taxonomicStatus" in w for w in record.warnings)


def test_singapore_entries_carry_the_swapped_columns_back_in_place(
    griis: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s")
    record = import_checklist(griis / "singapore", store).checklist
    first = load_entries(store, record.id)[0]
    assert first.scientific_name == "Abelmoschus moschatus"
    assert (first.taxon_rank, first.taxonomic_status) == ("SPECIES", "ACCEPTED")
    assert (first.establishment, first.category) == ("Alien", "introduced")
    assert first.line == 2


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_griis_checklist_imports_with_its_flagged_count(
    country: str, griis: Path, tmp_path: Path
) -> None:
    folder = griis / country
    flagged = [
        v for v in _column(folder / "speciesprofile.txt", "isInvasive") if v in ("Invasive", "Yes")
    ]
    record = import_checklist(folder, open_store(tmp_path / "s")).checklist
    assert record.entries == len(_column(folder / "taxon.txt", "id"))
    assert record.flagged_invasive == len(flagged)
    assert record.scope == "national"
    assert record.info.licence == "http://creativecommons.org/licenses/by/4.0/legalcode"


def test_japan_native_in_part_of_the_country_is_uncertain_for_a_city(
    griis: Path, tmp_path: Path
) -> None:
    folder = griis / "japan"
    record = import_checklist(folder, open_store(tmp_path / "s")).checklist
    assert record.by_category["uncertain"] == _column(
        folder / "distribution.txt", "establishmentMeans"
    ).count("Native|Alien")


def test_a_swap_needs_both_columns_to_hold_each_others_values() -> None:
    swapped = {"occurrenceStatus": ["Alien"] * 10, "establishmentMeans": ["Present"] * 10}
    fine = {"occurrenceStatus": ["Present"] * 10, "establishmentMeans": ["Alien"] * 10}
    half = {"occurrenceStatus": ["Alien"] * 10, "establishmentMeans": ["Alien"] * 10}
    assert detect_swaps(swapped) == [("occurrenceStatus", "establishmentMeans")]
    assert detect_swaps(fine) == []
    assert detect_swaps(half) == []


def test_a_plain_csv_checklist_reads_categories_and_groups(tmp_path: Path) -> None:
    path = write_checklist(
        tmp_path / "city.csv",
        [("Passer montanus (Linnaeus 1758)", "native", "birds"),
         ("Acridotheres tristis", "Invasive", "Birds"),
         ("Ficus benjamina", "introduced", "")],
        group=True,
    )  # fmt: skip
    store = open_store(tmp_path / "s")
    record = import_checklist(path, store).checklist
    assert (record.format, record.scope, record.entries) == ("csv", "local", 3)
    assert record.by_category == {"native": 1, "introduced": 1, "invasive": 1}
    entries = load_entries(store, record.id)
    assert [(e.category, e.group, e.line) for e in entries] == [
        ("native", "birds", 2),
        ("invasive", "birds", 3),
        ("introduced", None, 4),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("Passer montanus", "resident")],
         r"city.csv, line 2, field establishment: 'resident' is not a known establishment"),
        ([("Passer montanus", "native"), ("", "native")],
         r"city.csv, line 3, field scientificName: the scientific name is empty"),
        ([("12345", "native")], r"city.csv, line 2, field scientificName: '12345' is not a"),
    ],
)  # fmt: skip
def test_a_bad_checklist_row_is_named_and_nothing_is_stored(
    rows: list[tuple[str, str]], message: str, tmp_path: Path
) -> None:
    store_dir = tmp_path / "s"
    with pytest.raises(SpeciesDataError, match=message):
        import_checklist(write_checklist(tmp_path / "city.csv", rows), open_store(store_dir))
    assert folder_checksum(store_dir) is None


def test_an_unknown_group_is_named(tmp_path: Path) -> None:
    path = write_checklist(
        tmp_path / "city.csv", [("Passer montanus", "native", "fish")], group=True
    )
    with pytest.raises(SpeciesDataError, match=r"line 2, field group: 'fish' is not a taxon group"):
        import_checklist(path, open_store(tmp_path / "s"))


def test_a_checklist_without_establishment_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "city.csv"
    path.write_text("scientificName\nPasser montanus\n", "utf-8")
    with pytest.raises(SpeciesDataError, match=r"line 1, field establishment: missing required"):
        import_checklist(path, open_store(tmp_path / "s"))
