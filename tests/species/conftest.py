"""Builders of small species input files, and a checksum of a whole folder."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

# The column set of a GBIF "simple CSV" occurrence download, in GBIF's order.
GBIF_COLUMNS = (
    "gbifID", "datasetKey", "occurrenceID", "kingdom", "phylum", "class", "order", "family",
    "genus", "species", "infraspecificEpithet", "taxonRank", "scientificName",
    "verbatimScientificName", "verbatimScientificNameAuthorship", "countryCode", "locality",
    "stateProvince", "occurrenceStatus", "individualCount", "publishingOrgKey",
    "decimalLatitude", "decimalLongitude", "coordinateUncertaintyInMeters",
    "coordinatePrecision", "elevation", "elevationAccuracy", "depth", "depthAccuracy",
    "eventDate", "day", "month", "year", "taxonKey", "speciesKey", "basisOfRecord",
    "institutionCode", "collectionCode", "catalogNumber", "recordNumber", "identifiedBy",
    "dateIdentified", "license", "rightsHolder", "recordedBy", "typeStatus",
    "establishmentMeans", "lastInterpreted", "mediaType", "issue",
)  # fmt: skip

TAXONOMY = {
    "bird": ("Animalia", "Chordata", "Aves"),
    "plant": ("Plantae", "Tracheophyta", "Magnoliopsida"),
    "insect": ("Animalia", "Arthropoda", "Insecta"),
    "fish": ("Animalia", "Chordata", "Actinopterygii"),
}


def gbif_row(
    number: int,
    name: str,
    kind: str,
    lat: float | str,
    lon: float | str,
    year: int | str,
    **extra: str,
) -> dict[str, str]:
    """One GBIF simple CSV row; `extra` overrides any column."""
    kingdom, phylum, class_ = TAXONOMY[kind]
    row = {c: "" for c in GBIF_COLUMNS}
    row.update(
        gbifID=str(1000 + number),
        datasetKey="0ba8dd13-2b54-4e59-9b3a-2b0a1b5f4d60",
        occurrenceID=f"urn:test:{number}",
        kingdom=kingdom,
        phylum=phylum,
        **{"class": class_},
        species=" ".join(name.split()[:2]),
        taxonRank="SPECIES",
        scientificName=name,
        occurrenceStatus="PRESENT",
        decimalLatitude=str(lat),
        decimalLongitude=str(lon),
        eventDate=f"{year}-06-01" if year != "" else "",
        year=str(year),
        basisOfRecord="HUMAN_OBSERVATION",
        license="CC_BY_4_0",
    )
    row.update(extra)
    return row


def write_gbif_csv(path: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    lines = ["\t".join(GBIF_COLUMNS)]
    lines += ["\t".join(row.get(c, "") for c in GBIF_COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_checklist(path: Path, rows: Iterable[tuple[str, str]], group: bool = False) -> Path:
    header = "scientificName,establishment" + (",group" if group else "")
    body = [",".join(r) for r in rows]
    path.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    return path


def write_square(path: Path, x0: float, y0: float, x1: float, y1: float) -> Path:
    """A GeoJSON boundary: the rectangle (x0, y0)-(x1, y1) in WGS 84."""
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path


def folder_checksum(path: Path) -> str | None:
    """Names and contents of every file under `path` (None when it does not exist)."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*")):
        digest.update(str(file.relative_to(path)).encode() + b"\0")
        if file.is_file():
            digest.update(file.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def griis(shared_data: Path) -> Path:
    return shared_data / "checklists" / "griis"


@pytest.fixture
def gbif_dwca(shared_data: Path) -> Path:
    return shared_data / "occurrences" / "gbif_dwca_sample" / "gbif-results.zip"


@pytest.fixture
def inat_csv(shared_data: Path) -> Path:
    return shared_data / "occurrences" / "inaturalist_sample" / "get_observations.csv"
