"""Builders of small species input files, and a checksum of a whole folder."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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


# -- a small hand-worked city ----------------------------------------------------------------
# Boundary: the square 0-10 degrees east, 0-10 degrees north. Built-up: west of 5 degrees east
# (the land cover's left half, ESA WorldCover code 50). Survey period 2020-2024, previous
# period 2015-2019. Points with three or more decimals are precise; (2.5, 2.5) and
# (6.25, 6.75) have two decimals and count as generalised.
CITY_RECORDS = [
    # name, kind, lat, lon, year, extra columns
    ("Alauda arvensis Linnaeus, 1758", "bird", 2.111, 2.111, 2022, {}),
    ("Alauda arvensis Linnaeus, 1758", "bird", 2.111, 2.112, 2017, {}),
    ("Alauda arvensis arvensis", "bird", 8.888, 8.888, 2022, {}),
    ("Bubo bubo (Linnaeus, 1758)", "bird", 7.321, 7.321, 2021, {}),
    ("Bubo bubo (Linnaeus, 1758)", "bird", 7.322, 7.321, 2016, {}),
    ("Bubo bubo (Linnaeus, 1758)", "bird", 2.5, 2.5, 2022, {}),
    ("Corvus corax Linnaeus, 1758", "bird", 3.333, 3.333, 2015, {}),
    ("Acridotheres tristis (Linnaeus, 1766)", "bird", 1.111, 1.111, 2022, {}),
    ("Emberiza citrinella Linnaeus, 1758", "bird", 2.222, 2.222, 2022, {}),
    ("Falco tinnunculus Linnaeus, 1758", "bird", 20.123, 20.123, 2022, {}),
    ("Garrulus glandarius (Linnaeus, 1758)", "bird", 2.333, 2.333, 2022,
     {"basisOfRecord": "FOSSIL_SPECIMEN"}),
    ("Hirundo rustica Linnaeus, 1758", "bird", 2.444, 2.444, 2022,
     {"coordinateUncertaintyInMeters": "5000"}),
    ("Pyrgita montana", "bird", 7.777, 2.777, 2022, {}),
    ("Plantago major L.", "plant", 5.555, 5.555, 2023, {}),
    ("Ambrosia artemisiifolia L.", "plant", 6.25, 6.75, 2023, {}),
    ("Plantago lanceolata L.", "plant", 5.111, 5.111, 2010, {}),
    ("Apis mellifera Linnaeus, 1758", "insect", 1.2345, 9.1234, 2020, {}),
    ("Bombus terrestris (Linnaeus, 1758)", "insect", 4.444, 6.666, 2016, {}),
    ("Harmonia axyridis (Pallas, 1773)", "insect", 4.321, 6.123, 2022, {}),
]  # fmt: skip

CITY_CHECKLIST = (
    "scientificName,establishment,acceptedNameUsage\n"
    "Alauda arvensis,native,\n"
    "Bubo bubo,native,\n"
    "Corvus corax,native,\n"
    "Acridotheres tristis,invasive,\n"
    "Falco tinnunculus,native,\n"
    "Garrulus glandarius,native,\n"
    "Hirundo rustica,native,\n"
    "Pyrgita montana,native,Passer montanus (Linnaeus 1758)\n"
    "Passer montanus,native,\n"
    "Plantago major,native,\n"
    "Plantago lanceolata,native,\n"
    "Ambrosia artemisiifolia,invasive,\n"
    "Apis mellifera,native,\n"
    "Bombus terrestris,native,\n"
    "Harmonia axyridis,introduced,\n"
)


@dataclass(frozen=True)
class City:
    occurrences: Path
    checklist: Path
    boundary: Path
    landcover: Path
    store: Path


def write_landcover(path: Path) -> Path:
    """10 x 10 one-degree cells over the city: code 50 (built-up) west of 5 degrees east,
    code 10 (tree cover) east of it."""
    import numpy as np
    import rasterio
    from affine import Affine

    array = np.full((10, 10), 10, dtype=np.uint8)
    array[:, :5] = 50
    with rasterio.open(
        path, "w", driver="GTiff", width=10, height=10, count=1, dtype="uint8",
        crs="EPSG:4326", transform=Affine(1, 0, 0, 0, -1, 10),
    ) as dst:  # fmt: skip
        dst.write(array, 1)
    return path


def build_city(folder: Path) -> City:
    rows = [
        gbif_row(i, name, kind, lat, lon, year, **extra)
        for i, (name, kind, lat, lon, year, extra) in enumerate(CITY_RECORDS)
    ]
    checklist = folder / "city-checklist.csv"
    checklist.write_text(CITY_CHECKLIST, "utf-8")
    return City(
        occurrences=write_gbif_csv(folder / "city.csv", rows),
        checklist=checklist,
        boundary=write_square(folder / "city.geojson", 0, 0, 10, 10),
        landcover=write_landcover(folder / "landcover.tif"),
        store=folder / "store",
    )


@pytest.fixture
def city(tmp_path: Path) -> City:
    return build_city(tmp_path)
