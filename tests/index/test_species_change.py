"""Change in native species from the lists of two surveys (2021 indicators 4-6)."""

from __future__ import annotations

import pytest

from localgbf.index.errors import IndexInputError
from localgbf.index.species_change import net_species_change, species_change_between


def test_species_added_and_lost_come_from_the_two_lists_ignoring_case_and_spacing():
    """2019: A, B, C; 2024: b, C, D, E. Added D, E; lost A. Net +2 - 1 = +1."""
    change = species_change_between(
        ["Aythya baeri", "Grus  nigricollis", "Tadorna ferruginea"],
        ["grus nigricollis", "Tadorna ferruginea", "Podiceps cristatus", "Anas poecilorhyncha"],
        previous_year=2019,
    )
    assert change.added == ("Anas poecilorhyncha", "Podiceps cristatus")
    assert change.lost == ("Aythya baeri",)
    assert change.net == 1


def test_the_net_change_is_an_indicator_value_that_carries_its_lists():
    change = species_change_between(["A a"], ["B b", "C c"], previous_year=2019)
    value = net_species_change(4, change)
    assert (value.indicator, value.value, value.unit) == (4, 1.0, "species_net_change")
    assert value.method_id == "si-net-species-change"
    assert value.details == {
        "added": ["B b", "C c"],
        "lost": ["A a"],
        "previous_year": 2019,
        "net": 1,
    }


def test_a_loss_gives_a_negative_change():
    assert species_change_between(["A a", "B b"], ["A a"]).net == -1


def test_only_change_in_species_indicators_take_a_species_change():
    with pytest.raises(IndexInputError, match="indicator 9 is not a change-in-native-species"):
        net_species_change(9, species_change_between([], ["A a"]))
