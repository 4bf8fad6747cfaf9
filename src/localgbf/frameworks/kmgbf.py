"""The Kunming-Montreal Global Biodiversity Framework: goals, targets, monitoring indicators."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.records import FrameworkRecord
from localgbf.frameworks.resources import data_path, parse_records, read_yaml
from localgbf.frameworks.text import Text

IndicatorKind = Literal["headline", "binary", "component", "complementary"]


class Goal(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    cbd_thesaurus_id: str
    title: Text
    title_long: Text
    text: Text
    source: str


class Target(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    cbd_thesaurus_id: str
    section: Text
    title: Text
    title_long: Text
    text: Text
    source: str


class Indicator(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    kind: IndicatorKind
    name: Text
    goals: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    ort_identifier: str | None = None
    city_relevant: bool = False


class KMGBF(BaseModel):
    model_config = ConfigDict(frozen=True)

    slug: str
    version: str
    title: Text
    source: dict[str, str]
    goals: tuple[Goal, ...]
    targets: tuple[Target, ...]
    indicators: tuple[Indicator, ...]

    def goal(self, code: str) -> Goal:
        return next(g for g in self.goals if g.code == code)

    def target(self, code: str) -> Target:
        return next(t for t in self.targets if t.code == code)

    def indicators_for_target(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators if code in i.targets]

    def records(self) -> list[FrameworkRecord]:
        common = {"framework": self.slug, "version": self.version}
        out = [
            FrameworkRecord(**common, kind="goal", code=g.code, title=g.title, text=g.text)
            for g in self.goals
        ]
        out += [
            FrameworkRecord(**common, kind="target", code=t.code, title=t.title, text=t.text)
            for t in self.targets
        ]
        out += [
            FrameworkRecord(
                **common,
                kind=f"{i.kind}_indicator",
                code=i.code,
                title=i.name,
                parent=f"{self.slug}:T{i.targets[0]}" if i.targets else None,
            )
            for i in self.indicators
        ]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "framework": self.slug,
            "version": self.version,
            "goals": [g.model_dump(mode="json") for g in self.goals],
            "targets": [t.model_dump(mode="json") for t in self.targets],
            "indicators": [i.model_dump(mode="json") for i in self.indicators],
        }


def _check_integrity(file: Path, fw: KMGBF) -> None:
    for kind, items in (
        ("goals", fw.goals),
        ("targets", fw.targets),
        ("indicators", fw.indicators),
    ):
        seen: set[str] = set()
        for item in items:
            if item.code in seen:
                raise FrameworkDataError(str(file), "code appears twice", f"{kind} ({item.code})")
            seen.add(item.code)
    goal_codes = {g.code for g in fw.goals}
    target_codes = {t.code for t in fw.targets}
    for ind in fw.indicators:
        for t in ind.targets:
            if t not in target_codes:
                raise FrameworkDataError(
                    str(file),
                    f"refers to target {t}, which does not exist",
                    f"indicator {ind.code}",
                )
        for g in ind.goals:
            if g not in goal_codes:
                raise FrameworkDataError(
                    str(file), f"refers to goal {g}, which does not exist", f"indicator {ind.code}"
                )


def load_kmgbf(path: Path | None = None) -> KMGBF:
    """Load and validate a KMGBF data file (the packaged one by default)."""
    file = path or data_path("kmgbf.yaml")
    raw = read_yaml(file)
    for key in ("framework", "version", "title", "goals", "targets", "indicators"):
        if key not in raw:
            raise FrameworkDataError(str(file), f"the key '{key}' is missing")
    try:
        title = Text.model_validate(raw["title"])
    except ValueError as exc:
        raise FrameworkDataError(str(file), str(exc), "title") from exc
    fw = KMGBF(
        slug=raw["framework"],
        version=str(raw["version"]),
        title=title,
        source={k: str(v) for k, v in (raw.get("source") or {}).items()},
        goals=tuple(parse_records(file, raw["goals"], Goal, "goals")),
        targets=tuple(parse_records(file, raw["targets"], Target, "targets")),
        indicators=tuple(parse_records(file, raw["indicators"], Indicator, "indicators")),
    )
    _check_integrity(file, fw)
    return fw


@cache
def kmgbf() -> KMGBF:
    """The packaged KMGBF, loaded once."""
    return load_kmgbf()
