"""Looking up names no checklist lists in GBIF's species-match service, with a disk cache.

When the species indicators report unmatched names, a city officer needs to know whether a name
is a misspelling, a synonym or a taxon the checklist lacks. GBIF's match service (v2) answers
with the backbone usage, its status, the accepted name and the higher classification, from
which the species package's taxon group follows. Answers are cached in the store folder
(`.connectors/gbif-species-match.json`), so asking again costs no request; the cache is a
convenience and can be deleted at any time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from localgbf.species.connectors.gbif import gbif_client, gbif_service
from localgbf.species.connectors.http import HttpClient, MalformedResponse, read_json
from localgbf.species.connectors.state import cache_dir, write_json_atomic
from localgbf.species.groups import Taxonomy, classify
from localgbf.species.store import Store

CACHE_FILE = "gbif-species-match.json"
CACHE_LAYOUT = 1
SAVE_EVERY = 50


@dataclass(frozen=True)
class NameMatch:
    """GBIF's answer for one name. `match_type` is EXACT, FUZZY, HIGHERRANK, VARIANT or NONE."""

    name: str
    match_type: str
    confidence: int | None = None
    usage_key: str | None = None
    scientific_name: str | None = None
    canonical_name: str | None = None
    rank: str | None = None
    status: str | None = None
    accepted_key: str | None = None
    accepted_name: str | None = None
    kingdom: str | None = None
    phylum: str | None = None
    class_: str | None = None
    group: str | None = None
    note: str | None = None

    @property
    def matched(self) -> bool:
        return self.match_type != "NONE" and self.usage_key is not None


def read_match(response: httpx.Response) -> dict[str, Any]:
    data = read_json(response)
    if not isinstance(data, dict) or not isinstance(data.get("diagnostics"), dict):
        raise MalformedResponse("no `diagnostics` in the species-match answer")
    return data


def parse_match(name: str, data: dict[str, Any]) -> NameMatch:
    """A v2 species-match answer as a NameMatch (the group from the species package's rules)."""
    diagnostics = data.get("diagnostics") or {}
    usage = data.get("usage") or {}
    accepted = data.get("acceptedUsage") or usage
    ranks = {
        str(item.get("rank", "")).lower(): item.get("name")
        for item in data.get("classification") or ()
        if isinstance(item, dict)
    }
    taxonomy = Taxonomy(ranks.get("kingdom"), ranks.get("phylum"), ranks.get("class"))
    return NameMatch(
        name=name,
        match_type=str(diagnostics.get("matchType") or "NONE"),
        confidence=diagnostics.get("confidence"),
        usage_key=usage.get("key"),
        scientific_name=usage.get("name"),
        canonical_name=usage.get("canonicalName"),
        rank=usage.get("rank"),
        status=usage.get("status"),
        accepted_key=accepted.get("key"),
        accepted_name=accepted.get("canonicalName") or accepted.get("name"),
        kingdom=taxonomy.kingdom,
        phylum=taxonomy.phylum,
        class_=taxonomy.class_,
        group=None if taxonomy.is_empty() else classify(taxonomy),
        note=diagnostics.get("note"),
    )


def _cache_key(name: str, kingdom: str | None) -> str:
    return f"{name}|{kingdom or ''}"


def _load_cache(store: Store) -> dict[str, dict[str, Any]]:
    path = cache_dir(store) / CACHE_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("layout") != CACHE_LAYOUT or data.get("path") != gbif_service().species_match.path:
        return {}
    matches = data.get("matches")
    return matches if isinstance(matches, dict) else {}


def _save_cache(store: Store, matches: dict[str, dict[str, Any]]) -> None:
    write_json_atomic(
        cache_dir(store) / CACHE_FILE,
        {"layout": CACHE_LAYOUT, "path": gbif_service().species_match.path, "matches": matches},
    )


def match_names(
    names: Iterable[str],
    store: Store,
    *,
    client: HttpClient | None = None,
    kingdom: str | None = None,
) -> list[NameMatch]:
    """GBIF's match for each distinct name, in the order given; cached answers cost no request.

    `kingdom` narrows the match (GBIF's `kingdom` parameter) when the names are known to be, for
    example, all plants.
    """
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    cache = _load_cache(store)
    missing = [n for n in wanted if _cache_key(n, kingdom) not in cache]
    own_client = client is None and bool(missing)
    http = client or (gbif_client() if missing else None)
    try:
        for count, name in enumerate(missing, start=1):
            assert http is not None
            params = [("scientificName", name), ("verbose", "false")]
            if kingdom:
                params.append(("kingdom", kingdom))
            data = http.call("GET", gbif_service().species_match.path, read_match, params=params)
            cache[_cache_key(name, kingdom)] = asdict(parse_match(name, data))
            if count % SAVE_EVERY == 0:
                _save_cache(store, cache)
    finally:
        if missing:
            _save_cache(store, cache)
        if own_client and http is not None:
            http.close()
    return [NameMatch(**cache[_cache_key(n, kingdom)]) for n in wanted]
