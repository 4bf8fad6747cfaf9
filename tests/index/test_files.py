"""Score-card files (YAML or JSON indicator values): the example, and bad input by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from localgbf.index.errors import ScorecardFileError
from localgbf.index.files import load_assessment_file
from localgbf.index.scorecard import build_scorecard
from localgbf.index.totals import totals

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scorecard.yaml"

HEAD = 'government: CNDLU\nedition: "2021"\nreference_year: 2024\nvalues:\n'


def write(tmp_path: Path, body: str, name: str = "values.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, "utf-8")
    return path


def test_the_example_file_scores_as_worked_by_hand():
    """examples/scorecard.yaml, scored by hand from the printed bands:

    Native: 1: 46.2 % -> 4. 2: groups 52300, 21800, 4100, 2600, 900 ha: sum of squares
    3 234 910 000 / 81 700^2 = 6 674 890 000 -> 48.46 % -> 2. 3: 41 / 268 = 15.30 % -> 2.
    4-6: lists only, no bands, no assessor score. 7: 34 % -> 1. 8: 12.6 % -> 3.
    9: assessor 2.    4 + 2 + 2 + 1 + 3 + 2 = 14 of 36 (6 of 9 scored).
    Ecosystem services: 10: 61.3 % -> 4. 11: 27.5 % -> 2. 12: (410 + 120) / 780 = 0.68
    -> 0.7 -> 3. 13: 72.4 % -> 3. 14: assessor 2.    4 + 2 + 3 + 3 + 2 = 14 of 20.
    Governance, by the assessor: 15: 3, 16: 2, 17: 3, 19: 3, 22: 3, 23: 3, 24: 1, 25: 2,
    26: 3, 27: 2 = 25 of 56; 18, 20, 21, 28 missing.
    Total 14 + 14 + 25 = 53 of 112, 21 of 28 scored.
    """
    a = load_assessment_file(EXAMPLE)
    sums = totals(a)
    assert [c.points for c in sums.components] == [14, 14, 25]
    assert (sums.points, sums.scored) == (53, 21)
    assert sums.missing == (4, 5, 6, 18, 20, 21, 28)
    assert a.entry(2).value == pytest.approx(3_234_910_000 / 6_674_890_000 * 100)
    assert a.entry(5).species_change.net == 2
    assert a.entry(16).score.scored_by == "assessor"
    assert a.profile is not None and a.profile.population == 780000


def test_the_same_values_as_json_give_the_same_assessment(tmp_path):
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    path = tmp_path / "values.json"
    path.write_text(json.dumps(data, indent="\t", ensure_ascii=False), "utf-8")
    assert load_assessment_file(path) == load_assessment_file(EXAMPLE)


def test_a_completed_file_can_serve_as_baseline(tmp_path):
    baseline = write(
        tmp_path,
        "  - {indicator: 1, value: 12.0, unit: percent}\n",
        name="baseline.yaml",
    )
    baseline.write_text(baseline.read_text("utf-8").replace("2024", "2019") + "status: completed\n")
    card = build_scorecard(load_assessment_file(EXAMPLE), baseline=load_assessment_file(baseline))
    row = card.rows[0]
    assert (row.baseline_score, row.score, row.score_change) == (2, 4, 2)
    assert (card.baseline_year, card.baseline_points) == (2019, 2)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  - {indicator: 1, value: 18.0, unit: percent}\n  - {indicator: 29, value: 1, unit: x}\n",
            r"line 6: indicator 29 is not an indicator of the 2021 edition \(1-28\)",
        ),
        (
            "  - indicator: 1\n    value: 18.0\n    unit: '%'\n  - indicator: 3\n    value: 12.0\n",
            r"line 8: indicator 3: the unit is missing; the unit of indicator 3 is '%'",
        ),
        (
            "  - {indicator: 1, value: 140, unit: percent}\n",
            r"line 5: indicator 1 \(Proportion of Natural Areas in the City\): 140 is out of "
            r"range; the accepted range is 0 to 100 %",
        ),
        (
            "  - {indicator: 12, value: 0.5, unit: ha}\n",
            r"line 5: indicator 12: the unit 'ha' is not the indicator's unit 'ha/1000 persons'",
        ),
        (
            "  - {indicator: 1, value: 18, unit: '%'}\n  - {indicator: 1, value: 19, unit: '%'}\n",
            r"line 6: indicator 1 already appears on line 5",
        ),
        (
            "  - {indicator: 1, valeu: 18, unit: '%'}\n",
            r"line 5: unknown key\(s\) valeu",
        ),
        (
            "  - {indicator: 1, value: 18, unit: '%', score: 4, justification: high}\n",
            r"line 5: indicator 1 has bands .* cannot be entered by the assessor",
        ),
        (
            "  - {indicator: 17, unit: category, score: 2}\n",
            r"line 5: indicator 17: a score entered by the assessor needs a justification",
        ),
        (
            "  - {indicator: 4, unit: species, added: [A a], lost: [a A]}\n",
            r"line 5: indicator 4: listed as both added and lost: a a",
        ),
        (
            "  - {indicator: 1, unit: '%', added: [A a]}\n",
            r"line 5: indicator 1 is not a change-in-species indicator",
        ),
        (
            "  - {indicator: 16, unit: '%', form: {city_budget: 10}}\n",
            r"line 5: indicator 16: the field 'biodiversity_spending' is required",
        ),
        (
            "  - {indicator: 1, value: 18, unit: '%', form: {natural_area_ha: 1}}\n",
            r"line 5: indicator 1: give one of 'value', 'form' or 'added'/'lost', not value and form",
        ),
        (
            "  - {indicator: 1, value: eighteen, unit: '%'}\n",
            r"line 5: indicator 1: 'value' must be a number, not 'eighteen'",
        ),
        (
            "  - {indicator: 1, value: 18, unit: '%', evidence: [{url: x}]}\n",
            r"line 5: indicator 1: each evidence item is one of",
        ),
        ("  - {indicator: 1, value: 18, unit: '%'\n", r"line 6: is not valid YAML"),
    ],
)
def test_bad_input_is_refused_naming_the_file_and_line(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ScorecardFileError, match=message) as caught:
        load_assessment_file(path)
    assert caught.value.file == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("values: []\nreference_year: 2024\n", r"line 1: the key 'government' is missing"),
        ("government: X\nreference_year: next\nvalues: []\n", r"'reference_year' must be a year"),
        ("government: X\nreference_year: 2024\nedition: '1999'\nvalues: []\n", r"unknown .*'1999'"),
        (
            "government: X\nreference_year: 2024\nvalues: []\ncolour: red\n",
            r"unknown key\(s\) colour",
        ),
        ("- 1\n- 2\n", r"line 1: must hold a mapping"),
        (
            "government: X\nreference_year: 2024\nstatus: completed\nvalues: []\n",
            r"an assessment with no indicator entered cannot be completed",
        ),
        (
            "government: X\nreference_year: 2024\nprofile: {population: -5}\nvalues: []\n",
            r"line 3: profile: population: Input should be greater than or equal to 0",
        ),
    ],
)
def test_a_malformed_file_is_refused(tmp_path, text, message):
    path = tmp_path / "values.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ScorecardFileError, match=message):
        load_assessment_file(path)


def test_a_file_of_another_type_is_refused(tmp_path):
    path = tmp_path / "values.txt"
    path.write_text("government: X", "utf-8")
    with pytest.raises(ScorecardFileError, match=r"unknown file type '.txt'"):
        load_assessment_file(path)


def test_a_json_file_names_the_line_too(tmp_path):
    path = tmp_path / "values.json"
    path.write_text(
        '{\n\t"government": "X",\n\t"reference_year": 2024,\n\t"values": [\n'
        '\t\t{"indicator": 1, "value": 18},\n\t\t{"indicator": 31, "value": 1, "unit": "%"}\n\t]\n}\n',
        "utf-8",
    )
    with pytest.raises(ScorecardFileError, match=r"line 5: indicator 1: the unit is missing"):
        load_assessment_file(path)
