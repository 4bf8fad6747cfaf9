"""Band tables a network administrator imports (YAML or CSV) to complete an edition."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from index.builders import INDICATOR_9, write_yaml_table
from localgbf.index.bands import CSV_COLUMNS, default_band_table, load_band_table
from localgbf.index.errors import BandTableError
from localgbf.index.scoring import score_value


def write_csv_table(tmp_path: Path, rows: list[dict] | None = None) -> Path:
    path = tmp_path / "bands.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for band in rows or INDICATOR_9:
            writer.writerow(
                {
                    "edition": "2021",
                    "version": "test-2027-1",
                    "source_table": "test table",
                    "indicator": 9,
                    "decimals": 1,
                    "confidence": "",
                    **{k: "" if v is None else v for k, v in band.items()},
                }
            )
    return path


def test_the_packaged_table_holds_the_bands_of_the_framework_data():
    table = default_band_table("2021")
    assert table.banded() == (1, 2, 3, 7, 8, 10, 11, 12, 13)
    assert table.version.startswith("si-2021/")


def test_an_imported_yaml_table_completes_the_packaged_one_and_is_recorded_with_each_score(
    tmp_path,
):
    """Invasive share 12.3 % rounds to 12.3, inside the test band '10.1% - 20%': score 2."""
    imported = load_band_table(write_yaml_table(tmp_path))
    table = default_band_table("2021").overlay(imported)
    assert table.banded() == (1, 2, 3, 7, 8, 9, 10, 11, 12, 13)
    assert (table.version, table.extends) == ("test-2027-1", default_band_table("2021").version)
    result = score_value(9, 12.3, bands=table)
    assert (result.score, result.band, result.scored_by) == (2, "10.1% - 20%", "bands")
    assert result.band_table_version == "test-2027-1"
    assert result.band_page == "1"
    assert score_value(1, 20.0, bands=table).score == 3


@pytest.mark.parametrize(
    ("value", "score"), [(0.94, 4), (0.95, 3), (10.04, 3), (10.05, 2), (30.0, 1), (30.05, 0)]
)
def test_a_lower_is_better_table_scores_with_the_same_rule(tmp_path, value, score):
    table = load_band_table(write_yaml_table(tmp_path))
    assert score_value(9, value, bands=table).score == score


def test_the_csv_form_of_a_table_loads_to_the_same_bands(tmp_path):
    from_csv = load_band_table(write_csv_table(tmp_path))
    from_yaml = load_band_table(write_yaml_table(tmp_path))
    assert from_csv.indicators == from_yaml.indicators
    assert (from_csv.version, from_csv.edition) == ("test-2027-1", "2021")


def _without(key: str, index: int = 2) -> list[dict]:
    bands = [dict(b) for b in INDICATOR_9]
    bands[index][key] = ""
    return bands


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (_without("page"), r"line {score_2}: indicator 9, score 2: every band needs a 'page'"),
        (_without("source"), r"line {score_2}: indicator 9, score 2: every band needs a 'source'"),
        (
            [*INDICATOR_9[:2], {**INDICATOR_9[2], "lower": 9.0}, *INDICATOR_9[3:]],
            r"line 6: indicator 9: bands '1% - 10%' \(score 3\) and '10.1% - 20%' \(score 2\) overlap",
        ),
        (
            [*INDICATOR_9[:4], {**INDICATOR_9[4], "score": 1}],
            r"line 6: indicator 9: needs exactly one band per score 0-4",
        ),
    ],
)
def test_a_bad_yaml_table_is_refused_naming_the_line(tmp_path, bands, message):
    path = write_yaml_table(tmp_path, bands)
    lines = path.read_text("utf-8").splitlines()
    score_2 = lines.index("  - score: 2") + 1
    with pytest.raises(BandTableError, match=message.format(score_2=score_2)):
        load_band_table(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("band_table: {version: v, edition: '2021', source: s}\nindicators:\n"
         "  - {indicator: 29, decimals: 1, bands: []}\n",
         r"line 3: indicator 29 is not in the 2021 edition"),
        ("band_table: {version: v, edition: '2021', source: s}\nindicators:\n"
         "  - {indicator: 9, bands: []}\n",
         r"line 3: indicator 9: 'decimals' \(printed precision\) is missing"),
        ("band_table: {version: v, edition: '2021', source: s}\nindicators:\n"
         "  - {indicator: 9, decimals: 1, bands: [], colour: red}\n",
         r"line 3: unknown key\(s\) \['colour'\]"),
        ("band_table: {version: v, edition: '2030', source: s}\nindicators: []\n",
         r"line 1: unknown Singapore Index edition '2030'"),
        ("band_table: {edition: '2021', source: s}\nindicators: []\n",
         r"line 1: the table has no 'version'"),
        ("band_table: {version: v, edition: '2021', source: s}\nindicators:\n  - indicator: 9\n"
         "    decimals: 1\n    decimals: 2\n",
         r"line 5: is not valid YAML: the key 'decimals' appears twice \(first on line 4\)"),
    ],
)  # fmt: skip
def test_a_malformed_yaml_table_is_refused_naming_the_line(tmp_path, text, message):
    path = tmp_path / "bands.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(BandTableError, match=message):
        load_band_table(path)


def test_a_csv_table_with_a_bad_cell_names_its_line(tmp_path):
    rows = [dict(b) for b in INDICATOR_9]
    rows[3]["upper_inclusive"] = "maybe"
    with pytest.raises(BandTableError, match=r"line 5: 'upper_inclusive' must be true or false"):
        load_band_table(write_csv_table(tmp_path, rows))


def test_a_csv_table_missing_a_column_is_refused(tmp_path):
    path = tmp_path / "bands.csv"
    path.write_text("edition,version,indicator\n2021,v,9\n", "utf-8")
    with pytest.raises(BandTableError, match="line 1: missing column"):
        load_band_table(path)


def test_a_csv_table_must_keep_one_version(tmp_path):
    path = write_csv_table(tmp_path)
    lines = path.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace("test-2027-1", "test-2027-2")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(BandTableError, match=r"line 4: 'version' differs from the first row"):
        load_band_table(path)


def test_a_table_cannot_complete_another_edition(tmp_path):
    imported = load_band_table(write_yaml_table(tmp_path))
    with pytest.raises(BandTableError, match="is a table for the 2021 edition and cannot complete"):
        default_band_table("2014").overlay(imported)


def test_a_csv_table_that_is_not_utf8_is_refused_by_name(tmp_path):
    """Found by fuzzing (tests/fuzz): a Latin-1 byte crashed the reader with UnicodeDecodeError."""
    path = tmp_path / "bands.csv"
    path.write_bytes(b"\xe2dition,version\n")
    with pytest.raises(BandTableError, match=r"bands\.csv: is not UTF-8 text"):
        load_band_table(path)


def test_a_yaml_date_that_does_not_exist_is_refused_by_name(tmp_path):
    """Found by fuzzing: YAML reads 2024-02-30 as a date and raised a bare ValueError."""
    path = tmp_path / "bands.yaml"
    path.write_text("band_table: {version: 2024-02-30}\n", encoding="utf-8")
    with pytest.raises(BandTableError, match=r"bands\.yaml: holds a value that cannot be read"):
        load_band_table(path)
