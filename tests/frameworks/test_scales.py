import pytest

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.scales import load_scales, scale


def test_the_progress_scale_has_the_five_nr7_levels_and_unknown_in_order():
    assert scale("progress").keys() == [
        "on_track_to_exceed",
        "on_track",
        "insufficient_rate",
        "no_significant_change",
        "moving_away",
        "unknown",
    ]


def test_only_the_thesaurus_label_with_a_known_chinese_term_is_marked_official_in_chinese():
    levels = scale("progress").levels
    assert [lvl.key for lvl in levels if "zh-hans" in lvl.label.official] == ["on_track_to_exceed"]
    assert scale("progress").level("unknown").label.official == frozenset()


def test_alignment_ranks_high_above_medium_above_low():
    ranks = {lvl.key: lvl.rank for lvl in scale("alignment").levels}
    assert ranks["high"] > ranks["medium"] > ranks["low"]
    assert scale("alignment").level("high").label.get("zh-hans") == "高"


def test_duplicate_level_keys_are_refused(tmp_path):
    path = tmp_path / "scales.yaml"
    path.write_text(
        "scales:\n  s:\n    title: {en: S}\n    levels:\n      - {key: a, label: {en: A}}\n"
        "      - {key: a, label: {en: B}}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        FrameworkDataError, match=r"scales\.yaml, record scale s: two levels share a key"
    ):
        load_scales(path)
