"""Which stored records count: quality rules, periods, boundary, and the point sample."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from localgbf.species.checklists import import_checklist
from localgbf.species.matching import load_checklist_index
from localgbf.species.occurrences import import_occurrences
from localgbf.species.selection import Periods, QualityRules, select_records
from localgbf.species.store import open_store

from .conftest import City

SQUARE = shapely.box(0, 0, 10, 10)


def _store(city: City) -> object:
    store = open_store(city.store)
    import_occurrences(city.occurrences, store)
    import_checklist(city.checklist, store)
    return store


def test_each_left_out_record_is_counted_under_the_first_rule_it_breaks(city: City) -> None:
    store = _store(city)
    selection = select_records(
        store, boundary=SQUARE, index=load_checklist_index(store),  # type: ignore[arg-type]
        periods=Periods.from_years((2020, 2024)),
    )  # fmt: skip
    assert selection.excluded == {
        "basis_of_record": 1,
        "coordinate_uncertainty": 1,
        "outside_boundary": 1,
        "outside_period": 1,
    }
    assert int(selection.counts.sum()) == 19 - 4


def test_relaxed_rules_count_more_records(city: City) -> None:
    store = _store(city)
    rules = QualityRules(
        research_grade_only=False, max_coordinate_uncertainty_m=None, basis_of_record=None,
        exclude_captive=False, obscured_in_city=False, obscured_in_builtup=False,
    )  # fmt: skip
    selection = select_records(
        store,
        boundary=SQUARE,
        index=load_checklist_index(store),
        rules=rules,  # type: ignore[arg-type]
    )
    assert selection.excluded == {"obscured": 2, "outside_boundary": 1}


def test_the_point_sample_and_the_full_lookup_find_the_same_points(city: City) -> None:
    store = _store(city)
    every = select_records(
        store, boundary=SQUARE, index=load_checklist_index(store),  # type: ignore[arg-type]
        periods=Periods.from_years((2020, 2024)),
        sample_taxa=lambda taxa: np.ones(len(taxa), dtype=bool), sample_every=1,
    )  # fmt: skip
    everything = every.points(np.ones(len(every.taxa), dtype=bool), 0)
    assert sorted(
        zip(every.sample.taxon, every.sample.lon, every.sample.lat, strict=True)
    ) == sorted(zip(everything.taxon, everything.lon, everything.lat, strict=True))
    assert len(everything.taxon) == int(every.counts[:, 0].sum())


def test_research_grade_and_captive_rules_apply_to_inaturalist_records(tmp_path: Path) -> None:
    header = "id,url,scientific_name,latitude,longitude,quality_grade,observed_on,captive_cultivated,iconic_taxon_name"
    rows = [
        "1,u1,Passer montanus,1.111,1.111,research,2022-01-01,false,Aves",
        "2,u2,Passer montanus,1.112,1.111,needs_id,2022-01-01,false,Aves",
        "3,u3,Passer montanus,1.113,1.111,research,2022-01-01,true,Aves",
        "4,u4,Passer montanus,1.114,1.111,casual,2022-01-01,false,Aves",
    ]
    path = tmp_path / "observations.csv"
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    store = open_store(tmp_path / "s")
    import_occurrences(path, store)
    selection = select_records(store, boundary=SQUARE, index=load_checklist_index(store))
    assert selection.excluded == {"captive": 1, "not_research_grade": 2}
    assert selection.taxa[0].group == "birds"
