"""Occurrence names matched to checklist entries: synonyms, ranks, scopes and conflicts."""

from __future__ import annotations

import pytest

from localgbf.species.checklists import ChecklistEntry
from localgbf.species.matching import ChecklistIndex


def entry(name: str, category: str, accepted: str | None = None, line: int = 2) -> ChecklistEntry:
    return ChecklistEntry(
        scientific_name=name, category=category, line=line, accepted_name=accepted
    )


NATIONAL = [
    entry("Acridotheres tristis (Linnaeus, 1766)", "invasive"),
    entry("Pyrgita montana", "introduced", accepted="Passer montanus (Linnaeus, 1758)"),
    entry("Poa annua subsp. supina", "introduced"),
    entry("Sturnus vulgaris", "introduced"),
]
LOCAL = [entry("Sturnus vulgaris", "native"), entry("Columba livia", "native")]
DISAGREE = [entry("Columba livia", "introduced")]


@pytest.fixture
def index() -> ChecklistIndex:
    return ChecklistIndex([("nat", "national", NATIONAL), ("city", "local", LOCAL)])


def test_authorship_does_not_stop_a_match(index: ChecklistIndex) -> None:
    match = index.match("Acridotheres tristis Linnaeus 1766")
    assert (match.taxon, match.status) == ("Acridotheres tristis", "invasive")


def test_a_record_under_a_synonym_counts_as_the_accepted_species(index: ChecklistIndex) -> None:
    by_synonym = index.match("Pyrgita montana Brehm")
    by_accepted = index.match("Passer montanus")
    assert by_synonym.taxon == by_accepted.taxon == "Passer montanus"
    assert by_synonym.status == by_accepted.status == "introduced"


def test_the_accepted_name_a_source_gives_is_tried_first(index: ChecklistIndex) -> None:
    match = index.match("Something wrong", accepted_name="Acridotheres tristis")
    assert match.status == "invasive"


def test_an_infraspecific_record_finds_its_species_entry(index: ChecklistIndex) -> None:
    match = index.match("Acridotheres tristis melanosternus Legge, 1879")
    assert (match.taxon, match.status) == ("Acridotheres tristis", "invasive")


def test_an_infraspecific_entry_does_not_decide_for_the_whole_species(
    index: ChecklistIndex,
) -> None:
    assert index.match("Poa annua L.").status == "unmatched"
    assert index.match("Poa annua ssp. supina").status == "introduced"


def test_the_most_local_checklist_decides(index: ChecklistIndex) -> None:
    match = index.match("Sturnus vulgaris")
    assert match.status == "native"
    assert [ref.checklist_id for ref in match.entries] == ["city"]


def test_checklists_of_one_scope_that_disagree_make_the_taxon_uncertain() -> None:
    index = ChecklistIndex([("a", "local", LOCAL), ("b", "local", DISAGREE)])
    match = index.match("Columba livia")
    assert (match.status, match.conflict) == ("uncertain", True)


def test_a_name_no_checklist_lists_is_unmatched_unless_told_otherwise(
    index: ChecklistIndex,
) -> None:
    assert index.match("Emberiza citrinella").status == "unmatched"
    assert index.match("Emberiza citrinella", unlisted="native").status == "native"
    assert index.match("Emberiza sp.", unlisted="native").taxon is None
