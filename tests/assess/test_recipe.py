"""Reading recipes: paths against the recipe's folder, and refusals that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.city import RECIPE
from localgbf.assess import AssessError, load_recipe


def test_paths_resolve_against_the_recipe_folder(recipe_path: Path) -> None:
    recipe = load_recipe(recipe_path)
    assert recipe.landcover == recipe_path.parent / "landcover.tif"
    assert recipe.subunits is not None and recipe.subunits.field == "ward"
    assert recipe.subunits.path == recipe_path.parent / "wards.gpkg"
    assert recipe.class_map == "esa-worldcover"
    assert recipe.source == recipe_path


def test_the_example_recipe_loads(shared_data: Path) -> None:
    recipe = load_recipe(Path(__file__).resolve().parents[2] / "examples" / "recipe.yaml")
    assert recipe.landcover is not None and recipe.landcover.exists()
    assert recipe.class_map == "nlcd"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "parks: parks.gpkg",
            "parks: gardens.gpkg",
            r"line 13, parks: no such file or folder: .*gardens.gpkg",
        ),
        ('edition: "2021"', 'edition: "2021"\ncolour: green', "line 6, colour: unknown key"),
        ("  field: ward\n", "", "line 9, subunits.field: this key is required"),
        ("class_map: esa-worldcover\n", "", "a land cover needs a class_map"),
        (
            "class_map: esa-worldcover",
            "class_map: worldcover",
            r"line 7, class_map: no such file or folder: .*worldcover",
        ),
        ("restored: restored.gpkg\n", "", "restored and degraded habitat go together"),
        (
            "recipe_version: 1",
            "recipe_version: 2",
            "line 1, recipe_version: .*reads recipe_version 1, not 2",
        ),
        ("  code: XX-TEST\n", "", "line 2, government.code: this key is required"),
        (
            "boundary: city.geojson\n",
            "boundary: city.geojson\nspecies:\n  store: s\n  years: [2024, 2015]\n",
            "line 11, species.years: the first year \\(2024\\) is after the last",
        ),
    ],
)
def test_a_bad_recipe_is_refused_with_its_line(
    recipe_path: Path, old: str, new: str, message: str
) -> None:
    recipe_path.write_text(RECIPE.replace(old, new), encoding="utf-8")
    with pytest.raises(AssessError, match=message):
        load_recipe(recipe_path)


def test_a_recipe_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("government: [\n", encoding="utf-8")
    with pytest.raises(AssessError, match=r"r.yaml, line \d+: is not valid YAML"):
        load_recipe(path)


def test_a_missing_recipe_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AssessError, match="nothing.yaml: file not found"):
        load_recipe(tmp_path / "nothing.yaml")
