"""Matching capacity offers to capacity needs.

An offer matches a need on the same topic from another government. Matches are ranked by the
number of languages they share (an offer no one can follow helps little), then by whether the
two governments are in the same country (easier cooperation), then by the newest offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from localgbf.web.plans.models import CapacityNeed, CapacityOffer


@dataclass(frozen=True)
class Match:
    need: CapacityNeed
    offer: CapacityOffer
    shared_languages: tuple[str, ...]
    same_country: bool


def match(needs: Iterable[CapacityNeed], offers: Iterable[CapacityOffer]) -> dict[int, list[Match]]:
    """Need id -> its matching offers, best first (needs and offers with governments loaded)."""
    by_topic: dict[str, list[CapacityOffer]] = {}
    for offer in offers:
        by_topic.setdefault(offer.topic, []).append(offer)
    out: dict[int, list[Match]] = {}
    for need in needs:
        found = []
        for offer in by_topic.get(need.topic, []):
            if offer.government_id == need.government_id:
                continue
            shared = tuple(lang for lang in need.languages or [] if lang in (offer.languages or []))
            found.append(
                Match(
                    need=need,
                    offer=offer,
                    shared_languages=shared,
                    same_country=offer.government.country_id == need.government.country_id,
                )
            )
        found.sort(
            key=lambda m: (
                -len(m.shared_languages),
                not m.same_country,
                -m.offer.created_at.timestamp(),
            )
        )
        out[need.pk] = found
    return out
