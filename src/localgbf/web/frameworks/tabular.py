"""Reading and writing the platform's import templates (CSV or XLSX), one format for all imports.

A template's columns are a vocabulary (`frameworks/data/vocabularies/columns_*.yaml`): a header
cell may hold a column's key, its English or Chinese label, or both as "English / 中文" (how the
downloadable templates write them). Every problem is reported with the file, the row as the
spreadsheet numbers it and the column (letter and key), and nothing is imported from a file
with a problem.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from localgbf.frameworks.limits import MAX_TABLE_ROWS, zip_problem
from localgbf.frameworks.text import Text
from localgbf.frameworks.vocabularies import UnknownTerm, Vocabulary

HEADER_SEPARATOR = " / "
LIST_SEPARATORS = (";", "；", "\n")
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "是", "x", "✓"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "否", ""})


class ImportFileError(ValueError):
    """A file that cannot be imported; names the file and, where known, the row and column."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
        row_name: str = "row",
        column_name: str = "column",
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
        where = file
        if row is not None:
            where += f", {row_name} {row}"
        if column is not None:
            where += f", {column_name} {column}"
        super().__init__(f"{where}: {problem}")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how spreadsheets name a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Row:
    """One data row: its number in the file and its cells by column key."""

    file: str
    number: int
    values: dict[str, str]
    columns: dict[str, str] = field(repr=False)

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def error(self, key: str, problem: str) -> ImportFileError:
        return ImportFileError(self.file, problem, row=self.number, column=self.columns[key])

    def split(self, key: str) -> list[str]:
        """A cell holding a list separated by semicolons (or new lines)."""
        text = self.get(key)
        for sep in LIST_SEPARATORS[1:]:
            text = text.replace(sep, LIST_SEPARATORS[0])
        return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]

    def decimal(self, key: str, *, minimum: Decimal | None = None, above: bool = False) -> Decimal:
        text = self.get(key).replace(",", "").replace(" ", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise self.error(key, f"{self.get(key)!r} is not a number") from None
        if not value.is_finite():
            raise self.error(key, f"{self.get(key)!r} is not a number")
        if minimum is not None and (value <= minimum if above else value < minimum):
            relation = "more than" if above else "at least"
            raise self.error(key, f"{value} must be {relation} {minimum}")
        return value

    def integer(self, key: str, *, low: int, high: int) -> int:
        value = self.decimal(key)
        if value != value.to_integral_value() or not low <= value <= high:
            raise self.error(key, f"{self.get(key)!r} must be a whole number from {low} to {high}")
        return int(value)

    def date(self, key: str) -> date | None:
        text = self.get(key)
        if not text:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise self.error(key, f"{text!r} is not a date written as YYYY-MM-DD") from None

    def flag(self, key: str) -> bool:
        text = self.get(key).casefold()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise self.error(key, f"{self.get(key)!r} is not yes or no")

    def term(self, key: str, vocab: Vocabulary) -> str:
        try:
            return vocab.resolve(self.get(key)).key
        except UnknownTerm as exc:
            raise self.error(key, str(exc)) from None

    def text(self, en_key: str, zh_key: str) -> dict[str, str]:
        return {
            lang: self.get(k) for lang, k in (("en", en_key), ("zh-hans", zh_key)) if self.get(k)
        }


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _at_most(rows: Iterable[list[str]], name: str) -> list[list[str]]:
    """The rows, refused past MAX_TABLE_ROWS (plus a few header and blank rows) before they
    are all read."""
    out = []
    for row in rows:
        out.append(row)
        if len(out) > MAX_TABLE_ROWS + 10:
            raise ImportFileError(
                name, f"has more than {MAX_TABLE_ROWS:,} rows; split it into smaller files"
            )
    return out


def _csv_rows(data: bytes, name: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(name, "is not UTF-8 text; save the CSV as UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        return _at_most((list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)), name)
    except csv.Error as exc:
        raise ImportFileError(name, f"is not a readable CSV file ({exc})") from None


def _xlsx_rows(data: bytes, name: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = zip_problem(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(name, f"is not a readable XLSX workbook ({exc})") from None
    if problem is not None:
        raise ImportFileError(name, problem)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(name, f"is not a readable XLSX workbook ({exc})") from None
    try:
        return _at_most(
            ([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)), name
        )
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet fails only when its rows are read
        raise ImportFileError(name, f"is not a readable XLSX workbook ({exc})") from None
    finally:
        workbook.close()


READERS = {".csv": _csv_rows, ".xlsx": _xlsx_rows}


def _header_key(header: str, columns: Vocabulary) -> str | None:
    candidates = [header, *header.split(HEADER_SEPARATOR)]
    for candidate in candidates:
        if not candidate.strip():
            continue
        try:
            return columns.resolve(candidate).key
        except UnknownTerm:
            continue
    return None


def read_table(data: bytes, name: str, columns: Vocabulary) -> list[Row]:
    """The data rows of a CSV or XLSX file whose header row names `columns`."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ImportFileError(name, f"use a CSV or XLSX file, not {suffix or 'a file without one'}")
    raw = reader(data, name)
    header_at = next((i for i, r in enumerate(raw) if any(c.strip() for c in r)), None)
    if header_at is None:
        raise ImportFileError(name, "is empty")
    keys: dict[int, str] = {}
    labels: dict[str, str] = {}
    for index, header in enumerate(raw[header_at]):
        if not header.strip():
            continue
        key = _header_key(header, columns)
        where = column_letter(index)
        if key is None:
            raise ImportFileError(
                name,
                f"unknown column {header!r}; the columns are {', '.join(columns.keys())}",
                row=header_at + 1,
                column=where,
            )
        if key in labels:
            raise ImportFileError(
                name, f"{key} appears twice (also column {labels[key]})", row=header_at + 1
            )
        keys[index] = key
        labels[key] = f"{where} ({key})"
    missing = [t.key for t in columns.terms if t.required and t.key not in labels]
    if missing:
        raise ImportFileError(
            name, f"required column(s) missing: {', '.join(missing)}", row=header_at + 1
        )
    for term in columns.terms:
        labels.setdefault(term.key, term.key)
    rows = []
    for offset, cells in enumerate(raw[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in cells):
            continue
        values = {keys[i]: c for i, c in enumerate(cells) if i in keys}
        row = Row(file=name, number=offset, values=values, columns=labels)
        for term in columns.terms:
            if term.required and not row.get(term.key):
                raise row.error(term.key, "is empty; this column is required")
        rows.append(row)
    if not rows:
        raise ImportFileError(name, "holds a header row but no data")
    return rows


def header_cell(label: Text) -> str:
    return HEADER_SEPARATOR.join(label.values[lang] for lang in ("en", "zh-hans"))


def template_csv(columns: Vocabulary) -> bytes:
    """A CSV template: the bilingual header row only, UTF-8 with a byte-order mark so that
    spreadsheet programs read the Chinese correctly."""
    out = io.StringIO()
    csv.writer(out).writerow([header_cell(t.label) for t in columns.terms])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(
    columns: Vocabulary,
    *,
    sheet: str,
    instructions: Text,
    reference: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]] = (),
) -> bytes:
    """An XLSX template: the data sheet with bilingual headers, an instructions sheet naming
    every column in both languages with an example, and reference sheets (title, headers,
    rows) such as the list of KMGBF targets."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DCFCE7")
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    data = book.active
    data.title = sheet
    data.append([header_cell(t.label) for t in columns.terms])
    for index in range(len(columns.terms)):
        cell = data.cell(row=1, column=index + 1)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        data.column_dimensions[column_letter(index)].width = 28
    data.freeze_panes = "A2"

    guide = book.create_sheet("Instructions 说明")
    guide.append([instructions.get("en")])
    guide.append([instructions.get("zh-hans")])
    guide.append([])
    guide.append(["Column / 列", "Required / 必填", "English", "中文", "Example / 示例"])
    for cell in guide[4]:
        cell.font, cell.fill = bold, fill
    for term in columns.terms:
        help_text = term.description
        guide.append(
            [
                header_cell(term.label),
                "yes / 是" if term.required else "",
                help_text.get("en") if help_text else "",
                help_text.get("zh-hans") if help_text else "",
                term.example or "",
            ]
        )
    for letter, width in zip("ABCDE", (32, 14, 60, 50, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = wrap

    for title, headers, rows in reference:
        ref = book.create_sheet(title[:31])
        ref.append(list(headers))
        for cell in ref[1]:
            cell.font, cell.fill = bold, fill
        for values in rows:
            ref.append(list(values))
        for index in range(len(headers)):
            ref.column_dimensions[column_letter(index)].width = 16 if index == 0 else 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
