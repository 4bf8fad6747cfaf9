"""Running an assessment: every spatial indicator the inputs allow, scored, with provenance."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assess.city import RECIPE
from localgbf.assess import AssessError, load_recipe, run_assessment
from localgbf.index.scoring import score_value


def test_every_spatial_indicator_is_computed_from_a_full_recipe(recipe_path: Path) -> None:
    """Hand-worked (conftest.py): natural = 4,500 tree + 1,000 water cells of 10,000 = 55 %;
    one group, coherence 100 %; permeable and canopy 4,500 of 9,000 land cells = 50 %;
    protected natural 2,250 of 10,000 = 22.5 %; restored 1 of 4 ha = 25 %; 1 ha of park for
    10,000 people = 0.1 ha per 1,000; within 400 m of the park: (100² + 4·100·400 + π·400²)
    / 1000² = 67.3 % of the people."""
    result = run_assessment(load_recipe(recipe_path))
    values = {v.indicator: v.value for v in result.indicators}
    assert sorted(values) == [1, 2, 7, 8, 10, 11, 12, 13]
    assert values[1] == pytest.approx(55.0)
    assert values[2] == pytest.approx(100.0)
    assert values[7] == pytest.approx(25.0, rel=1e-6)
    assert values[8] == pytest.approx(22.5)
    assert values[10] == pytest.approx(50.0)
    assert values[11] == pytest.approx(50.0)
    assert values[12] == pytest.approx(0.1, rel=2e-3)
    reach = 100**2 + 4 * 100 * 400 + math.pi * 400**2
    assert values[13] == pytest.approx(100 * reach / 1e6, rel=2e-3)


def test_each_value_is_scored_by_the_index_engine(recipe_path: Path) -> None:
    result = run_assessment(load_recipe(recipe_path))
    assert {s.indicator for s in result.scores} == {v.indicator for v in result.indicators}
    for value in result.indicators:
        score = result.score(value.indicator)
        assert score is not None
        assert score == score_value(value.indicator, value.value, edition="2021")


def test_values_per_ward_come_with_the_city_value(recipe_path: Path) -> None:
    """West: 4,500 tree + 500 water of 5,000 cells = 100 % natural... minus nothing built:
    (4,500 + 500) / 5,000 = 100 %; East: 500 water of 5,000 = 10 %."""
    result = run_assessment(load_recipe(recipe_path))
    natural = result.value(1)
    assert natural is not None
    assert natural.zones == pytest.approx({"West": 100.0, "East": 10.0})


def test_provenance_lists_every_input_with_its_checksum(recipe_path: Path) -> None:
    result = run_assessment(load_recipe(recipe_path))
    roles = {i.role for i in result.inputs}
    assert roles >= {
        "recipe",
        "landcover",
        "class_map",
        "boundary",
        "subunits",
        "parks",
        "population",
    }
    assert all(len(i.sha256) == 64 for i in result.inputs)
    assert result.method_versions["localgbf.spatial.connectivity"] == "1.0"


def test_indicators_without_inputs_are_listed_as_skipped(recipe_path: Path) -> None:
    recipe_path.write_text(
        RECIPE.replace("parks: parks.gpkg\n", "").replace("population: population.tif\n", ""),
        encoding="utf-8",
    )
    result = run_assessment(load_recipe(recipe_path))
    assert result.skipped[12] == "needs parks, population"
    assert "species section" in result.skipped[3]


def test_a_bad_input_file_stops_the_assessment_with_its_name(recipe_path: Path) -> None:
    (recipe_path.parent / "parks.gpkg").write_bytes(b"not a geopackage")
    with pytest.raises(AssessError, match="parks.gpkg: cannot be read as a vector layer"):
        run_assessment(load_recipe(recipe_path))


def test_a_boundary_away_from_the_land_cover_stops_the_assessment(
    recipe_path: Path, shared_data: Path
) -> None:
    monaco = shared_data / "osm/monaco/monaco_boundary.geojson"
    recipe_path.write_text(
        RECIPE.replace("boundary: city.geojson", f"boundary: {monaco}"), encoding="utf-8"
    )
    with pytest.raises(
        AssessError, match="monaco_boundary.geojson: does not overlap the land cover"
    ):
        run_assessment(load_recipe(recipe_path))


# rasterio.transform.from_bounds, called by the species clipper, multiplies Affine objects with
# `*`, which affine 3 reports as pending deprecation; not ours to change here.
@pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")
def test_the_species_section_is_handed_to_the_species_package(
    tmp_path: Path, shared_data: Path
) -> None:
    """A box around Singapore, the GBIF sample download and Singapore's GRIIS checklist:
    the species indicators come back as values (possibly empty) next to the skipped spatial ones."""
    import shapely

    from assess.city import write_vector

    write_vector(tmp_path / "box.geojson", [shapely.box(103.6, 1.2, 104.1, 1.5)], crs="EPSG:4326")
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        "recipe_version: 1\n"
        "government: {code: SG-TEST, name: Singapore box}\n"
        "boundary: box.geojson\n"
        "species:\n"
        "  store: store\n"
        f"  occurrences: [{shared_data / 'occurrences/gbif_dwca_sample/gbif-results.zip'}]\n"
        f"  checklist: {shared_data / 'checklists/griis/singapore'}\n",
        encoding="utf-8",
    )
    result = run_assessment(load_recipe(recipe))
    species = {v.indicator for v in result.indicators}
    assert species >= {3, 9}
    assert 1 in result.skipped
    assert any(i.role == "boundary" for i in result.inputs)


def test_progress_is_reported_from_start_to_end(recipe_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    run_assessment(load_recipe(recipe_path), progress=lambda step, done: seen.append((step, done)))
    fractions = [done for _, done in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
