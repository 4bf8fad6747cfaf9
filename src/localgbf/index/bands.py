"""Band tables: the score bands of one edition, versioned, so a deployment can complete them.

The packaged framework data holds the bands the reference data has (2021: indicators 1, 2, 3,
7, 8, 10, 11, 12, 13). A network administrator who has the Handbook's own tables imports a band
table file (YAML or CSV, every band with its source and page) for the indicators it covers; it
is laid over the packaged table (`BandTable.overlay`), and every score records the version of the
table that produced it. Nothing here rewrites a score: see `localgbf.index.rescore`.

YAML layout::

    band_table:
      version: network-2027-1        # any string, unique per table
      edition: "2021"
      source: Handbook on the Singapore Index (CBD Technical Series No. 98, 2021)
    indicators:
      - indicator: 4
        decimals: 0
        bands:
          - {score: 0, text: "0 or fewer", lower: null, lower_inclusive: null,
             upper: 0, upper_inclusive: true, source: "CBD TS 98", page: "51"}
          - ...

CSV layout: one band per row with the columns of `CSV_COLUMNS`; `edition`, `version` and
`source_table` are the same on every row; `lower`/`upper` are empty for an open end.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    Band,
    Bands,
    SingaporeIndex,
    band_problems,
    load_singapore_index,
)
from localgbf.index.datafile import LineDict, line_of, read_data_file
from localgbf.index.errors import BandTableError, IndexInputError

CSV_COLUMNS: tuple[str, ...] = (
    "edition",
    "version",
    "source_table",
    "indicator",
    "decimals",
    "score",
    "text",
    "lower",
    "lower_inclusive",
    "upper",
    "upper_inclusive",
    "source",
    "page",
    "confidence",
)
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


class BandTable(BaseModel):
    """The bands of one edition, by indicator number, under one version."""

    model_config = ConfigDict(frozen=True)

    version: str
    edition: str
    source: str
    extends: str | None = None
    indicators: dict[int, Bands]

    def bands_for(self, indicator: int) -> Bands | None:
        return self.indicators.get(indicator)

    def banded(self) -> tuple[int, ...]:
        return tuple(sorted(self.indicators))

    def overlay(self, update: BandTable) -> BandTable:
        """This table with `update`'s indicators replacing or completing its own."""
        if update.edition != self.edition:
            raise BandTableError(
                update.version,
                f"is a table for the {update.edition} edition and cannot complete the "
                f"{self.edition} table {self.version}",
            )
        return BandTable(
            version=update.version,
            edition=self.edition,
            source=update.source,
            extends=self.version,
            indicators={**self.indicators, **update.indicators},
        )


def default_band_table(
    edition: str = DEFAULT_EDITION, framework: SingaporeIndex | None = None
) -> BandTable:
    """The band table of `edition` as the packaged framework data holds it."""
    fw = framework or load_singapore_index()
    try:
        ed = fw.edition(edition)
    except KeyError as exc:
        raise IndexInputError(str(exc.args[0])) from exc
    return BandTable(
        version=ed.band_table_version,
        edition=ed.edition,
        source=fw.source.get("bands", fw.source.get("citation", "")),
        indicators={i.number: i.bands for i in ed.indicators if i.bands is not None},
    )


def load_band_table(path: Path, *, framework: SingaporeIndex | None = None) -> BandTable:
    """Read a band table from YAML or CSV; every band needs its source and page.

    The table is checked against the edition it names: the indicators must exist there and
    each indicator's bands must be sound (one per score 0-4, ordered, not overlapping).
    """
    if path.suffix.lower() == ".csv":
        header, rows = _read_csv(path)
    else:
        header, rows = _read_yaml(path)
    fw = framework or load_singapore_index()
    file = str(path)
    for key in ("version", "edition", "source"):
        if not str(header.get(key) or "").strip():
            raise BandTableError(file, f"the table has no '{key}'", header.get("line"))
    edition_name = str(header["edition"])
    try:
        edition = fw.edition(edition_name)
    except KeyError as exc:
        raise BandTableError(file, str(exc.args[0]), header.get("line")) from exc
    indicators: dict[int, Bands] = {}
    for number, spec in rows.items():
        line = spec["line"]
        if not edition.has(number):
            raise BandTableError(
                file, f"indicator {number} is not in the {edition_name} edition", line
            )
        for band in spec["bands"]:
            for key in ("source", "page"):
                if not str(band.get(key) or "").strip():
                    raise BandTableError(
                        file,
                        f"indicator {number}, score {band.get('score')}: every band needs a "
                        f"'{key}'",
                        band["line"],
                    )
        table = tuple(_band(file, number, b) for b in spec["bands"])
        direction = edition.indicator(number).direction
        problems = band_problems(table, direction)
        if problems:
            raise BandTableError(file, f"indicator {number}: {'; '.join(problems)}", line)
        try:
            indicators[number] = Bands(decimals=spec["decimals"], table=table)
        except ValidationError as exc:
            raise BandTableError(file, f"indicator {number}: {_first(exc)}", line) from exc
    if not indicators:
        raise BandTableError(file, "the table holds no bands")
    return BandTable(
        version=str(header["version"]),
        edition=edition_name,
        source=str(header["source"]),
        extends=str(header["extends"]) if header.get("extends") else None,
        indicators=indicators,
    )


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else str(err["msg"])


