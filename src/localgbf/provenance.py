"""What every computed indicator value carries: value, unit, method and the inputs behind it.

spatial, species and index return these; assess collects them; the web stores them as
computation records. Kept at the bottom of the package so every layer can use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from localgbf.frameworks.resources import sha256_of


class InputFile(BaseModel):
    """A file a computation read, identified by its content."""

    model_config = ConfigDict(frozen=True)

    role: str = Field(description="What the file was used as, e.g. 'landcover', 'boundary'.")
    name: str = Field(description="The file's name as the user gave it (no directory).")
    sha256: str

    @classmethod
    def of(cls, role: str, path: str | Path) -> InputFile:
        p = Path(path)
        return cls(role=role, name=p.name, sha256=sha256_of(p))


class IndicatorValue(BaseModel):
    """One Singapore Index indicator value computed from data.

    `indicator` is the number in the 2021 edition (1-28). `zones` holds the same value per
    sub-unit when sub-units were given (zone name -> value). `details` carries the figures a
    person needs to check the value (areas, counts, species lists).
    """

    model_config = ConfigDict(frozen=True)

    indicator: int = Field(ge=1, le=28)
    value: float | None
    unit: str
    method_id: str
    method_version: str
    inputs: tuple[InputFile, ...] = ()
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = Field(default_factory=dict)
    zones: dict[str, float | None] = Field(default_factory=dict)
