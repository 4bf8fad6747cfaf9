"""The open-data formats, by the name used in addresses: one registry for pages and views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from localgbf.web.governments.models import Government
from localgbf.web.portal.packaging import (
    Package,
    package_geojson,
    package_json,
    package_xlsx,
    package_zip,
)


@dataclass(frozen=True)
class Format:
    label: str
    description: Promise
    content_type: str
    suffix: str
    build: Callable[[Package], bytes]


FORMATS: dict[str, Format] = {
    "csv": Format(
        "CSV",
        _(
            "One CSV file per table, zipped with a description of every column (a Frictionless "
            "Data Package) and a README giving the licence and the citation."
        ),
        "application/zip",
        "csv.zip",
        package_zip,
    ),
    "xlsx": Format(
        "XLSX",
        _(
            "A workbook with one sheet per table, after an About sheet with the licence and the "
            "citation."
        ),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        package_xlsx,
    ),
    "json": Format(
        "JSON",
        _(
            "Every table in one JSON document, with its licence, citation and column types (a "
            "Frictionless Data Package with its data inline)."
        ),
        "application/json",
        "json",
        package_json,
    ),
    "geojson": Format(
        "GeoJSON",
        _(
            "Boundaries (or seats of government where no boundary is published), protected "
            "areas, parks and located actions, in longitude/latitude (WGS 84)."
        ),
        "application/geo+json",
        "geojson",
        package_geojson,
    ),
}


def download_name(government: Government, fmt: str) -> str:
    return f"localgbf-{government.code}-open-data.{FORMATS[fmt].suffix}"
