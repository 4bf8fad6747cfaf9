"""Delimited tables read by DuckDB and by Python agree, and errors name their line."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localgbf.species.errors import SpeciesDataError
from localgbf.species.tables import BLANKS, TableSpec, ValueRule, iter_rows, parse_double

NUMBERISH = st.text(alphabet="0123456789+-.eE_ \tinfaINFNA", max_size=8)


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


@settings(max_examples=300, deadline=None)
@given(text=NUMBERISH)
def test_python_reads_numbers_as_duckdb_does(con: duckdb.DuckDBPyConnection, text: str) -> None:
    theirs = con.execute("SELECT TRY_CAST(? AS DOUBLE)", [text]).fetchone()[0]
    ours = parse_double(text)
    if theirs is None or ours is None:
        assert theirs is ours
    elif math.isnan(theirs):
        assert math.isnan(ours)
    else:
        assert ours == theirs


@settings(max_examples=300, deadline=None)
@given(text=NUMBERISH)
def test_a_value_rule_is_broken_in_sql_exactly_when_in_python(
    con: duckdb.DuckDBPyConnection, text: str
) -> None:
    rule = ValueRule(field="latitude", low=-90, high=90)
    whole = ValueRule(field="year", low=1, high=9999, integer=True)
    raw = text.strip(BLANKS) or None
    for r in (rule, whole):
        sql = r.sql_invalid("raw", "num")
        invalid = con.execute(
            f"SELECT {sql} FROM (SELECT ?::VARCHAR AS raw, TRY_CAST(? AS DOUBLE) AS num)",
            [raw, raw],
        ).fetchone()[0]
        assert bool(invalid) == (r.problem(text) is not None)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("91", "'91' is out of range: expected a number from -90 to 90"),
        ("-90.5", "'-90.5' is out of range"),
        ("12,5", "'12,5' is not a number from -90 to 90"),
        ("nan", "'nan' is not a number"),
        ("45.5", None),
        ("", None),
        (None, None),
    ],
)
def test_latitude_rule(raw: str | None, problem: str | None) -> None:
    result = ValueRule(field="latitude", low=-90, high=90).problem(raw)
    assert (result is None) if problem is None else (problem in str(result))


def test_rows_are_numbered_by_their_first_line_even_with_quoted_line_breaks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
    spec = TableSpec(path, "t.csv", "utf-8", ",", '"', 1, ("a", "b"))
    assert list(iter_rows(spec)) == [(2, ["1", "two\nlines"]), (5, ["3", "4"])]


def test_a_row_of_the_wrong_width_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("a\tb\n1\t2\n3\t4\t5\n", encoding="utf-8")
    spec = TableSpec(path, "t.txt", "utf-8", "\t", "", 1, ("a", "b"))
    with pytest.raises(SpeciesDataError, match=r"t.txt, line 3: expected 2 fields, found 3"):
        list(iter_rows(spec))


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"a\tb\n1\t2\n3\tCaf\xe9\n")
    spec = TableSpec(path, "t.txt", "utf-8", "\t", "", 1, ("a", "b"))
    with pytest.raises(SpeciesDataError, match=r"t.txt, line 3: byte 6 of the line is not valid"):
        list(iter_rows(spec))


def test_a_latin1_file_is_read_as_latin1(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("a\tb\n1\tCafé\n".encode("latin-1"))
    spec = TableSpec(path, "t.txt", "ISO-8859-1", "\t", "", 1, ("a", "b"))
    assert list(iter_rows(spec)) == [(2, ["1", "Café"])]
