"""The government page shows the "Data and computations" and "Species" sections to members."""

import pytest


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("anonymous", False), ("outsider", False), ("other_officer", False), ("viewer", True),
     ("reviewer", True), ("city_officer", True)],
)  # fmt: skip
def test_the_data_sections_are_shown_to_members_only(client_as, persona, shown):
    body = client_as(persona).get("/en/governments/CNKMG/").content.decode()
    assert ("Data and computations" in body) is shown
    assert ('id="species-title"' in body) is shown


def test_the_demo_city_page_links_its_latest_computation_and_species(client_as, demo):
    from django.test import Client

    client = Client()
    client.force_login(demo["user:monaco.officer"])
    body = client.get("/en/governments/MCMON/").content.decode()
    computation = demo["government:MCMON"].computations.get()
    assert f"/en/computations/{computation.pk}/" in body
    assert "/en/governments/MCMON/species/" in body
    assert "GBIF.org (13 November 2025) GBIF Occurrence Search" in body
    assert "Compute the indicators" in body
