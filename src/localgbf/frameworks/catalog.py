"""Which frameworks ship with localgbf, by slug, and how to find a record by its id."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, cast

from localgbf.frameworks.records import Framework, FrameworkRecord

# slug -> "module:function" returning the packaged framework (loaded lazily and cached there).
PACKAGED: dict[str, str] = {
    "kmgbf": "localgbf.frameworks.kmgbf:kmgbf",
    "plan-of-action": "localgbf.frameworks.plan_of_action:plan_of_action",
    "singapore-index": "localgbf.frameworks.singapore_index:singapore_index_framework",
}


class UnknownRecord(LookupError):
    pass


def get(slug: str) -> Framework:
    if slug not in PACKAGED:
        raise KeyError(f"unknown framework {slug!r}; choose from {', '.join(PACKAGED)}")
    module_name, func = PACKAGED[slug].split(":")
    loader = cast(Callable[[], Any], getattr(importlib.import_module(module_name), func))
    return cast(Framework, loader())


def all_records(slug: str) -> list[FrameworkRecord]:
    return get(slug).records()


def find(record_id: str) -> FrameworkRecord:
    """Find a record by `framework:local_id` (e.g. `kmgbf:T3`) or by an unambiguous local id."""
    if ":" in record_id:
        slug, local = record_id.split(":", 1)
        candidates = [r for r in all_records(slug) if r.local_id.lower() == local.lower()]
    else:
        candidates = [
            r
            for slug in PACKAGED
            for r in all_records(slug)
            if r.local_id.lower() == record_id.lower()
        ]
    if not candidates:
        raise UnknownRecord(f"no framework record has the id {record_id!r}")
    if len(candidates) > 1:
        options = ", ".join(r.id for r in candidates)
        raise UnknownRecord(f"{record_id!r} is ambiguous: {options}")
    return candidates[0]
