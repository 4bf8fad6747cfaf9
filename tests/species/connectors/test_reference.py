"""The connectors' reference data checked against the recorded responses it was read from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from localgbf.species.connectors.errors import ConnectorsDisabled
from localgbf.species.connectors.reference import services, taxon_keys
from localgbf.species.reference import taxon_groups

from .builders import Api


def walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.fixture(scope="module")
def gbif_keys(shared_data: Path) -> dict[int, str]:
    """Every (key -> name) GBIF gives for a kingdom, phylum or class in the recorded pages."""
    from .cassettes import load_cassette

    found: dict[int, str] = {}
    folder = shared_data / "api" / "gbif"
    for path in [*folder.glob("*.yaml"), *folder.glob("rgbif/*.yml")]:
        for recorded in load_cassette(path):
            try:
                body = recorded.json()
            except ValueError:
                continue
            for node in walk(body):
                for rank in ("kingdom", "phylum", "class"):
                    if isinstance(node.get(f"{rank}Key"), int) and node.get(rank):
                        found[node[f"{rank}Key"]] = node[rank]
    return found


@pytest.fixture(scope="module")
def inat_taxa(shared_data: Path) -> dict[int, tuple[str, str]]:
    """Every (id -> (rank, name)) of a taxon in the recorded iNaturalist responses."""
    found: dict[int, tuple[str, str]] = {}
    for path in (shared_data / "api" / "inaturalist").rglob("*.json"):
        for node in walk(json.loads(path.read_text("utf-8"))):
            if {"id", "name", "rank"} <= node.keys() and isinstance(node["id"], int):
                found[node["id"]] = (node["rank"], node["name"])
    return found


def test_every_taxon_group_of_the_species_package_can_be_fetched_from_both_services() -> None:
    for group in taxon_groups().ids():
        keys = taxon_keys().groups[group]
        assert keys.gbif and keys.inaturalist, group


def test_gbif_group_keys_are_the_keys_gbif_returned(gbif_keys: dict[int, str]) -> None:
    expected = {"vascular_plants": "Tracheophyta", "birds": "Aves", "arthropods": "Arthropoda"}
    for group, name in expected.items():
        for key in taxon_keys().groups[group].gbif:
            assert gbif_keys[key] == name


def test_inaturalist_ids_are_the_ids_inaturalist_returned(
    inat_taxa: dict[int, tuple[str, str]],
) -> None:
    for taxon_id, ranked in taxon_keys().inaturalist_ranks.items():
        assert inat_taxa[taxon_id] == (ranked.rank, ranked.name)
    expected = {"vascular_plants": "Tracheophyta", "birds": "Aves", "arthropods": "Arthropoda"}
    for group, name in expected.items():
        for taxon_id in taxon_keys().groups[group].inaturalist:
            assert inat_taxa[taxon_id][1] == name


def test_the_search_page_size_is_what_gbif_gave_when_asked_for_more(api: Api) -> None:
    recorded = api.gbif("rgbif/occ_data.yml")[2]
    assert dict(recorded.query)["limit"] == "500"
    assert recorded.json()["limit"] == services().gbif.search.page_size == 300


def test_the_documented_limits_are_the_ones_used() -> None:
    gbif, inat = services().gbif, services().inaturalist
    assert (gbif.search.max_records, gbif.search.max_wkt_chars) == (100_000, 1500)
    assert (inat.observations.per_page, inat.observations.max_results) == (200, 10_000)
    assert inat.requests_per_second == 1
    assert gbif.download.concurrent_per_user == 3


def test_switched_off_connectors_say_so_in_plain_words() -> None:
    with pytest.raises(
        ConnectorsDisabled,
        match=r"^connectors: fetching records from GBIF and iNaturalist is "
        r"switched off in this installation; download the records elsewhere and import",
    ):
        raise ConnectorsDisabled()
    assert isinstance(ConnectorsDisabled("GBIF"), ValueError)
