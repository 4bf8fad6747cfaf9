"""The SVG chart of a score card: valid SVG, one bar per indicator, a text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from localgbf.reporting.charts import scorecard_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_is_svg_with_a_title_a_description_and_one_group_per_indicator(card):
    chart = scorecard_chart(card)
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Scores by indicator — CNDLU 2024")
    assert "28 indicator scores" in root.find(f"{SVG}desc").text
    groups = root.findall(f"{SVG}g")
    assert len(groups) == 28
    assert groups[0].find(f"{SVG}title").text == "1. Proportion of Natural Areas in the City: 4/4"


def test_assessor_scores_are_hatched_and_say_so(card):
    root = ET.fromstring(scorecard_chart(card).svg)
    hatched = [
        g.find(f"{SVG}title").text
        for g in root.findall(f"{SVG}g")
        if any(r.get("fill") == "url(#sc-hatch)" for r in g.findall(f"{SVG}rect"))
    ]
    assert len(hatched) == 12
    assert all("(Scored by the assessor)" in title for title in hatched)


def test_the_text_alternative_lists_totals_and_every_indicator(card):
    text = scorecard_chart(card).text
    assert "Total: 53/112 (21 of 28 scored)." in text
    assert "18. Status of Natural Capital Assessment in the City: not scored" in text
    assert len([line for line in text.splitlines() if line[:1].isdigit()]) == 28


def test_the_baseline_is_drawn_and_described(card_with_baseline):
    chart = scorecard_chart(card_with_baseline, lang="zh-hans")
    assert "2019 年基线" in chart.svg
    assert "1. 城市自然区域比例: 4/4; 基线 2/4" in chart.text
    ET.fromstring(chart.svg)
