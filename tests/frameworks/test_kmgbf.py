"""The packaged KMGBF against the reference extract it was built from (counted independently)."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.kmgbf import kmgbf, load_kmgbf
from localgbf.frameworks.resources import data_path


def test_it_has_4_goals_23_targets_and_204_indicators():
    fw = kmgbf()
    assert [g.code for g in fw.goals] == ["A", "B", "C", "D"]
    assert [t.code for t in fw.targets] == [str(n) for n in range(1, 24)]
    assert len(fw.indicators) == 204


def test_indicator_kinds_match_the_reference_counts(shared_reference: Path):
    ref = yaml.safe_load((shared_reference / "kmgbf.yaml").read_text(encoding="utf-8"))
    expected = Counter(
        {"headline": len(ref["headline_indicators"]), "binary": len(ref["binary_indicators"])}
    )
    expected.update(i["type"] for i in ref["component_and_complementary_indicators"])
    assert Counter(i.kind for i in kmgbf().indicators) == expected


def test_every_goal_and_target_has_english_and_chinese_titles_and_only_english_is_official():
    fw = kmgbf()
    for record in [*fw.goals, *fw.targets]:
        assert record.title.has("en") and record.title.has("zh-hans"), record.code
        assert record.title.official == {"en"}, record.code


def test_target_12_lists_the_singapore_index_among_its_indicators():
    codes = {i.code for i in kmgbf().indicators_for_target("12")}
    assert {"12.1", "12.b", "12.CT.1"} <= codes


def _broken_copy(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(data_path("kmgbf.yaml").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "kmgbf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_indicator_pointing_at_a_missing_target_names_the_file_and_the_indicator(tmp_path):
    def point_at_target_99(data):
        data["indicators"][0]["targets"] = ["99"]

    path = _broken_copy(tmp_path, point_at_target_99)
    with pytest.raises(
        FrameworkDataError, match=r"kmgbf\.yaml, record indicator A\.1: refers to target 99"
    ):
        load_kmgbf(path)


def test_a_record_without_a_title_is_refused_with_its_position(tmp_path):
    def drop_title(data):
        del data["targets"][2]["title"]

    path = _broken_copy(tmp_path, drop_title)
    with pytest.raises(
        FrameworkDataError, match=r"record targets\[2\] \(code 3\): title: Field required"
    ):
        load_kmgbf(path)


def test_a_file_that_is_not_yaml_names_the_line(tmp_path):
    path = tmp_path / "kmgbf.yaml"
    path.write_text("framework: kmgbf\ngoals: [\n", encoding="utf-8")
    with pytest.raises(FrameworkDataError, match=r"kmgbf\.yaml: is not valid YAML at line"):
        load_kmgbf(path)
