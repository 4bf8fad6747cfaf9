"""Delimited text tables, read two ways from one description.

A `TableSpec` says how a file is laid out (encoding, delimiter, quoting, header lines, columns).
DuckDB reads it fast (`read_csv_sql`); Python's csv module reads it row by row with exact line
numbers (`iter_rows`), which is how small tables are loaded and how the first bad line of a large
file is found once DuckDB has said that something is wrong. Value rules (`ValueRule`) are also
written once and rendered both as SQL and as a Python check.
"""

from __future__ import annotations

import codecs
import csv
import math
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from localgbf.species.errors import SpeciesDataError

_ASCII_COMPATIBLE = {"utf-8", "latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15", "cp1250"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# What "surrounding space" means when a value is trimmed: spaces, as DuckDB's trim() has it
# (trim() with a list of characters is several times slower on large files).
BLANKS = " "


def sql_trim(expr: str) -> str:
    return f"trim({expr})"


@dataclass(frozen=True)
class TableSpec:
    """How to read one delimited file. `label` names the file in messages."""

    path: Path
    label: str
    encoding: str
    delimiter: str
    quote: str
    header_lines: int
    columns: tuple[str, ...]

    @property
    def codec(self) -> str:
        return codecs.lookup(self.encoding).name


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_csv_sql(spec: TableSpec) -> str:
    """A DuckDB table expression reading every column of `spec` as text (empty -> NULL).

    Columns are named by position (`c0`, `c1`, ...) because headers may repeat a name.
    """
    if spec.codec != "utf-8":
        raise ValueError(f"{spec.label}: transcode to UTF-8 before reading with DuckDB")
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(spec.columns)))
    quote = sql_literal(spec.quote)
    return (
        f"read_csv({sql_literal(str(spec.path))}, delim={sql_literal(spec.delimiter)}, "
        f"quote={quote}, escape={quote}, header=false, skip={spec.header_lines}, "
        f"auto_detect=false, strict_mode=true, null_padding=false, columns={{{columns}}})"
    )


def _decoded_lines(handle: BinaryIO, spec: TableSpec) -> Iterator[str]:
    """Decode line by line so that a decoding error names its line."""
    codec = spec.codec
    if codec in _ASCII_COMPATIBLE or codec.startswith(("iso8859", "cp125")):
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise SpeciesDataError(
                    spec.label,
                    f"byte {exc.start + 1} of the line is not valid {spec.encoding} "
                    f"({raw[exc.start : exc.start + 4]!r})",
                    line=number,
                ) from None
            yield text.removeprefix("\ufeff") if number == 1 else text
        return
    decoder = codecs.getreader(codec)(handle)
    number = 0
    while True:
        try:
            text = decoder.readline()
        except UnicodeDecodeError:
            raise SpeciesDataError(
                spec.label, f"is not valid {spec.encoding}", line=number + 1
            ) from None
        if not text:
            return
        number += 1
        yield text.removeprefix("\ufeff") if number == 1 else text


def _reader(lines: Iterator[str], spec: TableSpec) -> Iterator[list[str]]:
    if spec.quote:
        return csv.reader(lines, delimiter=spec.delimiter, quotechar=spec.quote, strict=True)
    return csv.reader(lines, delimiter=spec.delimiter, quoting=csv.QUOTE_NONE, strict=True)


def iter_records(path: Path, spec: TableSpec) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of every non-blank record, header lines included."""
    with path.open("rb") as handle:
        lines = _decoded_lines(handle, spec)
        reader = _reader(lines, spec)
        last = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise SpeciesDataError(
                    spec.label, f"cannot be parsed: {exc}", line=last + 1
                ) from None
            start = last + 1
            last = reader.line_num  # type: ignore[attr-defined]
            if row:
                yield start, row


def iter_rows(spec: TableSpec) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every data row; a row of the wrong width is an error."""
    width = len(spec.columns)
    for line, row in iter_records(spec.path, spec):
        if line <= spec.header_lines:
            continue
        if len(row) != width:
            raise SpeciesDataError(
                spec.label, f"expected {width} fields, found {len(row)}", line=line
            )
        yield line, row


