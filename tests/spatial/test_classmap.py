"""Class maps: presets shipped as data, cities' own files, and the role vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.spatial.classmap import load_class_map, load_roles, presets
from localgbf.spatial.errors import SpatialInputError

ROLES = {"natural", "restored", "naturalised", "builtup", "permeable", "canopy", "water"}


def test_the_role_vocabulary_is_the_documented_one_in_both_languages() -> None:
    vocabulary = load_roles()
    assert set(vocabulary.roles) == ROLES
    for role in vocabulary.roles.values():
        assert role.label.has("en") and role.label.has("zh-hans")
        assert role.description.has("en") and role.description.has("zh-hans")


@pytest.mark.parametrize("name", ["esa-worldcover", "copernicus-glc100", "nlcd"])
def test_each_preset_has_a_version_a_citation_and_bilingual_labels(name: str) -> None:
    class_map = load_class_map(name)
    assert class_map.id == name
    assert class_map.version and class_map.source and class_map.product_version
    assert class_map.sha256 and class_map.file_name
    for entry in class_map.classes:
        assert entry.label.has("en") and entry.label.has("zh-hans")
        assert entry.roles <= ROLES


def test_presets_are_found_from_the_data_files() -> None:
    assert set(presets()) == {"esa-worldcover", "copernicus-glc100", "nlcd"}


@pytest.mark.parametrize(
    ("name", "role", "codes"),
    [
        ("esa-worldcover", "natural", {10, 20, 30, 70, 80, 90, 95, 100}),
        ("esa-worldcover", "builtup", {50}),
        ("esa-worldcover", "canopy", {10, 95}),
        ("esa-worldcover", "water", {80}),
        ("nlcd", "builtup", {21, 22, 23, 24}),
        ("nlcd", "canopy", {41, 42, 43, 90}),
        ("copernicus-glc100", "water", {80, 200}),
    ],
)
def test_codes_with_role_reads_the_preset(name: str, role: str, codes: set[int]) -> None:
    assert load_class_map(name).codes_with_role(role) == codes


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(SpatialInputError, match="unknown role 'forest'"):
        load_class_map("nlcd").codes_with_role("forest")


def test_a_name_that_is_neither_preset_nor_file_is_refused() -> None:
    with pytest.raises(SpatialInputError, match="neither a class-map preset .*nlcd.* nor a file"):
        load_class_map("worldcover")


CITY_MAP = """\
id: my-city
version: 2
name:
  en: My city's land cover
  zh-hans: 我市土地覆盖
source: City survey 2024
nodata: [255]
classes:
  - code: 1
    label: {en: Forest, zh-hans: 森林}
    roles: [natural, canopy, permeable]
  - code: 2
    label: {en: Houses, zh-hans: 住宅}
    roles: [builtup]
"""


def test_a_city_may_write_its_own_class_map(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(CITY_MAP, encoding="utf-8")
    class_map = load_class_map(path)
    assert class_map.version == "2"
    assert class_map.codes_with_role("natural") == {1}
    assert class_map.nodata == {255}
    assert class_map.label(2) is not None and class_map.label(2).get("zh-hans") == "住宅"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "roles: [builtup]",
            "roles: [built]",
            r"line 14, classes.1.roles: .*unknown role\(s\) \['built'\]",
        ),
        ("  - code: 2", "  - code: 1", "code 1 is listed twice"),
        (
            "source: City survey 2024",
            "source: City survey 2024\ncolour: red",
            "line 7, colour: unknown key",
        ),
        ("  - code: 2", "  - code: -2", r"line 12, classes.1.code: .*greater than or equal to 0"),
        ("id: my-city\n", "", "line 1, id: this key is required"),
        ("nodata: [255]", "nodata: [1]", r"code\(s\) \[1\] are both a class and nodata"),
        (
            "    label: {en: Forest, zh-hans: 森林}\n",
            "",
            "line 9, classes.0.label: this key is required",
        ),
    ],
)
def test_a_bad_class_map_is_refused_with_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(CITY_MAP.replace(old, new), encoding="utf-8")
    with pytest.raises(SpatialInputError, match=message):
        load_class_map(path)


def test_invalid_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text("id: x\nclasses: [\n  - code: 1\n", encoding="utf-8")
    with pytest.raises(SpatialInputError, match=r"city.yaml, line \d+: is not valid YAML"):
        load_class_map(path)
