"""Ordinal scales used in reporting: NR7 progress, degree of alignment, binary answers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import data_path, parse_records, read_yaml
from localgbf.frameworks.text import Text


class Level(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: Text
    meaning: Text | None = None
    term_id: str | None = None
    order: int | None = None
    rank: int | None = None
    colour: str | None = None


class Scale(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    title: Text
    levels: tuple[Level, ...]

    def level(self, key: str) -> Level:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(f"{key!r} is not a level of the {self.key} scale")

    def keys(self) -> list[str]:
        return [lvl.key for lvl in self.levels]

    def choices(self, language: str) -> list[tuple[str, str]]:
        return [(lvl.key, lvl.label.get(language)) for lvl in self.levels]


def load_scales(path: Path | None = None) -> dict[str, Scale]:
    file = path or data_path("scales.yaml")
    raw = read_yaml(file)
    scales = raw.get("scales")
    if not isinstance(scales, dict):
        raise FrameworkDataError(str(file), "the key 'scales' must be a mapping")
    out: dict[str, Scale] = {}
    for key, body in scales.items():
        if not isinstance(body, dict) or "title" not in body:
            raise FrameworkDataError(str(file), "needs a title and levels", f"scale {key}")
        levels = parse_records(file, body.get("levels"), Level, f"scales.{key}.levels", key="key")
        if len({lvl.key for lvl in levels}) != len(levels):
            raise FrameworkDataError(str(file), "two levels share a key", f"scale {key}")
        out[key] = Scale(key=key, title=Text.model_validate(body["title"]), levels=tuple(levels))
    return out


@cache
def scales() -> dict[str, Scale]:
    return load_scales()


def scale(key: str) -> Scale:
    return scales()[key]
