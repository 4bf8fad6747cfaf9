"""Indicators 3, 4, 5, 6 and 9 on the hand-worked city of conftest.py.

Survey period 2020-2024, previous period 2015-2019, inside the 0-10 degree square:

- native birds now: Alauda arvensis (also as the subspecies A. a. arvensis), Bubo bubo and
  Passer montanus (recorded under its synonym Pyrgita montana). Not counted: Corvus corax
  (previous period only), Acridotheres tristis (invasive), Emberiza citrinella (on no
  checklist), Falco tinnunculus (outside), Garrulus glandarius (a fossil specimen), Hirundo
  rustica (uncertainty 5 km > 1 km).
- in built-up areas (west of 5 E): Alauda arvensis (2.111 E) and Passer montanus (2.777 E).
  Bubo bubo's only record in the west, (2.5, 2.5), has two decimals and is not used.
- indicator 3 = 2 / 3 x 100 = 66.67 %.
- birds before: Alauda, Bubo, Corvus. Added: Passer montanus; lost: Corvus corax; 5 = 0.
- plants now: Plantago major (native), Ambrosia artemisiifolia (invasive); before: none
  (Plantago lanceolata, 2010, is outside both periods). 4 = +1.
- arthropods now: Apis mellifera (native), Harmonia axyridis (introduced); before: Bombus
  terrestris. Added Apis, lost Bombus: 6 = 0.
- indicator 9: birds 1 / (3 + 1) = 25 %, plants 1 / (1 + 1) = 50 %, arthropods 0 / 1 = 0 %;
  mean 25 %.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from localgbf.species.checklists import import_checklist
from localgbf.species.occurrences import import_occurrences
from localgbf.species.report import SpeciesReport, compute_indicators
from localgbf.species.selection import Periods, QualityRules
from localgbf.species.store import open_store

from .conftest import City

SQUARE = shapely.box(0, 0, 10, 10)


def west_of_5(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return np.asarray(lon) < 5


def report_for(city: City, **options: object) -> SpeciesReport:
    store = open_store(city.store)
    import_occurrences(city.occurrences, store)
    import_checklist(city.checklist, store)
    settings = {
        "boundary": SQUARE,
        "builtup": west_of_5,
        "periods": Periods.from_years((2020, 2024)),
    }
    settings.update(options)
    return compute_indicators(store, **settings)  # type: ignore[arg-type]


def values(report: SpeciesReport) -> dict[int, float | None]:
    return {v.indicator: v.value for v in report.indicators}


def test_the_hand_worked_city_gives_the_hand_worked_values(city: City) -> None:
    report = report_for(city)
    assert values(report) == {3: pytest.approx(200 / 3), 4: 1.0, 5: 0.0, 6: 0.0, 9: 25.0}


def test_indicator_3_lists_the_birds_in_and_out_of_built_up_areas(city: City) -> None:
    details = report_for(city).indicators[0].details
    assert details["native_bird_species"] == 3
    assert [s["species"] for s in details["in_builtup"]] == ["Alauda arvensis", "Passer montanus"]
    assert [s["species"] for s in details["not_in_builtup"]] == ["Bubo bubo"]


def test_the_species_lists_of_indicators_4_to_6_are_handed_over(city: City) -> None:
    by_number = {v.indicator: v.details for v in report_for(city).indicators}
    assert [s["species"] for s in by_number[5]["added"]] == ["Passer montanus"]
    assert [s["species"] for s in by_number[5]["lost"]] == ["Corvus corax"]
    assert [s["species"] for s in by_number[4]["added"]] == ["Plantago major"]
    assert by_number[4]["lost"] == []
    assert ([s["species"] for s in by_number[6]["added"]],
            [s["species"] for s in by_number[6]["lost"]]) == (["Apis mellifera"],
                                                              ["Bombus terrestris"])  # fmt: skip
    assert (by_number[5]["native_species"], by_number[5]["previous_native_species"]) == (3, 3)


def test_indicator_9_gives_each_group_and_their_mean(city: City) -> None:
    (nine,) = [v for v in report_for(city).indicators if v.indicator == 9]
    groups = nine.details["groups"]
    assert {g: groups[g]["percent"] for g in groups} == {
        "vascular_plants": 50.0,
        "birds": 25.0,
        "arthropods": 0.0,
    }
    assert [s["species"] for s in groups["birds"]["invasive"]] == ["Acridotheres tristis"]


def test_every_species_links_to_a_record_and_its_checklist_entry(city: City) -> None:
    report = report_for(city)
    (three,) = [v for v in report.indicators if v.indicator == 3]
    passer = next(s for s in three.details["in_builtup"] if s["species"] == "Passer montanus")
    assert passer["names"] == ["Pyrgita montana"]
    assert passer["example"]["occurrence_id"] == "urn:test:12"
    assert passer["checklist"][0]["scientific_name"] == "Pyrgita montana"
    assert passer["checklist"][0]["accepted_name"] == "Passer montanus (Linnaeus 1758)"
    assert passer["checklist"][0]["line"] == 9
    assert {i.role for i in three.inputs} == {"occurrences", "checklist"}
    assert [s["source"] for s in three.details["sources"]] == ["city.csv", "city-checklist.csv"]


def test_unmatched_names_obscured_records_and_exclusions_are_counted(city: City) -> None:
    report = report_for(city)
    assert [(u.species, u.records) for u in report.unmatched] == [("Emberiza citrinella", 1)]
    assert report.obscured_records == 2
    assert report.excluded == {
        "basis_of_record": 1,
        "coordinate_uncertainty": 1,
        "outside_boundary": 1,
        "outside_period": 1,
    }


def test_obscured_points_place_a_bird_in_built_up_areas_only_when_the_rules_allow(
    city: City,
) -> None:
    rules = QualityRules(**{**QualityRules.default().__dict__, "obscured_in_builtup": True})
    assert values(report_for(city, rules=rules))[3] == 100.0


def test_without_periods_indicators_4_to_6_have_no_value_but_their_counts(city: City) -> None:
    report = report_for(city, periods=Periods())
    by_number = {v.indicator: v for v in report.indicators}
    assert [by_number[n].value for n in (4, 5, 6)] == [None, None, None]
    assert by_number[5].details["native_species"] == 4
    assert "no previous period" in by_number[5].warnings[0]


def test_a_survey_with_no_earlier_record_is_the_baseline(city: City) -> None:
    report = report_for(city, periods=Periods.from_years((2020, 2024), (1990, 1999)))
    (five,) = [v for v in report.indicators if v.indicator == 5]
    assert five.value is None
    assert five.details["baseline"] is True


def test_without_land_cover_indicator_3_has_no_value(city: City) -> None:
    (three,) = [v for v in report_for(city, builtup=None).indicators if v.indicator == 3]
    assert three.value is None
    assert three.details["species"] == ["Alauda arvensis", "Bubo bubo", "Passer montanus"]


def test_species_no_checklist_lists_can_count_as_native(city: City) -> None:
    report = report_for(city, unlisted="native")
    (three,) = [v for v in report.indicators if v.indicator == 3]
    assert three.details["native_bird_species"] == 4
    assert report.unmatched == []


def test_a_sensitive_species_keeps_its_counts_but_shows_no_record(city: City) -> None:
    from localgbf.species.evidence import SensitiveSpecies

    report = report_for(city, sensitive=SensitiveSpecies(frozenset({"Bubo bubo"})))
    (three,) = [v for v in report.indicators if v.indicator == 3]
    (bubo,) = three.details["not_in_builtup"]
    assert bubo["sensitive"] is True
    assert "example" not in bubo


def test_no_checklist_means_no_native_species_and_a_warning(city: City) -> None:
    store = open_store(city.store)
    import_occurrences(city.occurrences, store)
    report = compute_indicators(store, boundary=SQUARE, builtup=west_of_5)
    assert "no checklist" in report.warnings[0]
    assert {v.indicator: v.value for v in report.indicators}[3] is None


def test_a_store_path_is_not_needed_beyond_the_store(city: City, tmp_path: Path) -> None:
    report = report_for(city)
    assert report.datasets[0].source_name == "city.csv"
    assert report.checklists[0].source_name == "city-checklist.csv"


def test_records_split_over_two_data_sets_give_the_same_values(city: City, tmp_path: Path) -> None:
    from .conftest import CITY_RECORDS, gbif_row, write_gbif_csv

    rows = [
        gbif_row(i, n, k, lat, lon, y, **x) for i, (n, k, lat, lon, y, x) in enumerate(CITY_RECORDS)
    ]
    store = open_store(tmp_path / "split")
    import_occurrences(write_gbif_csv(tmp_path / "first.csv", rows[::2]), store)
    import_occurrences(write_gbif_csv(tmp_path / "second.csv", rows[1::2]), store)
    import_checklist(city.checklist, store)
    report = compute_indicators(
        store, boundary=SQUARE, builtup=west_of_5, periods=Periods.from_years((2020, 2024))
    )
    assert values(report) == {3: pytest.approx(200 / 3), 4: 1.0, 5: 0.0, 6: 0.0, 9: 25.0}
    (three,) = [v for v in report.indicators if v.indicator == 3]
    listed = three.details["in_builtup"] + three.details["not_in_builtup"]
    assert {s["example"]["dataset"] for s in listed} == {d.id for d in report.datasets}


def test_a_data_set_whose_rows_were_all_rejected_counts_nothing(city: City, tmp_path: Path) -> None:
    from .conftest import gbif_row, write_gbif_csv

    store = open_store(tmp_path / "empty")
    rows = [gbif_row(1, "Bubo bubo", "bird", "", "", 2022)]
    record = import_occurrences(write_gbif_csv(tmp_path / "none.csv", rows), store).dataset
    import_checklist(city.checklist, store)
    assert (record.records, record.rejected) == (0, {"no_coordinates": 1})
    report = compute_indicators(store, boundary=SQUARE, builtup=west_of_5)
    assert values(report)[3] is None
    assert report.excluded == {}
