"""Scientific names reduced to the keys occurrences and checklists are matched on.

A name such as "Abutilon indicum (L.) Sweet" or "POA ANNUA ssp supina Schrad." is reduced to
its canonical form ("Abutilon indicum", "Poa annua subsp. supina"): the author citation is
dropped, the genus is capitalised, epithets are lower case, rank markers are written one way
and the hybrid sign is "×". The species key is the binomial part ("Poa annua"), so that records
of infraspecific taxa count towards their species. Names qualified as uncertain ("cf.", "aff.")
or left at genus ("sp.") have no species key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from localgbf.species.reference import NameRules, name_rules

_EPITHET = re.compile(r"^[a-z\u00df-\u00ff][a-z\u00df-\u00ff\-]*$")
_GENUS = re.compile(r"^[A-Za-z\u00c0-\u00ff][A-Za-z\u00c0-\u00ff\-]*$")
_MAX_EPITHETS = 3


@dataclass(frozen=True)
class ParsedName:
    """A name as localgbf matches it.

    `canonical` keeps infraspecific ranks; `species` is the binomial, or None when the name is
    above species or the identification is qualified.
    """

    canonical: str
    species: str | None


def _clean_token(token: str) -> str:
    return token.rstrip(",;")


def parse_name(text: str | None, rules: NameRules | None = None) -> ParsedName | None:
    """Reduce a scientific name to its canonical form and species key; None if it is no name."""
    if text is None:
        return None
    if rules is None:
        return _parse_with_default_rules(text)
    return _parse(text, rules)


@lru_cache(maxsize=1 << 18)
def _parse_with_default_rules(text: str) -> ParsedName | None:
    return _parse(text, name_rules())


def _parse(text: str, rules: NameRules) -> ParsedName | None:
    cleaned = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip().strip("\"'")
    if not any(ch.islower() for ch in cleaned):
        cleaned = cleaned.lower()
    tokens = cleaned.split()
    if not tokens:
        return None

    hybrid_genus = False
    if tokens[0] in rules.hybrid_markers and len(tokens) > 1:
        hybrid_genus = True
        tokens = tokens[1:]
    first = tokens[0]
    if first.startswith(rules.hybrid_sign):
        hybrid_genus = True
        first = first[len(rules.hybrid_sign) :]
    first = _clean_token(first)
    if not _GENUS.match(first):
        return None
    genus = first[0].upper() + first[1:].lower()
    if hybrid_genus:
        genus = rules.hybrid_sign + genus

    parts = [genus]
    epithets = 0
    used_rank = False
    pending_hybrid = False
    species: str | None = None
    qualified = False
    formula = False
    i = 1
    while i < len(tokens):
        token = _clean_token(tokens[i])
        low = token.lower().rstrip(".")
        following = _clean_token(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if low in rules.qualifiers:
            qualified = epithets == 0
            break
        if token in rules.hybrid_markers and _is_epithet(following, rules):
            if epithets >= 1:
                formula = True
            pending_hybrid = True
            i += 1
            continue
        glued_hybrid = token.startswith(rules.hybrid_sign) and _is_epithet(
            token[len(rules.hybrid_sign) :], rules
        )
        if glued_hybrid:
            token = token[len(rules.hybrid_sign) :]
            pending_hybrid = True
        if (
            low in rules.rank_markers
            and epithets >= 1
            and not glued_hybrid
            and _is_epithet(following, rules)
        ):
            parts += [rules.rank_markers[low], following]
            used_rank = True
            epithets += 1
            i += 2
            continue
        if not _is_epithet(token, rules) or used_rank or epithets >= _MAX_EPITHETS:
            resume = _next_rank_marker(tokens, i, rules) if epithets and not used_rank else None
            if resume is None:
                break
            i = resume
            continue
        epithet = (rules.hybrid_sign + " " + token) if pending_hybrid else token
        pending_hybrid = False
        parts.append(epithet)
        epithets += 1
        if epithets == 1:
            species = " ".join(parts)
        i += 1

    if qualified:
        return ParsedName(canonical=genus, species=None)
    return ParsedName(canonical=" ".join(parts), species=None if formula else species)


def _next_rank_marker(tokens: list[str], start: int, rules: NameRules) -> int | None:
    """Index of a rank marker after an author citation ("Rosa canina L. var. dumalis")."""
    for j in range(start, len(tokens) - 1):
        low = _clean_token(tokens[j]).lower().rstrip(".")
        if low in rules.rank_markers and _is_epithet(_clean_token(tokens[j + 1]), rules):
            return j
    return None


def _is_epithet(token: str, rules: NameRules) -> bool:
    if not token or not _EPITHET.match(token):
        return False
    return token.lower() not in rules.author_particles


def canonical_name(text: str | None, rules: NameRules | None = None) -> str | None:
    parsed = parse_name(text, rules)
    return parsed.canonical if parsed else None


def species_key(text: str | None, rules: NameRules | None = None) -> str | None:
    parsed = parse_name(text, rules)
    return parsed.species if parsed else None
