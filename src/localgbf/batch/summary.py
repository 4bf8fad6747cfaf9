"""The summary table of a batch: one row per government, as CSV and XLSX.

Pure functions of plain data: the CLI passes the outcomes of a run, the web passes what it
stored, and both get the same bytes. Columns: `code, name, status, error, seconds,
worker_peak_mib`, then `i<n>_value` and `i<n>_score` for every indicator computed for any
government (in indicator order). The XLSX adds a sheet describing every column and one naming
every indicator, in English and Chinese (`data/summary.yaml`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from localgbf.assess import AssessmentResult
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text

FIXED_COLUMNS = ("code", "name", "status", "error", "seconds", "worker_peak_mib")
LANGUAGES = ("en", "zh-hans")


class SummaryVocabulary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    source: str
    columns: dict[str, Text]
    statuses: dict[str, Text]


@cache
def summary_vocabulary() -> SummaryVocabulary:
    path = Path(str(resources.files("localgbf.batch").joinpath("data", "summary.yaml")))
    return SummaryVocabulary.model_validate(read_yaml(path))


@dataclass(frozen=True)
class SummaryEntry:
    """One government's line: its outcome and, when it has one, its result."""

    code: str
    name: str
    status: str
    error: str = ""
    seconds: float | None = None
    peak_mib: float | None = None
    result: AssessmentResult | None = None


@dataclass(frozen=True)
class SummaryTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    indicators: tuple[int, ...]
    edition: str


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def summary_table(entries: Sequence[SummaryEntry]) -> SummaryTable:
    numbers = sorted(
        {v.indicator for e in entries if e.result is not None for v in e.result.indicators}
    )
    editions = [e.result.edition for e in entries if e.result is not None]
    columns = [*FIXED_COLUMNS]
    for n in numbers:
        columns += [f"i{n}_value", f"i{n}_score"]
    rows = []
    for entry in entries:
        row: list[Any] = [
            entry.code,
            entry.name,
            entry.status,
            entry.error,
            _rounded(entry.seconds, 2),
            _rounded(entry.peak_mib, 1),
        ]
        for n in numbers:
            value = entry.result.value(n) if entry.result is not None else None
            score = entry.result.score(n) if entry.result is not None else None
            row += [
                None if value is None else value.value,
                None if score is None else score.score,
            ]
        rows.append(tuple(row))
    return SummaryTable(
        columns=tuple(columns),
        rows=tuple(rows),
        indicators=tuple(numbers),
        edition=editions[0] if editions else "2021",
    )


def summary_csv(table: SummaryTable) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that spreadsheet programs read Chinese names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _column_text(column: str) -> tuple[str, ...]:
    words = summary_vocabulary().columns
    if column in words:
        return tuple(words[column].get(lang) for lang in LANGUAGES)
    number, kind = column[1:].split("_", 1)
    return tuple(words[kind].get(lang).format(n=number) for lang in LANGUAGES)


def _indicator_rows(table: SummaryTable) -> list[list[Any]]:
    from localgbf.frameworks.singapore_index import load_singapore_index

    edition = load_singapore_index().edition(table.edition)
    rows: list[list[Any]] = []
    for n in table.indicators:
        indicator = edition.indicator(n) if edition.has(n) else None
        names = [indicator.name.get(lang) if indicator else "" for lang in LANGUAGES]
        rows.append([n, *names, indicator.unit if indicator and indicator.unit else ""])
    return rows


def _sheet(book: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCFCE7")
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        width = 44 if name in ("error", "en", "zh-hans", "name") else 14
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width


def summary_xlsx(table: SummaryTable) -> bytes:
    """Sheets `summary` (the CSV's table), `columns` (each column in en and zh-hans) and
    `indicators` (each indicator's name in en and zh-hans, and its unit)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "summary", table.columns, table.rows)
    _sheet(
        book,
        "columns",
        ("column", *LANGUAGES),
        [
            *[(column, *_column_text(column)) for column in table.columns],
            *[
                (f"status = {key}", *(text.get(lang) for lang in LANGUAGES))
                for key, text in summary_vocabulary().statuses.items()
            ],
        ],
    )
    _sheet(book, "indicators", ("indicator", *LANGUAGES, "unit"), _indicator_rows(table))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
