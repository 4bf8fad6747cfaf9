"""Fixtures of the computation pages: a private file store, and Kunming's uploaded files.

The files are the Monaco demo files that ship with the app (real OpenStreetMap-derived land
cover, boundary, parks and population), uploaded here as Kunming's datasets so that the
personas of tests/web/conftest.py apply.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from localgbf.web.computations.demo_city import SPATIAL_DATA, demo_dataset
from localgbf.web.datasets.models import Dataset, file_store

FILES = {
    "landcover": ("monaco_landcover_osm_10m.tif", "landcover"),
    "boundary": ("monaco_boundary.geojson", "boundary"),
    "subunits": ("monaco_quartiers.geojson", "subunits"),
    "parks": ("monaco_parks.geojson", "parks"),
    "population": ("monaco_population_2016_50m.tif", "population"),
}


@pytest.fixture(autouse=True)
def private_file_store(settings, tmp_path: Path) -> Path:
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    return settings.LOCALGBF_FILE_STORE


@pytest.fixture
def uploads(kunming, users) -> dict[str, Dataset]:
    """Kunming's uploads of the demo files, described as the inspection job would."""
    return {
        role: demo_dataset(
            kunming,
            SPATIAL_DATA / name,
            kind=kind,
            title=f"{role} file",
            licence="ODbL 1.0",
            citation="© OpenStreetMap contributors",
            user=users["city_officer"],
        )
        for role, (name, kind) in FILES.items()
    }


@pytest.fixture
def raw_dataset(kunming):
    """A Kunming dataset from raw bytes, marked as inspected: for files that fail in the job."""

    def make(name: str, data: bytes, kind: str) -> Dataset:
        stored = file_store().put(io.BytesIO(data), name)
        return Dataset.objects.create(
            government=kunming,
            kind=kind,
            title=name,
            filename=name,
            sha256=stored.sha256,
            size=stored.size,
            metadata={"status": "ok"},
        )

    return make
