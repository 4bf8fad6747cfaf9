"""Plan of Action of decision 15/12, checked against the official Chinese text it came from."""

from pathlib import Path

from localgbf.frameworks.plan_of_action import plan_of_action


def test_it_has_seven_action_areas_with_fifteen_activities():
    plan = plan_of_action()
    assert [a.number for a in plan.action_areas] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(a.activities) for a in plan.action_areas] == [2, 3, 2, 1, 1, 2, 4]
    assert len(plan.objectives) == 4


def test_the_chinese_is_official_and_the_english_is_not():
    for area in plan_of_action().action_areas:
        assert area.title.official == {"zh-hans"}
        assert area.title.render("en").official is False


def test_every_activity_text_occurs_in_the_official_decision(shared_reference: Path):
    decision = "".join(
        (shared_reference / "decision_15_12_zh.txt").read_text(encoding="utf-8").split()
    )
    for area in plan_of_action().action_areas:
        for activity in area.activities:
            text = "".join(activity.text.get("zh-hans").split())
            # The reference file removed footnote digits; compare a long opening stretch.
            assert text[:25] in decision, activity.code


def test_action_area_6_invites_the_singapore_index():
    area = plan_of_action().action_area(6)
    assert any("新加坡" in a.text.get("zh-hans") for a in area.activities)
