"""score_value: one rule for the printed bands, their gaps and edges; physical ranges."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.index.bands import default_band_table
from localgbf.index.errors import (
    AssessmentError,
    IndexInputError,
    UnknownIndicatorError,
    ValueOutOfRangeError,
)
from localgbf.index.scoring import assessor_score, score_value

# (indicator, value, score) worked by hand from the printed bands in the framework data (S4-S6):
# round half away from zero to one decimal, match the printed bounds, a value still between two
# bands takes the lower score. Comments give the printed band that decides.
EDGES = [
    # 1: < 1.0 | 1.0-6.9 | 7.0-13.9 | 14.0-20.0 | > 20.0
    (1, 0.0, 0),
    (1, 0.94, 0),  # 0.9
    (1, 0.95, 1),  # 1.0
    (1, 6.9, 1),
    (1, 6.94, 1),  # 6.9
    (1, 6.95, 2),  # the printed gap: 7.0
    (1, 7.0, 2),
    (1, 13.95, 3),  # 14.0
    (1, 20.0, 3),  # '14.0% - 20.0%' includes 20.0 (WRI's code would give 4)
    (1, 20.04, 3),  # 20.0
    (1, 20.05, 4),  # 20.1 > 20.0
    (1, 100.0, 4),
    # 2: < 20 | 20-39.9 | 40-59.9 | 60-79.9 | >= 80
    (2, 19.94, 0),
    (2, 19.95, 1),
    (2, 39.9, 1),
    (2, 39.95, 2),
    (2, 59.94, 2),
    (2, 60.0, 3),
    (2, 79.9, 3),
    (2, 79.95, 4),  # 80.0
    (2, 80.0, 4),
    # 3: < 6 | 6-10.9 | 11-15.9 | 16-20 | > 20
    (3, 5.94, 0),
    (3, 5.95, 1),
    (3, 10.9, 1),
    (3, 10.95, 2),
    (3, 15.9, 2),
    (3, 15.95, 3),
    (3, 20.0, 3),
    (3, 20.04, 3),
    (3, 20.05, 4),
    # 7: < 20 | 20-39.9 | 40-59.9 | 60-79.9 | > 80 (80 itself scores 4)
    (7, 19.9, 0),
    (7, 20.0, 1),
    (7, 39.95, 2),
    (7, 79.94, 3),
    (7, 79.95, 4),
    (7, 80.0, 4),
    # 8: < 1 | 1-6 | 6.1-11 | 11.1-17 | > 17
    (8, 0.94, 0),
    (8, 0.95, 1),
    (8, 6.0, 1),
    (8, 6.04, 1),
    (8, 6.05, 2),  # 6.1
    (8, 11.0, 2),
    (8, 11.05, 3),
    (8, 17.0, 3),
    (8, 17.04, 3),
    (8, 17.05, 4),
    # 10: < 30 | 30-39.9 | 40-49.9 | 50-59.9 | > 60 (60 itself scores 4)
    (10, 29.94, 0),
    (10, 29.95, 1),
    (10, 49.9, 2),
    (10, 49.95, 3),
    (10, 59.9, 3),
    (10, 59.95, 4),
    (10, 60.0, 4),
    # 11: < 10 | 10.1-24.9 | 25-39.9 | 40-54.9 | > 55 (55 itself scores 4)
    (11, 9.94, 0),
    (11, 10.0, 0),  # between '< 10%' and '10.1%': the lower score
    (11, 10.04, 0),
    (11, 10.05, 1),
    (11, 24.9, 1),
    (11, 24.95, 2),
    (11, 54.9, 3),
    (11, 54.95, 4),
    (11, 55.0, 4),
    # 12: < 0.1 | 0.1-0.3 | 0.4-0.6 | 0.7-0.9 | > 0.9 (ha per 1000 persons)
    (12, 0.04, 0),
    (12, 0.05, 1),
    (12, 0.3, 1),
    (12, 0.34, 1),
    (12, 0.35, 2),  # the printed gap 0.3 | 0.4
    (12, 0.6, 2),
    (12, 0.65, 3),
    (12, 0.9, 3),
    (12, 0.94, 3),
    (12, 0.95, 4),
    (12, 3.2, 4),
    # 13: < 30 | 30-49.9 | 50-69.9 | 70-89.9 | > 90 (90 itself scores 4)
    (13, 29.9, 0),
    (13, 30.0, 1),
    (13, 49.9, 1),
    (13, 49.95, 2),
    (13, 69.95, 3),
    (13, 89.9, 3),
    (13, 89.95, 4),
    (13, 90.0, 4),
    (13, 100.0, 4),
]


@pytest.mark.parametrize(("indicator", "value", "expected"), EDGES)
def test_band_edges_and_printed_gaps_follow_the_documented_rule(indicator, value, expected):
    result = score_value(indicator, value)
    assert result.score == expected
    assert result.scored_by == "bands"
    assert result.rule == "si-round-printed-v1"
    assert (
        result.band
        == load_singapore_index()
        .edition("2021")
        .indicator(indicator)
        .bands.for_score(expected)
        .text
    )


def test_every_banded_indicator_is_covered_by_the_edge_table():
    assert {i for i, _, _ in EDGES} == set(load_singapore_index().edition("2021").banded())


def test_a_score_records_its_band_table_version_sources_and_the_compared_value():
    result = score_value(1, 6.95)
    assert result.band_table_version == default_band_table("2021").version
    assert result.rounded_value == 7.0
    assert result.band_source == ("S4", "S5", "S6")
    assert result.band_confidence == "medium"


@given(st.integers(min_value=0, max_value=1000), st.sampled_from([1, 2, 3, 7, 8, 10, 11, 13]))
def test_a_value_printed_at_one_decimal_scores_the_band_that_prints_it(tenths, indicator):
    """Independent check: for x = k/10, the score is the band whose printed range holds x."""
    value = tenths / 10
    assume((indicator, value) != (11, 10.0))  # the one printed gap at one decimal, in EDGES
    bands = load_singapore_index().edition("2021").indicator(indicator).bands
    [holding] = [b for b in bands.table if b.contains(value)]
    assert score_value(indicator, value).score == holding.score


@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.sampled_from([1, 2, 3, 7, 8, 10, 11, 13]),
)
def test_a_larger_share_never_scores_less_on_a_higher_is_better_indicator(a, b, indicator):
    low, high = sorted((a, b))
    assert score_value(indicator, low).score <= score_value(indicator, high).score


def test_an_indicator_without_bands_keeps_its_value_and_awaits_the_assessor():
    result = score_value(9, 3.4)
    assert (result.value, result.score, result.band) == (3.4, None, None)
    assert result.scored_by == "none"
    assert result.rule == "assessor-judgement"


def test_no_value_means_no_score():
    result = score_value(1, None)
    assert result.score is None and result.scored_by == "none"


def test_numpy_numbers_are_accepted():
    assert score_value(1, np.float64(20.0)).score == 3
    assert score_value(12, np.float32(0.35)).value == pytest.approx(0.35)


@pytest.mark.parametrize(
    ("indicator", "value", "message"),
    [
        (
            1,
            140.0,
            r"indicator 1 \(Proportion of Natural Areas in the City\): 140 is out of "
            r"range; the accepted range is 0 to 100 %",
        ),
        (13, -0.5, r"indicator 13 .*-0.5 is out of range; the accepted range is 0 to 100 %"),
        (12, -1.0, r"indicator 12 .*the accepted range is 0 ha/1000 persons or more"),
        (4, 2.5, r"indicator 4 .*2.5 is not a whole number; the accepted range is any whole"),
        (1, math.nan, r"indicator 1 .*not a finite number"),
        (1, math.inf, r"indicator 1 .*not a finite number"),
    ],
)
def test_a_value_outside_its_physical_range_is_refused_naming_indicator_and_range(
    indicator, value, message
):
    with pytest.raises(ValueOutOfRangeError, match=message):
        score_value(indicator, value)


def test_a_negative_net_change_in_species_is_a_valid_value():
    assert score_value(5, -3).value == -3.0


@pytest.mark.parametrize(
    ("indicator", "edition", "message"),
    [
        (29, "2021", r"indicator 29 is not in the 2021 edition \(indicators 1-28\)"),
        (24, "2014", r"indicator 24 is not in the 2014 edition \(indicators 1-23\)"),
        (1, "2030", r"unknown Singapore Index edition '2030'; known editions: 2021, 2014"),
    ],
)
def test_unknown_indicators_and_editions_are_named(indicator, edition, message):
    with pytest.raises(UnknownIndicatorError, match=message):
        score_value(indicator, 1.0, edition=edition)


def test_the_2014_edition_is_scored_with_its_own_table():
    result = score_value(1, 20.0, edition="2014")
    assert (result.score, result.edition) == (3, "2014")
    assert result.band_table_version == default_band_table("2014").version
    assert score_value(2, 800.0, edition="2014").score is None


def test_a_band_table_of_another_edition_is_refused():
    with pytest.raises(IndexInputError, match="is for the 2014 edition, not the 2021 edition"):
        score_value(1, 5.0, bands=default_band_table("2014"))


def test_the_assessor_scores_an_indicator_without_bands_with_a_justification():
    result = assessor_score(17, None, 3, justification="  LBSAP adopted 2022  ")
    assert (result.score, result.scored_by, result.justification) == (
        3,
        "assessor",
        "LBSAP adopted 2022",
    )
    assert result.rule == "assessor-judgement"


@pytest.mark.parametrize(
    ("indicator", "score", "justification", "message"),
    [
        (
            1,
            3,
            "we think so",
            "indicator 1 has bands in table .* cannot be entered by the assessor",
        ),
        (17, 3, "   ", "indicator 17: a score entered by the assessor needs a justification"),
        (17, 5, "why not", "indicator 17: a score is a whole number from 0 to 4"),
        (17, True, "why not", "indicator 17: a score is a whole number from 0 to 4"),
    ],
)
def test_assessor_scores_are_refused_where_the_rules_forbid_them(
    indicator, score, justification, message
):
    with pytest.raises(AssessmentError, match=message):
        assessor_score(indicator, 10.0, score, justification=justification)
