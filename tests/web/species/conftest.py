"""Fixtures of the species pages: a private file store, uploads, and recorded GBIF answers.

GBIF's answers are the rgbif test-suite recordings in the shared data (`api/gbif/rgbif/`),
decoded the way their README says (base64, then zlib) and served by httpx's MockTransport:
nothing here reaches the network.
"""

from __future__ import annotations

import base64
import io
import json
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import yaml

from localgbf.web.datasets.models import Dataset, file_store
from localgbf.web.species import services

CALIFORNIA = {
    "type": "Feature",
    "properties": {"name": "California test box"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[-125, 20], [-100, 20], [-100, 45], [-125, 45], [-125, 20]]],
    },
}


@pytest.fixture(autouse=True)
def private_file_store(settings, tmp_path: Path) -> Path:
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    return settings.LOCALGBF_FILE_STORE


@pytest.fixture
def add_dataset(kunming) -> Callable[..., Dataset]:
    """A Kunming dataset from bytes (inspected as the upload job would mark it)."""

    def make(name: str, data: bytes, kind: str, title: str | None = None) -> Dataset:
        stored = file_store().put(io.BytesIO(data), name)
        return Dataset.objects.create(
            government=kunming,
            kind=kind,
            title=title or name,
            filename=name,
            sha256=stored.sha256,
            size=stored.size,
            metadata={"status": "ok"},
        )

    return make


@pytest.fixture
def california(add_dataset) -> Dataset:
    return add_dataset("california.geojson", json.dumps(CALIFORNIA).encode(), "boundary")


def recorded(shared_data: Path, name: str) -> list[dict]:
    """The exchanges of an rgbif cassette: method, uri, status, decoded body."""
    data = yaml.safe_load((shared_data / "api" / "gbif" / "rgbif" / name).read_text("utf-8"))
    out = []
    for item in data["http_interactions"]:
        body = item["response"]["body"]
        if "raw_gzip" in body:
            content = zlib.decompress(base64.b64decode(body["raw_gzip"]))
        else:
            content = (body.get("string") or "").encode("utf-8")
        status = item["response"]["status"]
        code = status["status_code"] if isinstance(status, dict) else status
        out.append({"method": item["request"]["method"], "uri": item["request"]["uri"],
                    "status": int(code), "body": content})  # fmt: skip
    return out


class FakeClock:
    """Sleeps that only move this clock (retries and polls take no time in the tests)."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


@pytest.fixture
def serve(monkeypatch) -> Callable[[Callable[[httpx.Request], httpx.Response]], list]:
    """Route the connectors' requests to `handler`; returns the list of requests seen."""

    def install(handler: Callable[[httpx.Request], httpx.Response]) -> list[httpx.Request]:
        seen: list[httpx.Request] = []

        def transport(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return handler(request)

        monkeypatch.setattr(
            services,
            "network_options",
            lambda: {"transport": httpx.MockTransport(transport), "clock": FakeClock()},
        )
        return seen

    return install


@pytest.fixture
def cassette(shared_data: Path) -> Callable[[str], list[dict]]:
    return lambda name: recorded(shared_data, name)


@pytest.fixture
def eventdate_page(shared_data: Path) -> bytes:
    """71 real GBIF records of Encelia californica, 1990-1991 (California, Baja California)."""
    return recorded(shared_data, "occ_search_eventdate.yml")[2]["body"]


SURVEY = """id,observed_on,scientific_name,latitude,longitude,positional_accuracy,quality_grade,license,user_login,taxon_kingdom_name,taxon_phylum_name,taxon_class_name,iconic_taxon_name
1,2023-04-02,Passer montanus,25.0401,102.7101,10,research,CC0,a,Animalia,Chordata,Aves,Aves
2,2023-04-03,Passer montanus,25.0412,102.7123,10,research,CC0,a,Animalia,Chordata,Aves,Aves
3,2023-05-01,Falco peregrinus,25.0523,102.6987,10,research,CC0,b,Animalia,Chordata,Aves,Aves
4,2023-05-02,Falco peregrinus,25.0534,102.6976,10,research,CC0,b,Animalia,Chordata,Aves,Aves
5,2023-06-11,Ageratina adenophora,25.0301,102.7301,10,research,CC-BY,c,Plantae,Tracheophyta,Magnoliopsida,Plantae
6,2023-06-12,Zosterops japonicus,25.0311,102.7311,10,research,CC-BY,c,Animalia,Chordata,Aves,Aves
7,2023-06-13,Passer montanus,,,10,research,CC0,a,Animalia,Chordata,Aves,Aves
8,2023-04-02,Passer montanus,25.0401,102.7101,10,research,CC0,a,Animalia,Chordata,Aves,Aves
"""
CHECKLIST = """scientificName,establishment,kingdom,phylum,class
Passer montanus,native,Animalia,Chordata,Aves
Falco peregrinus,native,Animalia,Chordata,Aves
Ageratina adenophora,invasive,Plantae,Tracheophyta,Magnoliopsida
"""


@pytest.fixture
def imported(kunming, users, add_dataset):
    """Kunming's checklist, survey and sensitive list, imported by the background jobs."""
    from localgbf.web.jobs.queue import run_pending

    checklist = add_dataset("kunming-checklist.csv", CHECKLIST.encode(), "checklist")
    survey = add_dataset("kunming-survey.csv", SURVEY.encode(), "occurrences")
    add_dataset("sensitive.csv", b"scientificName\nFalco peregrinus\n", "sensitive")
    rows = [
        services.start_import(kunming, dataset=d, user=users["city_officer"])
        for d in (checklist, survey)
    ]
    run_pending()
    for row in rows:
        row.refresh_from_db()
    return {"checklist": rows[0], "survey": rows[1]}
