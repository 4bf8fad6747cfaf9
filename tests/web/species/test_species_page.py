"""The species page of a government lists its native and invasive species with their record
counts and the checklist entries behind them (the demo city, Monaco)."""

import csv
from collections import Counter

import pytest
import shapely
from django.test import Client

from localgbf.web.computations.demo_city import SPATIAL_DATA, SPECIES_DATA


@pytest.fixture
def monaco_client(demo) -> Client:
    client = Client()
    client.force_login(demo["user:monaco.officer"])
    return client


def expected_counts() -> tuple[dict[str, str], Counter]:
    """Independently of localgbf: the made-up local checklist read with the csv module, and
    the survey records inside the (repaired) Monaco land polygon counted per species. The
    GBIF records of the demo lie in California and count for no species here."""
    with (SPECIES_DATA / "monaco_checklist_demo.csv").open(encoding="utf-8") as handle:
        status = {r["scientificName"]: r["establishment"] for r in csv.DictReader(handle)}
    land = shapely.make_valid(
        shapely.from_geojson((SPATIAL_DATA / "monaco_boundary.geojson").read_text())
    )
    counts: Counter = Counter()
    with (SPECIES_DATA / "monaco_city_survey_demo.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            point = shapely.Point(float(row["longitude"]), float(row["latitude"]))
            if land.covers(point):
                counts[row["scientific_name"]] += 1
    return status, counts


def test_native_and_invasive_species_are_those_of_the_checklist_with_records(demo):
    status, counts = expected_counts()
    data = demo["government:MCMON"].species_summary.data
    found = {s["species"]: s for s in data["species"]}
    for wanted in ("native", "invasive"):
        expected = {name for name, s in status.items() if s == wanted and counts[name]}
        assert {n for n, s in found.items() if s["status"] == wanted} == expected
    for name, item in found.items():
        if item["status"] in ("native", "invasive"):
            assert item["records"] == counts[name], name


def test_the_page_shows_each_species_with_its_count_and_checklist_entry(monaco_client, demo):
    status, counts = expected_counts()
    body = monaco_client.get("/en/governments/MCMON/species/").content.decode()
    natives = sum(1 for name, s in status.items() if s == "native" and counts[name])
    assert f'<div class="stat">{natives}</div>' in body
    assert "Carpobrotus edulis" in body and "Invasive alien" in body
    assert "Local checklist of the city (demo)" in body
    assert "GRIIS Monaco" in body or "Global Register of Introduced and Invasive Species" in body
    assert "Streptopelia decaocto" in body  # on no checklist


def test_the_gbif_data_set_is_shown_with_its_citation(monaco_client):
    body = monaco_client.get("/en/governments/MCMON/species/").content.decode()
    assert "fetched from GBIF" in body
    assert "GBIF.org (13 November 2025) GBIF Occurrence Search" in body


def test_the_page_is_translated(monaco_client):
    body = monaco_client.get("/zh-hans/governments/MCMON/species/").content.decode()
    assert "本地种" in body
    assert "外来入侵种" in body


def test_the_species_indicators_are_computed_through_the_computation_form(monaco_client, demo):
    page = monaco_client.get("/en/governments/MCMON/species/").content.decode()
    assert "/en/governments/MCMON/computations/new/?species=1" in page
    form = monaco_client.get("/en/governments/MCMON/computations/new/?species=1").context["form"]
    assert form.initial["species"] is True
    assert form.initial["boundary"] == demo["dataset:MCMON:boundary"].pk
