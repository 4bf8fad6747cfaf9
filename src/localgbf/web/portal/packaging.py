"""Open-data files built from plain tables: CSV (a zipped Frictionless Data Package), XLSX,
JSON (a Data Package with its data inline) and GeoJSON. No Django here: the portal gathers
the tables (`opendata.py`) and these functions write them.

Every file carries its licence and citation: `datapackage.json` and `README.md` in the zip,
the "About" sheet of the workbook, the `licenses`/`citation` members of the JSON and foreign
members of the GeoJSON FeatureCollection (RFC 7946 section 6.1 allows them).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

PROFILE = "tabular-data-package"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"  # a Frictionless table-schema type
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True)
class LicenceInfo:
    key: str
    name: str
    url: str
    terms: str


@dataclass(frozen=True)
class Package:
    """What one download holds, and how to credit it."""

    name: str
    title: str
    publisher: str
    licence: LicenceInfo
    citation: str
    url: str
    created: datetime
    tables: tuple[Table, ...]
    features: tuple[dict[str, Any], ...] = field(default=())
    notes: tuple[str, ...] = field(default=())


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_plain(value))


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def _schema(table: Table) -> dict[str, Any]:
    return {
        "fields": [
            {
                "name": c.name,
                "type": c.type,
                **({"description": c.description} if c.description else {}),
            }
            for c in table.columns
        ]
    }


def _descriptor(package: Package) -> dict[str, Any]:
    return {
        "profile": PROFILE,
        "name": package.name,
        "title": package.title,
        "created": package.created.isoformat(),
        "homepage": package.url,
        "licenses": [
            {
                "name": package.licence.key,
                "title": package.licence.name,
                "path": package.licence.url,
            }
        ],
        "sources": [{"title": package.publisher, "path": package.url}],
        "citation": package.citation,
        "notes": list(package.notes),
    }


def datapackage(package: Package, *, inline: bool) -> dict[str, Any]:
    """The Frictionless descriptor; with `inline` the rows are in it (the JSON download)."""
    resources = []
    for table in package.tables:
        resource: dict[str, Any] = {
            "name": table.name,
            "title": table.title,
            "profile": "tabular-data-resource",
            "schema": _schema(table),
        }
        if inline:
            names = [c.name for c in table.columns]
            resource["data"] = [
                {n: _plain(v) for n, v in zip(names, row, strict=True)} for row in table.rows
            ]
        else:
            resource |= {"path": f"{table.name}.csv", "format": "csv", "encoding": "utf-8"}
        resources.append(resource)
    return _descriptor(package) | {"resources": resources}


def readme(package: Package) -> str:
    lines = [
        f"# {package.title}",
        "",
        f"Publisher: {package.publisher}",
        f"Licence: {package.licence.name} ({package.licence.key}), {package.licence.url}",
        package.licence.terms,
        "",
        f"Cite as: {package.citation}",
        "",
        "Tables (UTF-8 CSV, described in datapackage.json):",
        "",
    ]
    lines += [f"- {t.name}.csv — {t.title} ({len(t.rows)} rows)" for t in package.tables]
    if package.notes:
        lines += ["", *package.notes]
    return "\n".join(lines) + "\n"


def package_zip(package: Package) -> bytes:
    """The CSV download: one CSV per table, `datapackage.json` and `README.md`, zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(datapackage(package, inline=False), ensure_ascii=False, indent=2),
        )
        archive.writestr("README.md", readme(package))
        for table in package.tables:
            archive.writestr(f"{table.name}.csv", table_csv(table))
    return buffer.getvalue()


def package_json(package: Package) -> bytes:
    return json.dumps(datapackage(package, inline=True), ensure_ascii=False, indent=1).encode()


def package_xlsx(package: Package) -> bytes:
    """One sheet per table after an "About" sheet with the licence and the citation."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "About"
    for key, value in (
        ("Title", package.title),
        ("Publisher", package.publisher),
        ("Licence", f"{package.licence.name} ({package.licence.key})"),
        ("Licence text", package.licence.url),
        ("Terms", package.licence.terms),
        ("Cite as", package.citation),
        ("Address", package.url),
        ("Created", package.created.isoformat(timespec="seconds")),
    ):
        about.append([key, value])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
    about.append([])
    about.append(["Sheet", "What it holds", "Rows"])
    for cell in about[about.max_row]:
        cell.font = Font(bold=True)
    for table in package.tables:
        about.append([table.name[:31], table.title, len(table.rows)])
    for note in package.notes:
        about.append([note])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 90
    for table in package.tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append([c.name for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_plain(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def package_geojson(package: Package) -> bytes:
    collection = {
        "type": "FeatureCollection",
        "name": package.name,
        "title": package.title,
        "license": {
            "name": package.licence.key,
            "title": package.licence.name,
            "path": package.licence.url,
        },
        "citation": package.citation,
        "features": [_feature(f) for f in package.features],
    }
    return json.dumps(collection, ensure_ascii=False).encode()


def _feature(feature: dict[str, Any]) -> dict[str, Any]:
    properties = {k: _plain(v) for k, v in (feature.get("properties") or {}).items()}
    return {"type": "Feature", "geometry": feature["geometry"], "properties": properties}