def first_record(path: Path, spec: TableSpec) -> list[str]:
    """The first record of the file (the header when there is one)."""
    for _line, row in iter_records(path, spec):
        return row
    raise SpeciesDataError(spec.label, "is empty")


def transcode_to_utf8(spec: TableSpec, target: Path) -> TableSpec:
    """Write `spec`'s file as UTF-8 to `target` (line numbers kept) and describe the copy."""
    with spec.path.open("rb") as handle, target.open("w", encoding="utf-8", newline="") as out:
        for text in _decoded_lines(handle, spec):
            out.write(text)
    return TableSpec(
        path=target,
        label=spec.label,
        encoding="utf-8",
        delimiter=spec.delimiter,
        quote=spec.quote,
        header_lines=spec.header_lines,
        columns=spec.columns,
    )


def needs_transcoding(spec: TableSpec) -> bool:
    if spec.codec != "utf-8":
        return True
    with spec.path.open("rb") as handle:
        return handle.read(3) == codecs.BOM_UTF8


def parse_double(text: str) -> float | None:
    """A number as DuckDB's `TRY_CAST(text AS DOUBLE)` reads it, or None.

    Python's float() also accepts non-ASCII digits and DuckDB also accepts "+-5"; the two
    are kept in step so the Python scan finds the very value DuckDB rejected (a test checks
    this on generated strings).
    """
    value = text.strip()
    if not value.isascii():
        return None
    if value.startswith("+-"):
        value = value[1:]
    try:
        return float(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class ValueRule:
    """A check on one field: a number (optionally whole) within optional bounds."""

    field: str
    low: float | None = None
    high: float | None = None
    integer: bool = False

    def _expected(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        if self.low is not None and self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g}"
        if self.low is not None:
            return f"{kind} of at least {self.low:g}"
        if self.high is not None:
            return f"{kind} of at most {self.high:g}"
        return kind

    def problem(self, raw: str | None) -> str | None:
        """Why `raw` breaks the rule, or None. Empty values pass (they mean "not given")."""
        if raw is None or not raw.strip(BLANKS):
            return None
        value = parse_double(raw)
        if value is None or not math.isfinite(value) or (self.integer and value != int(value)):
            return f"{raw!r} is not {self._expected()}"
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            return f"{raw!r} is out of range: expected {self._expected()}"
        return None

    def sql_invalid(self, raw: str, value: str) -> str:
        """SQL, true when the text `raw` (cast to DOUBLE in `value`) breaks the rule."""
        tests = [f"{value} IS NULL", f"NOT isfinite({value})"]
        if self.integer:
            tests.append(f"{value} <> floor({value})")
        if self.low is not None:
            tests.append(f"{value} < {self.low!r}")
        if self.high is not None:
            tests.append(f"{value} > {self.high!r}")
        return f"({raw} IS NOT NULL AND ({' OR '.join(tests)}))"


def first_bad_value(
    rows: Iterator[tuple[int, Sequence[str]]],
    values: Mapping[str, ValueGetter],
    rules: Sequence[ValueRule],
    label: str,
) -> SpeciesDataError | None:
    """The error for the first row breaking a rule, scanning in file order."""
    for line, row in rows:
        for rule in rules:
            getter = values.get(rule.field)
            if getter is None:
                continue
            raw, column = getter(row)
            problem = rule.problem(raw)
            if problem:
                return SpeciesDataError(label, problem, line=line, field=column)
    return None


class ValueGetter:
    """The value of one stored field in a raw row: the first filled source column, or a default."""

    def __init__(self, sources: Sequence[tuple[int | None, str, str | None]]) -> None:
        self.sources = tuple(sources)

    def __call__(self, row: Sequence[str]) -> tuple[str | None, str]:
        for index, column, default in self.sources:
            value = row[index].strip(BLANKS) if index is not None and index < len(row) else ""
            if value:
                return value, column
            if default:
                return default, column
        return None, self.sources[0][1] if self.sources else ""
