"""The Singapore Index framework data: both editions, bands only where the reference has them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import data_path
from localgbf.frameworks.singapore_index import (
    Band,
    band_problems,
    load_singapore_index,
    singapore_index_framework,
)

REPO = Path(__file__).resolve().parents[2]
PACKAGED = data_path("singapore_index.yaml")


@pytest.fixture(scope="module")
def si():
    return load_singapore_index()


@pytest.mark.parametrize(
    ("edition", "sizes", "maximum"),
    [("2021", [9, 5, 14], 112), ("2014", [10, 4, 9], 92)],
)
def test_each_edition_has_its_components_and_maximum(si, edition, sizes, maximum):
    """2021: 9 + 5 + 14 = 28 indicators x 4 = 112 (NParks, S2); 2014: 10 + 4 + 9 = 23 x 4 = 92."""
    ed = si.edition(edition)
    assert [len(c.indicators) for c in ed.components] == sizes
    assert [c.component for c in ed.components] == [
        "native-biodiversity",
        "ecosystem-services",
        "governance",
    ]
    assert len(ed.indicators) == sum(sizes)
    assert ed.max_total == maximum


@pytest.mark.parametrize(
    ("edition", "banded"),
    [("2021", (1, 2, 3, 7, 8, 10, 11, 12, 13)), ("2014", (1,))],
)
def test_bands_exist_only_where_the_reference_has_them(si, edition, banded):
    assert si.edition(edition).banded() == banded


def test_the_packaged_2021_bands_are_the_reference_bands_with_their_sources(si, shared_reference):
    reference = yaml.safe_load((shared_reference / "singapore_index.yaml").read_text("utf-8"))
    for item in reference["indicators"]:
        ours = si.edition("2021").indicator(item["id"]).bands
        if item["thresholds"] is None:
            assert ours is None, item["id"]
            continue
        assert ours is not None
        for theirs, band in zip(item["thresholds"], ours.table, strict=True):
            sources = theirs["source"] if isinstance(theirs["source"], list) else [theirs["source"]]
            assert band.score == theirs["score"]
            assert band.text == theirs["text"]
            assert (band.lower, band.lower_inclusive) == (
                theirs["lower"],
                theirs["lower_inclusive"],
            )
            assert (band.upper, band.upper_inclusive) == (
                theirs["upper"],
                theirs["upper_inclusive"],
            )
            assert list(band.source) == sources
            assert band.confidence == theirs["confidence"]


def test_the_only_2014_bands_are_indicator_1_at_low_confidence(si):
    bands = si.edition("2014").indicator(1).bands
    assert bands is not None
    assert {b.confidence for b in bands.table} == {"low"}
    assert "Not checked against the 2014 manual" in (bands.note or "")


def test_the_data_file_is_what_the_build_script_makes_from_the_reference(shared_reference):
    script = REPO / "tools" / "reference" / "singapore_index.py"
    reference = shared_reference / "singapore_index.yaml"
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--reference", str(reference)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("edition", ["2021", "2014"])
def test_every_indicator_has_a_name_and_help_in_english_and_chinese(si, edition):
    for ind in si.edition(edition).indicators:
        assert ind.name.has("en") and ind.name.has("zh-hans"), ind.number
        assert ind.data_needed.has("en") and ind.data_needed.has("zh-hans"), ind.number
        for text in (ind.measures, ind.formula):
            assert text is None or text.has("zh-hans"), ind.number


def test_only_english_names_are_marked_official_and_our_own_texts_never_are(si):
    for ed in si.editions:
        for ind in ed.indicators:
            assert ind.name.official == frozenset({"en"})
            for text in (ind.measures, ind.formula, ind.data_needed):
                assert text is None or text.official == frozenset()


def test_every_cited_source_is_in_the_sources_table(si):
    cited = {s for ed in si.editions for i in ed.indicators for s in i.source}
    cited |= {
        s
        for ed in si.editions
        for i in ed.indicators
        if i.bands
        for b in i.bands.table
        for s in b.source
    }
    assert cited <= set(si.sources)


def test_the_loader_is_cached_and_the_catalogue_sees_the_2021_records():
    assert singapore_index_framework() is load_singapore_index()
    records = load_singapore_index().records()
    assert [r.code for r in records if r.kind == "component"] == [
        "native-biodiversity",
        "ecosystem-services",
        "governance",
    ]
    indicator_3 = next(r for r in records if r.kind == "indicator" and r.code == "3")
    assert indicator_3.parent == "singapore-index:native-biodiversity"
    assert indicator_3.id == "singapore-index:3"


def _band(score: int, lower: float | None, upper: float | None, **kw: Any) -> Band:
    return Band(
        score=score,
        text=f"{lower}-{upper}",
        lower=lower,
        lower_inclusive=kw.get("li", None if lower is None else True),
        upper=upper,
        upper_inclusive=kw.get("ui", None if upper is None else True),
        source=("test",),
    )


def test_sound_bands_with_printed_gaps_have_no_problems():
    table = (
        _band(0, None, 1.0, ui=False),
        _band(1, 1.0, 6.9),
        _band(2, 7.0, 13.9),
        _band(3, 14.0, 20.0),
        _band(4, 20.0, None, li=False),
    )
    assert band_problems(table, "higher-is-better") == []


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            (
                _band(0, None, 1, ui=False),
                _band(1, 1, 5),
                _band(2, 4, 7),
                _band(3, 8, 9),
                _band(4, 10, None),
            ),
            r"bands '1-5' \(score 1\) and '4-7' \(score 2\) overlap",
        ),
        (
            (_band(0, None, 1), _band(1, 2, 3), _band(3, 4, 5), _band(3, 6, 7), _band(4, 8, None)),
            "exactly one band per score",
        ),
        (
            (_band(0, None, 1), _band(1, 6, 7), _band(2, 2, 3), _band(3, 4, 5), _band(4, 8, None)),
            "not ordered",
        ),
        (
            (_band(0, 8, None), _band(1, 6, 7), _band(2, 4, 5), _band(3, 2, 3), _band(4, None, 1)),
            "higher-is-better but the scores fall",
        ),
    ],
)
def test_unsound_bands_are_described(table, problem):
    assert any(re.search(problem, p) for p in band_problems(table, "higher-is-better"))


def _broken_file(tmp_path: Path, change: Any) -> Path:
    data = yaml.safe_load(PACKAGED.read_text("utf-8"))
    change(data)
    path = tmp_path / "si.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def _ind(data: dict, edition: str, number: int) -> dict:
    ed = next(e for e in data["editions"] if e["edition"] == edition)
    return next(i for i in ed["indicators"] if i["number"] == number)


def _set(target: dict, key: str, value: Any) -> None:
    target[key] = value


@pytest.mark.parametrize(
    ("change", "record", "problem"),
    [
        (
            lambda d: _set(_ind(d, "2021", 1)["bands"]["table"][1], "upper", 7.5),
            "edition 2021, indicator 1",
            "overlap",
        ),
        (
            lambda d: _set(_ind(d, "2021", 3)["bands"]["table"][4], "score", 3),
            "edition 2021, indicator 3",
            "exactly one band per score 0-4",
        ),
        (
            lambda d: _set(_ind(d, "2021", 2), "unit", "furlongs"),
            "edition 2021, indicator 2",
            "unknown unit 'furlongs'",
        ),
        (
            lambda d: _set(_ind(d, "2021", 7), "source", ["S99"]),
            "edition 2021, indicator 7",
            "cites source S99",
        ),
        (
            lambda d: _set(d["editions"][0]["components"][2], "indicators", list(range(15, 28))),
            "edition 2021, indicator 28",
            "in no component",
        ),
        (
            lambda d: _set(d["editions"][1], "max_total", 100),
            "edition 2014",
            "max_total 100 is not 4 x 23",
        ),
        (
            lambda d: _set(_ind(d, "2014", 5)["name"], "en", None),
            "edition 2014, indicator 5",
            "name",
        ),
    ],
)
def test_a_broken_data_file_fails_naming_the_file_and_the_record(tmp_path, change, record, problem):
    path = _broken_file(tmp_path, change)
    with pytest.raises(FrameworkDataError, match=problem) as caught:
        load_singapore_index(path)
    assert caught.value.file == str(path)
    assert caught.value.record == record
