"""Totals per component and overall, baseline and change."""

from __future__ import annotations

import pytest

from index.builders import full_assessment
from localgbf.index.assessment import enter_value, new_assessment, score_by_assessor
from localgbf.index.errors import AssessmentError
from localgbf.index.totals import baseline_of, compare, totals


def test_a_complete_hand_worked_assessment_adds_up():
    """Scores, from the values in tests/index/builders.py:

    Native biodiversity (1-9): 1: 46.2 % > 20.0 -> 4; 2: 48.5 % -> 2; 3: 15.3 % -> 2;
    4-6 assessor 2, 3, 1; 7: 34 % -> 1; 8: 12.6 % -> 3; 9 assessor 2.
        4 + 2 + 2 + 2 + 3 + 1 + 1 + 3 + 2 = 20 of 36.
    Ecosystem services (10-14): 10: 61.3 % -> 4; 11: 27.5 % -> 2; 12: 0.68 ha rounds to 0.7
    -> 3; 13: 72.4 % -> 3; 14 assessor 2.    4 + 2 + 3 + 3 + 2 = 14 of 20.
    Governance (15-28), all by the assessor: 3 2 3 1 3 0 2 3 3 1 2 3 2 1 = 29 of 56.
    Total: 20 + 14 + 29 = 63 of 112, 28 of 28 scored, 19 of them by the assessor.
    """
    sums = totals(full_assessment())
    assert [(c.points, c.max_points, c.scored) for c in sums.components] == [
        (20, 36, 9),
        (14, 20, 5),
        (29, 56, 14),
    ]
    assert (sums.points, sums.max_points, sums.scored, sums.count) == (63, 112, 28, 28)
    assert len(sums.assessor_scored) == 19
    assert sums.missing == ()
    assert sums.scored_label() == "28 of 28 scored"


def test_totals_always_say_how_many_indicators_were_scored():
    """Only indicator 1 (18.4 % -> 3) and 17 (assessor 2): 5 points, 2 of 28 scored."""
    a = enter_value(new_assessment("CNDLU", 2024), 1, 18.4, unit="%")
    a = enter_value(a, 17, None, unit="category")
    a = score_by_assessor(a, 17, 2, justification="LBSAP exists")
    sums = totals(a)
    assert (sums.points, sums.scored) == (5, 2)
    assert sums.scored_label("en") == "2 of 28 scored"
    assert sums.scored_label("zh-hans") == "已评分 2/28 项"
    assert sums.components[0].scored_label() == "1 of 9 scored"
    assert 2 in sums.missing and 1 not in sums.missing


def test_a_later_assessment_shows_the_change_since_its_baseline():
    """Baseline 2019: indicator 1 at 12.0 % -> 2, 10 at 45.0 % -> 2, 17 by the assessor 1.
    2024 (full assessment): 1 -> 4 (+2), 10 -> 4 (+2), 17 -> 3 (+2).
    Totals: baseline 2 + 2 + 1 = 5; 2024: 63; change +58 as they stand; on the 3 indicators
    scored in both: +2 +2 +2 = +6. Native component: 2 -> 20; on common: +2.
    """
    baseline = full_assessment(
        year=2019,
        values={1: (12.0, "%"), 10: (45.0, "%")},
        assessor={17: 1},
    )
    comparison = compare(full_assessment(), baseline)
    by_number = {c.indicator: c for c in comparison.indicators}
    assert (by_number[1].baseline_score, by_number[1].score, by_number[1].score_change) == (2, 4, 2)
    assert by_number[1].value_change == pytest.approx(34.2)
    assert by_number[10].score_change == 2
    assert by_number[17].score_change == 2
    assert by_number[2].score_change is None
    assert (comparison.baseline_points, comparison.points, comparison.change) == (5, 63, 58)
    assert (comparison.common_scored, comparison.change_on_common) == (3, 6)
    native = comparison.components[0]
    assert (native.baseline_points, native.points, native.change_on_common) == (2, 20, 2)


@pytest.mark.parametrize(
    ("baseline_kwargs", "message"),
    [
        ({"government": "CNKMG", "year": 2019}, "the baseline belongs to CNKMG, not to CNDLU"),
        ({"year": 2024}, r"the baseline \(2024\) must come before the assessment \(2024\)"),
        ({"year": 2019, "completed": False}, "only a completed assessment can serve"),
    ],
)
def test_a_comparison_needs_a_completed_earlier_baseline_of_the_same_government(
    baseline_kwargs, message
):
    with pytest.raises(AssessmentError, match=message):
        compare(full_assessment(), full_assessment(**baseline_kwargs))


def test_assessments_of_different_editions_are_not_compared():
    later = full_assessment()
    old = enter_value(new_assessment("CNDLU", 2015, edition="2014"), 1, 10.0, unit="%")
    with pytest.raises(AssessmentError, match="scores of different editions are not comparable"):
        compare(later, old.model_copy(update={"status": "completed"}))


def test_the_baseline_is_the_first_completed_assessment_of_the_government():
    first = full_assessment(year=2019)
    draft = full_assessment(year=2017, completed=False)
    other = full_assessment(government="CNKMG", year=2015)
    later = full_assessment(year=2024)
    assert baseline_of([later, draft, other, first], government="CNDLU") == first
    assert baseline_of([draft], government="CNDLU") is None
