"""The recipe entry point: files in, indicator values out, with the spatial loaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.provenance import IndicatorValue
from localgbf.species.errors import SpeciesDataError
from localgbf.species.recipe import species_indicators

from .conftest import City


def run(city: City, **overrides: object) -> list[IndicatorValue]:
    arguments: dict[str, object] = {
        "store_dir": city.store,
        "occurrence_files": [city.occurrences],
        "checklist": city.checklist,
        "sensitive_species": None,
        "boundary": city.boundary,
        "landcover": city.landcover,
        "class_map": "esa-worldcover",
        "years": (2020, 2024),
    }
    arguments.update(overrides)
    return species_indicators(**arguments)  # type: ignore[arg-type]


def test_the_recipe_gives_the_hand_worked_values_with_a_real_land_cover(city: City) -> None:
    """Same city as test_indicators.py; built-up now comes from the GeoTIFF's code 50 cells
    (west of 5 E) through the ESA WorldCover class map."""
    values = {v.indicator: v.value for v in run(city)}
    assert values == {3: pytest.approx(200 / 3), 4: 1.0, 5: 0.0, 6: 0.0, 9: 25.0}


def test_every_value_names_the_files_behind_it(city: City) -> None:
    three = run(city)[0]
    assert {(i.role, i.name) for i in three.inputs} == {
        ("occurrences", "city.csv"),
        ("checklist", "city-checklist.csv"),
        ("boundary", "city.geojson"),
        ("landcover", "landcover.tif"),
    }
    assert three.method_id == "localgbf.species.builtup_native_birds"


def test_running_the_recipe_twice_imports_nothing_twice(city: City) -> None:
    run(city)
    run(city)
    assert len(list((city.store / "occurrences").iterdir())) == 1
    assert len(list((city.store / "checklists").iterdir())) == 1


def test_a_sensitive_species_file_is_an_input(city: City, tmp_path: Path) -> None:
    sensitive = tmp_path / "sensitive.txt"
    sensitive.write_text("Bubo bubo (Linnaeus, 1758)\n", "utf-8")
    three = run(city, sensitive_species=sensitive)[0]
    assert ("sensitive_species", "sensitive.txt") in {(i.role, i.name) for i in three.inputs}
    assert three.details["not_in_builtup"][0]["sensitive"] is True


def test_a_land_cover_without_class_map_is_refused(city: City) -> None:
    with pytest.raises(SpeciesDataError, match="a land cover needs a class map"):
        run(city, class_map=None)


def test_years_in_the_wrong_order_are_refused(city: City) -> None:
    with pytest.raises(SpeciesDataError, match=r"years: a period cannot start \(2024\) after"):
        run(city, years=(2024, 2020))
