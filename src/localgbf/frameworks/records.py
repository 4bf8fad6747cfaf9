"""The shape every framework shares, so the CLI, the web and the roll-ups treat them alike.

A framework (the KMGBF, the Plan of Action, the Singapore Index, a country's NBSAP targets, a
legacy framework such as Aichi) is identified by a slug and a version, and holds records with a
stable code, a kind, a title and an optional parent. Several frameworks and versions live side
by side: a plan links to records by (framework, version, code), never to "the" current one.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.text import Text


class FrameworkRecord(BaseModel):
    """One goal, target, indicator, action area or activity of a framework."""

    model_config = ConfigDict(frozen=True)

    framework: str
    version: str
    kind: str
    code: str
    title: Text
    parent: str | None = None
    text: Text | None = None

    @property
    def id(self) -> str:
        """Globally unique id used by `localgbf frameworks show`, e.g. `kmgbf:T3`."""
        return f"{self.framework}:{self.local_id}"

    @property
    def local_id(self) -> str:
        prefix = {"target": "T", "action_area": "AA"}.get(self.kind, "")
        return f"{prefix}{self.code}"


class Framework(Protocol):
    """What the catalogue needs from a loaded framework."""

    slug: str
    version: str
    title: Text

    def records(self) -> list[FrameworkRecord]: ...

    def to_json(self) -> dict[str, Any]: ...