def _band(file: str, number: int, raw: dict[str, Any]) -> Band:
    fields = {k: v for k, v in raw.items() if k != "line"}
    source = fields.get("source")
    if isinstance(source, str):
        fields["source"] = (source,)
    if fields.get("page") is not None:
        fields["page"] = str(fields["page"])
    try:
        return Band.model_validate(fields)
    except ValidationError as exc:
        raise BandTableError(
            file, f"indicator {number}, score {raw.get('score')}: {_first(exc)}", raw["line"]
        ) from exc


_BAND_KEYS = {
    "score",
    "text",
    "lower",
    "lower_inclusive",
    "upper",
    "upper_inclusive",
    "source",
    "page",
    "confidence",
}


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    file = str(path)
    data = read_data_file(path, BandTableError)
    if not isinstance(data, dict):
        raise BandTableError(file, "must hold a mapping with 'band_table' and 'indicators'")
    head = data.get("band_table")
    if not isinstance(head, dict):
        raise BandTableError(file, "the 'band_table' section is missing", line_of(data))
    header = {**head, "line": line_of(head)}
    items = data.get("indicators")
    if not isinstance(items, list):
        raise BandTableError(file, "'indicators' must be a list", line_of(data))
    rows: dict[int, dict[str, Any]] = {}
    for item in items:
        line = line_of(item)
        if not isinstance(item, LineDict):
            raise BandTableError(file, "each indicator must be a mapping", line_of(data))
        unknown = set(item) - {"indicator", "decimals", "bands"}
        if unknown:
            raise BandTableError(file, f"unknown key(s) {sorted(unknown)}", line)
        number = item.get("indicator")
        if not isinstance(number, int) or isinstance(number, bool):
            raise BandTableError(file, "'indicator' must be an indicator number", line)
        if number in rows:
            raise BandTableError(file, f"indicator {number} appears twice", line)
        decimals = item.get("decimals")
        if not isinstance(decimals, int) or isinstance(decimals, bool):
            raise BandTableError(
                file, f"indicator {number}: 'decimals' (printed precision) is missing", line
            )
        bands = item.get("bands")
        if not isinstance(bands, list) or not all(isinstance(b, LineDict) for b in bands):
            raise BandTableError(file, f"indicator {number}: 'bands' must be a list", line)
        for band in bands:
            extra = set(band) - _BAND_KEYS
            if extra:
                raise BandTableError(
                    file, f"indicator {number}: unknown key(s) {sorted(extra)}", line_of(band)
                )
        rows[number] = {
            "line": line,
            "decimals": decimals,
            "bands": [{**b, "line": line_of(b, line)} for b in bands],
        }
    return header, rows


def _read_csv(path: Path) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BandTableError(file, f"cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise BandTableError(file, "is not UTF-8 text; save the CSV as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BandTableError(file, f"missing column(s) {', '.join(missing)}", 1)
    header: dict[str, Any] = {}
    rows: dict[int, dict[str, Any]] = {}
    for row in reader:
        line = reader.line_num
        for key, column in (
            ("edition", "edition"),
            ("version", "version"),
            ("source", "source_table"),
        ):
            value = (row[column] or "").strip()
            if key in header and header[key] != value:
                raise BandTableError(
                    file, f"'{column}' differs from the first row ({header[key]!r})", line
                )
            header[key] = value
        header.setdefault("line", line)
        number = _csv_int(file, row, "indicator", line)
        decimals = _csv_int(file, row, "decimals", line)
        spec = rows.setdefault(number, {"line": line, "decimals": decimals, "bands": []})
        if spec["decimals"] != decimals:
            raise BandTableError(
                file, f"indicator {number}: 'decimals' differs between its rows", line
            )
        spec["bands"].append(
            {
                "line": line,
                "score": _csv_int(file, row, "score", line),
                "text": row["text"],
                "lower": _csv_float(file, row, "lower", line),
                "lower_inclusive": _csv_bool(file, row, "lower_inclusive", line),
                "upper": _csv_float(file, row, "upper", line),
                "upper_inclusive": _csv_bool(file, row, "upper_inclusive", line),
                "source": (row["source"] or "").strip(),
                "page": (row["page"] or "").strip(),
                "confidence": (row["confidence"] or "").strip() or None,
            }
        )
    return header, rows


def _csv_int(file: str, row: dict[str, str], column: str, line: int) -> int:
    value = (row[column] or "").strip()
    try:
        return int(value)
    except ValueError:
        raise BandTableError(
            file, f"'{column}' must be a whole number, not {value!r}", line
        ) from None


def _csv_float(file: str, row: dict[str, str], column: str, line: int) -> float | None:
    value = (row[column] or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise BandTableError(
            file, f"'{column}' must be a number or empty, not {value!r}", line
        ) from None


def _csv_bool(file: str, row: dict[str, str], column: str, line: int) -> bool | None:
    value = (row[column] or "").strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BandTableError(file, f"'{column}' must be true or false, not {value!r}", line)
