"""Assessments built in code for the index and reporting tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from localgbf.index.assessment import (
    Assessment,
    complete,
    enter_value,
    new_assessment,
    score_by_assessor,
)

# 2021 values that the packaged bands score (indicator: (value, unit)).
BANDED_VALUES: dict[int, tuple[float, str]] = {
    1: (46.2, "percent"),  # > 20.0 -> 4
    2: (48.5, "percent"),  # 40-59.9 -> 2
    3: (15.3, "percent"),  # 11-15.9 -> 2
    7: (34.0, "percent"),  # 20-39.9 -> 1
    8: (12.6, "percent"),  # 11.1-17 -> 3
    10: (61.3, "percent"),  # >= 60 -> 4
    11: (27.5, "percent"),  # 25-39.9 -> 2
    12: (0.68, "ha per 1000 persons"),  # 0.7 after rounding, 0.7-0.9 -> 3
    13: (72.4, "percent"),  # 70-89.9 -> 3
}
# Scores the assessor gives to the indicators without bands.
ASSESSOR_SCORES: dict[int, int] = {
    4: 2,
    5: 3,
    6: 1,
    9: 2,
    14: 2,
    15: 3,
    16: 2,
    17: 3,
    18: 1,
    19: 3,
    20: 0,
    21: 2,
    22: 3,
    23: 3,
    24: 1,
    25: 2,
    26: 3,
    27: 2,
    28: 1,
}
ASSESSOR_VALUES: dict[int, tuple[float | None, str | None]] = {
    4: (2, "species"),
    5: (3, "species"),
    6: (-1, "species"),
    9: (3.2, "percent"),
    16: (2.1, "percent"),
    24: (3, "organisations"),
    25: (4, "projects per year"),
}


def full_assessment(
    government: str = "CNDLU",
    year: int = 2024,
    *,
    values: dict[int, tuple[float, str]] | None = None,
    assessor: dict[int, int] | None = None,
    completed: bool = True,
) -> Assessment:
    """An assessment with every indicator entered: banded ones by value, others by the assessor."""
    a = new_assessment(government, year)
    for n, (value, unit) in (values or BANDED_VALUES).items():
        a = enter_value(a, n, value, unit=unit, by="tester")
    for n, score in (assessor or ASSESSOR_SCORES).items():
        value, unit = ASSESSOR_VALUES.get(n, (None, None))
        a = enter_value(a, n, value, unit=unit, by="tester")
        a = score_by_assessor(a, n, score, justification=f"test judgement for {n}", by="tester")
    return complete(a) if completed else a


# TEST BANDS ONLY, made up for these tests: not the Handbook's bands for indicator 9.
INDICATOR_9 = [
    {"score": 4, "text": "< 1%", "lower": None, "lower_inclusive": None, "upper": 1.0,
     "upper_inclusive": False, "source": "test table", "page": "1"},
    {"score": 3, "text": "1% - 10%", "lower": 1.0, "lower_inclusive": True, "upper": 10.0,
     "upper_inclusive": True, "source": "test table", "page": "1"},
    {"score": 2, "text": "10.1% - 20%", "lower": 10.1, "lower_inclusive": True, "upper": 20.0,
     "upper_inclusive": True, "source": "test table", "page": "1"},
    {"score": 1, "text": "20.1% - 30%", "lower": 20.1, "lower_inclusive": True, "upper": 30.0,
     "upper_inclusive": True, "source": "test table", "page": "2"},
    {"score": 0, "text": "> 30%", "lower": 30.0, "lower_inclusive": False, "upper": None,
     "upper_inclusive": None, "source": "test table", "page": "2"},
]  # fmt: skip


def write_yaml_table(tmp_path: Path, bands: list[dict] | None = None, **header: object) -> Path:
    head = {"version": "test-2027-1", "edition": "2021", "source": "test table"} | header
    data = {
        "band_table": head,
        "indicators": [{"indicator": 9, "decimals": 1, "bands": bands or INDICATOR_9}],
    }
    path = tmp_path / "bands.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path
