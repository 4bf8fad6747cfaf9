"""Manifests are checked before any work starts, naming the line, column, key or feature."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.batch import BatchError, load_manifest
from localgbf.batch.national import NationalTask
from localgbf.batch.tasks import RecipeTask

from .conftest import box, write_outlines


def test_a_csv_manifest_lists_its_recipes_relative_to_its_folder(make_city, csv_manifest, tmp_path):
    make_city("XA", "Ayton", 10)
    make_city("XB", "Beeville", 30)
    manifest = load_manifest(
        csv_manifest([("XA", "cities/XA/recipe.yaml"), ("XB", "cities/XB/recipe.yaml")])
    )
    assert manifest.form == "recipes"
    assert manifest.codes == ["XA", "XB"]
    first = manifest.tasks[0]
    assert isinstance(first, RecipeTask)
    assert first.recipe == tmp_path.resolve() / "cities" / "XA" / "recipe.yaml"
    assert first.line == 2


def test_blank_lines_and_a_byte_order_mark_are_accepted(make_city, tmp_path):
    make_city("XA", "Ayton", 10)
    path = tmp_path / "cities.csv"
    path.write_text("\ufeffcode,recipe\n\nXA,cities/XA/recipe.yaml\n\n", encoding="utf-8")
    assert load_manifest(path).codes == ["XA"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"cities\.csv: is empty; the first line must be the header code,recipe"),
        (
            "code,file\n",
            r"cities\.csv, line 1: has no column recipe; the header must be code,recipe \(found code,file\)",
        ),
        (
            "code,recipe,notes\n",
            r"cities\.csv, line 1: unknown column notes; the columns are code,recipe",
        ),
        ("code,recipe\n", r"cities\.csv: lists no government \(only a header\)"),
        ("code,recipe\n,cities/XA/recipe.yaml\n", r"cities\.csv, line 2, code: is empty"),
        ("code,recipe\nXA,\n", r"cities\.csv, line 2, recipe: is empty"),
        (
            "code,recipe\nX/A,cities/XA/recipe.yaml\n",
            r"cities\.csv, line 2, code: 'X/A' cannot be a government code",
        ),
        (
            "code,recipe\nXA,cities/XA/recipe.yaml\nXA,cities/XA/recipe.yaml\n",
            r"cities\.csv, line 3, code: XA is already listed on line 2",
        ),
        (
            "code,recipe\nXA,cities/XZ/recipe.yaml\n",
            r"cities\.csv, line 2, recipe: no such recipe file: .*XZ/recipe\.yaml",
        ),
    ],
)
def test_a_bad_csv_manifest_is_refused_with_its_line(make_city, tmp_path, text, message):
    make_city("XA", "Ayton", 10)
    path = tmp_path / "cities.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BatchError, match=message):
        load_manifest(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cities.txt", r"unknown manifest type \.txt; use \.csv or \.yaml"),
        ("none.csv", "file not found"),
    ],
)
def test_a_manifest_that_is_not_one_is_refused(tmp_path, name, message):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("code,recipe\n")
    with pytest.raises(BatchError, match=message):
        load_manifest(tmp_path / name)


def test_a_national_manifest_has_one_task_per_feature(national):
    manifest = load_manifest(national.manifest)
    assert manifest.form == "national"
    assert manifest.codes == ["XA", "XB", "XC"]
    task = manifest.tasks[1]
    assert isinstance(task, NationalTask)
    assert (task.name, task.feature, task.layer_name) == ("Beeville", 2, "cities.gpkg")
    assert manifest.national is not None and manifest.national.landcover == national.landcover


def test_codes_select_governments_and_missing_ones_are_listed(national):
    text = national.manifest.read_text() + "codes: [XC, XA, XZ]\n"
    national.manifest.write_text(text)
    manifest = load_manifest(national.manifest)
    assert manifest.codes == ["XA", "XC"]
    assert manifest.left_out == ("XB",)
    assert manifest.not_found == ("XZ",)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "class_map: esa-worldcover\n",
            "",
            r"national\.yaml, line 1, class_map: this key is required",
        ),
        ("edition:", "editoin:", r"national\.yaml, line 2, editoin: unknown key"),
        (
            "landcover: national.tif",
            "landcover: nowhere.tif",
            r"national\.yaml, line 3, landcover: no such file or folder: .*nowhere\.tif",
        ),
        (
            "path: cities.gpkg",
            "path: nowhere.gpkg",
            r"national\.yaml, line 6, boundaries\.path: no such file or folder",
        ),
        (
            "manifest_version: 1",
            "manifest_version: 2",
            r"line 1, manifest_version: this localgbf reads manifest_version 1, not 2",
        ),
        (
            "code_field: code",
            "code_field: id",
            r"cities\.gpkg: has no field 'id'; its fields are code, name",
        ),
    ],
)
def test_a_bad_national_manifest_is_refused_with_its_line(national, old, new, message):
    national.manifest.write_text(national.manifest.read_text().replace(old, new))
    with pytest.raises(BatchError, match=message):
        load_manifest(national.manifest)


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["XA", "XA"], r"cities\.gpkg, feature 2, code: XA is already the code of feature 1"),
        (["XA", ""], r"cities\.gpkg, feature 2, code: has no code"),
        (["XA", "X A"], r"cities\.gpkg, feature 2, code: 'X A' cannot be a government code"),
    ],
)
def test_a_bad_boundaries_layer_is_refused_naming_the_feature(national, codes, message):
    write_outlines(
        national.outlines, [box(0, 40), box(45, 40)], {"code": codes, "name": ["a", "b"]}
    )
    with pytest.raises(BatchError, match=message):
        load_manifest(national.manifest)


def test_codes_that_match_no_feature_are_refused(national):
    national.manifest.write_text(national.manifest.read_text() + "codes: [XZ]\n")
    with pytest.raises(
        BatchError, match=r"cities\.gpkg: has no feature whose code is one of the codes asked for"
    ):
        load_manifest(national.manifest)


def test_paths_of_a_national_manifest_resolve_against_its_folder(national, tmp_path: Path):
    manifest = load_manifest(national.manifest)
    assert manifest.national is not None
    assert manifest.national.boundaries.path == national.outlines.parent.resolve() / "cities.gpkg"
