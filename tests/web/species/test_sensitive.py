"""Coordinates of species on the government's sensitive list are never shown: not on the
species page, not on the species' own page, whoever looks."""

import csv

import pytest
from django.test import Client

from localgbf.web.computations.demo_city import SPECIES_DATA


def coordinates_of(name: str) -> list[tuple[str, str]]:
    with (SPECIES_DATA / "monaco_city_survey_demo.csv").open(encoding="utf-8") as handle:
        return [
            (f"{float(r['latitude']):.4f}", f"{float(r['longitude']):.4f}")
            for r in csv.DictReader(handle)
            if r["scientific_name"] == name
        ]


@pytest.fixture
def admin(demo) -> Client:
    client = Client()
    client.force_login(demo["user:network.admin"])
    return client


@pytest.mark.parametrize("name", ["Falco peregrinus", "Limonium cordatum"])
def test_a_sensitive_species_page_lists_records_without_their_locations(admin, name):
    body = admin.get(f"/en/governments/MCMON/species/taxa/{name}/").content.decode()
    assert "location withheld" in body
    assert body.count("withheld</span>") >= len(coordinates_of(name)) > 0
    for lat, lon in coordinates_of(name):
        assert lat not in body and lon not in body


def test_other_species_show_their_locations_to_members(admin):
    lat, lon = coordinates_of("Turdus merula")[0]
    body = admin.get("/en/governments/MCMON/species/taxa/Turdus merula/").content.decode()
    assert f"{lat}, {lon}" in body


def test_the_species_page_shows_no_coordinates_at_all(admin):
    body = admin.get("/en/governments/MCMON/species/").content.decode()
    for name in ("Falco peregrinus", "Turdus merula"):
        for lat, lon in coordinates_of(name):
            assert lat not in body and lon not in body
    assert body.count("location withheld") == 2


def test_the_sensitive_list_of_a_government_hides_its_species(client_as, imported):
    body = (
        client_as("city_officer")
        .get("/en/governments/CNKMG/species/taxa/Falco peregrinus/")
        .content.decode()
    )
    assert "25.0523" not in body and "102.6987" not in body
    assert "withheld" in body
