"""A new band table never rewrites scores by itself: preview, then apply by choice."""

from __future__ import annotations

from index.builders import full_assessment, write_yaml_table
from localgbf.index.assessment import confirm, enter_value, new_assessment
from localgbf.index.bands import default_band_table, load_band_table
from localgbf.index.rescore import apply_rescore, rescore_preview


def _table(tmp_path):
    return default_band_table("2021").overlay(load_band_table(write_yaml_table(tmp_path)))


def test_the_preview_shows_what_a_completed_table_would_change(tmp_path):
    """Indicator 9 at 3.2 %, scored 2 by the assessor, falls in the test band '1% - 10%': 3."""
    a = full_assessment(completed=False)
    [diff] = rescore_preview(a, _table(tmp_path))
    assert diff.indicator == 9
    assert (diff.old_score, diff.new_score) == (2, 3)
    assert (diff.old_scored_by, diff.new_scored_by) == ("assessor", "bands")
    assert diff.new_version == "test-2027-1"
    assert a.entry(9).points == 2


def test_applying_rescores_unconfirmed_entries_only_unless_one_is_named(tmp_path):
    a = enter_value(new_assessment("CNDLU", 2024), 9, 3.2, unit="%")
    a = enter_value(a, 1, 18.4, unit="%")
    a = confirm(confirm(a, 9, by="Li Na"), 1, by="Li Na")
    table = _table(tmp_path)
    untouched = apply_rescore(a, table)
    assert untouched.entry(9).points is None
    assert untouched.entry(9).status == "confirmed"
    chosen = apply_rescore(a, table, indicators=[9])
    assert chosen.entry(9).points == 3
    assert chosen.entry(9).score.band_table_version == "test-2027-1"
    assert chosen.entry(9).status == "entered"
    assert chosen.entry(1) == a.entry(1)


def test_an_unchanged_table_shows_no_difference():
    a = full_assessment(completed=False)
    assert rescore_preview(a, default_band_table("2021")) == ()
