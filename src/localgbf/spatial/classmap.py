"""Class maps: which land-cover codes count as natural, built-up, permeable, canopy, water.

A class map is data: presets for ESA WorldCover, Copernicus Global Land Cover 100 m and NLCD
ship in `data/classmaps/`, and a city may write its own YAML file in the same format
(documented in docs/spatial.md). Roles come from the vocabulary in `data/roles.yaml`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from localgbf.frameworks.resources import sha256_of
from localgbf.frameworks.text import Text
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.resources import data_path
from localgbf.spatial.yamlfile import read_yaml_document

MAX_CODE = 65535


class RoleDefinition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: Text
    description: Text
    indicators: tuple[int, ...] = ()


class RoleVocabulary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    source: str
    roles: dict[str, RoleDefinition]


@cache
def load_roles() -> RoleVocabulary:
    """The role vocabulary shipped in `data/roles.yaml`."""
    doc = read_yaml_document(data_path("roles.yaml"))
    try:
        return RoleVocabulary.model_validate(doc.data)
    except ValidationError as exc:
        raise doc.validation_error(exc) from exc


class LandCoverClass(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: int = Field(ge=0, le=MAX_CODE)
    label: Text
    roles: frozenset[str] = frozenset()

    @field_validator("roles", mode="before")
    @classmethod
    def _known_roles(cls, value: Any) -> Any:
        if value is None:
            return frozenset()
        if isinstance(value, str):
            value = [value]
        known = load_roles().roles
        unknown = sorted(str(v) for v in value if v not in known)
        if unknown:
            raise ValueError(f"unknown role(s) {unknown}; the roles are {sorted(known)}")
        return value


class ClassMap(BaseModel):
    """Land-cover codes with their labels (en, zh-hans) and roles."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    version: str
    name: Text
    source: str
    product: str | None = None
    product_version: str | None = None
    licence: str | None = None
    nodata: frozenset[int] = frozenset()
    classes: tuple[LandCoverClass, ...]
    file_name: str | None = Field(default=None, exclude=True)
    sha256: str | None = Field(default=None, exclude=True)

    @field_validator("version", "product_version", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _check_codes(self) -> ClassMap:
        seen: set[int] = set()
        for entry in self.classes:
            if entry.code in seen:
                raise ValueError(f"code {entry.code} is listed twice")
            seen.add(entry.code)
        both = sorted(seen & self.nodata)
        if both:
            raise ValueError(f"code(s) {both} are both a class and nodata")
        return self

    @property
    def codes(self) -> frozenset[int]:
        return frozenset(c.code for c in self.classes)

    def codes_with_role(self, role: str) -> frozenset[int]:
        """Codes that play `role` (one of the vocabulary in data/roles.yaml)."""
        if role not in load_roles().roles:
            raise SpatialInputError(
                "role", f"unknown role {role!r}; the roles are {sorted(load_roles().roles)}"
            )
        return frozenset(c.code for c in self.classes if role in c.roles)

    def codes_with_any_role(self, roles: tuple[str, ...] | list[str]) -> frozenset[int]:
        out: set[int] = set()
        for role in roles:
            out |= self.codes_with_role(role)
        return frozenset(out)

    def label(self, code: int) -> Text | None:
        for entry in self.classes:
            if entry.code == code:
                return entry.label
        return None


def code_lookup(codes: frozenset[int] | set[int], size: int) -> np.ndarray:
    """A boolean table indexed by land-cover code: True for the given codes."""
    table = np.zeros(size, dtype=np.bool_)
    for code in codes:
        if 0 <= code < size:
            table[code] = True
    return table


@cache
def presets() -> dict[str, Path]:
    """Preset id -> file, from the files shipped in data/classmaps/."""
    found: dict[str, Path] = {}
    for path in sorted(data_path("classmaps").glob("*.yaml")):
        doc = read_yaml_document(path)
        found[str(doc.data.get("id"))] = path
    return found


def load_class_map(source: str | Path) -> ClassMap:
    """A preset by name (`esa-worldcover`, `copernicus-glc100`, `nlcd`) or a YAML class map.

    Raises SpatialInputError naming the file, the line and the key on any problem.
    """
    key = str(source)
    if isinstance(source, str) and source in presets():
        return _load_preset(source)
    path = Path(source)
    if not path.exists():
        raise SpatialInputError(
            key, f"is neither a class-map preset ({', '.join(sorted(presets()))}) nor a file"
        )
    return _load_file(path)


@cache
def _load_preset(name: str) -> ClassMap:
    return _load_file(presets()[name])


def _load_file(path: Path) -> ClassMap:
    doc = read_yaml_document(path)
    try:
        class_map = ClassMap.model_validate(doc.data)
    except ValidationError as exc:
        raise doc.validation_error(exc) from exc
    return class_map.model_copy(update={"file_name": path.name, "sha256": sha256_of(path)})
