"""Score cards shared by the reporting tests (built from the example file and a baseline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.index.files import load_assessment_file
from localgbf.index.scorecard import ScoreCard, build_scorecard

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scorecard.yaml"
BASELINE = """\
government: CNDLU
reference_year: 2019
status: completed
values:
  - {indicator: 1, value: 12.0, unit: percent}
  - {indicator: 10, value: 45.0, unit: percent}
  - {indicator: 17, unit: category, score: 1, justification: draft LBSAP only}
"""


@pytest.fixture(scope="session")
def card() -> ScoreCard:
    return build_scorecard(load_assessment_file(EXAMPLE))


@pytest.fixture(scope="session")
def card_with_baseline(tmp_path_factory: pytest.TempPathFactory) -> ScoreCard:
    path = tmp_path_factory.mktemp("baseline") / "baseline.yaml"
    path.write_text(BASELINE, "utf-8")
    return build_scorecard(load_assessment_file(EXAMPLE), baseline=load_assessment_file(path))
