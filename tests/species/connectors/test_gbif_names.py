"""GBIF species match (v2) for names no checklist lists, cached in the store folder."""

from __future__ import annotations

import pytest

from localgbf.species.connectors.gbif import gbif_client
from localgbf.species.connectors.gbif_names import match_names, parse_match
from localgbf.species.store import Store

from .builders import Api
from .cassettes import FakeClock, Replay

BACKBONE = "rgbif/name_backbone.yml"


@pytest.mark.parametrize(
    ("index", "name", "expected"),
    [
        (0, "Helianthus annuus", ("EXACT", "9206251", "ACCEPTED", "Helianthus annuus", "vascular_plants")),
        (2, "Calopteryx fakeus", ("NONE", None, None, None, None)),
        (3, "Calopteryx splendens", ("HIGHERRANK", "3234109", "SYNONYM", "Thibaudia", "vascular_plants")),
        (9, "Agra schwarzeneggeri", ("EXACT", "7349050", "ACCEPTED", "Agra schwarzeneggeri", "arthropods")),
    ],
)  # fmt: skip
def test_recorded_answers_are_read_with_status_accepted_name_and_group(
    api: Api, index: int, name: str, expected: tuple[object, ...]
) -> None:
    """Calopteryx splendens asked in kingdom Plantae matched the plant genus Calopteryx
    A.C.Sm., a synonym of Thibaudia (Ericaceae), so its group is vascular plants."""
    match = parse_match(name, api.gbif(BACKBONE)[index].json())
    assert (
        match.match_type,
        match.usage_key,
        match.status,
        match.accepted_name,
        match.group,
    ) == expected
    assert match.matched == (expected[1] is not None)


def test_names_are_asked_once_and_then_answered_from_the_cache(
    api: Api, clock: FakeClock, store: Store
) -> None:
    recorded = api.gbif(BACKBONE)
    replay = Replay([recorded[0], recorded[2]])
    client = gbif_client(transport=replay.transport(), clock=clock)
    names = ["Helianthus annuus", "Calopteryx fakeus", "Helianthus annuus", " "]
    first = match_names(names, store, client=client)
    assert [m.name for m in first] == ["Helianthus annuus", "Calopteryx fakeus"]
    assert [dict(r.url.params)["scientificName"] for r in replay.requests] == [
        "Helianthus annuus",
        "Calopteryx fakeus",
    ]
    assert all(r.url.path == "/v2/species/match" for r in replay.requests)
    assert (store.root / ".connectors" / "gbif-species-match.json").is_file()

    offline = Replay([])
    again = match_names(
        ["Calopteryx fakeus", "Helianthus annuus"],
        store,
        client=gbif_client(transport=offline.transport(), clock=clock),
    )
    assert offline.requests == []
    assert [m.match_type for m in again] == ["NONE", "EXACT"]


def test_a_kingdom_narrows_the_question_and_is_part_of_the_cache_key(
    api: Api, clock: FakeClock, store: Store
) -> None:
    recorded = api.gbif(BACKBONE)
    replay = Replay([recorded[3], recorded[0]])
    client = gbif_client(transport=replay.transport(), clock=clock)
    match_names(["Calopteryx splendens"], store, client=client, kingdom="Plantae")
    match_names(["Helianthus annuus"], store, client=client)
    assert dict(replay.requests[0].url.params)["kingdom"] == "Plantae"
    assert "kingdom" not in dict(replay.requests[1].url.params)
