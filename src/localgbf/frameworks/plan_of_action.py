"""The Plan of Action 2023-2030 of decision 15/12: objectives, 7 action areas, activities.

The Chinese text is the official one; the English is the project's working translation
(see the data file's `source`), so only `zh-hans` is marked official.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.records import FrameworkRecord
from localgbf.frameworks.resources import data_path, parse_records, read_yaml
from localgbf.frameworks.text import Text


class Objective(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    text: Text


class Activity(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    text: Text


class ActionArea(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    title: Text
    activities: tuple[Activity, ...]
    localgbf_modules: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return str(self.number)


class PlanOfAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    slug: str
    version: str
    title: Text
    decision: Text
    source: dict[str, str]
    objectives: tuple[Objective, ...]
    action_areas: tuple[ActionArea, ...]

    def action_area(self, number: int) -> ActionArea:
        return next(a for a in self.action_areas if a.number == number)

    def records(self) -> list[FrameworkRecord]:
        common = {"framework": self.slug, "version": self.version}
        out = [
            FrameworkRecord(**common, kind="objective", code=o.code, title=o.text)
            for o in self.objectives
        ]
        for area in self.action_areas:
            out.append(
                FrameworkRecord(**common, kind="action_area", code=area.code, title=area.title)
            )
            out += [
                FrameworkRecord(
                    **common,
                    kind="activity",
                    code=a.code,
                    title=a.text,
                    parent=f"{self.slug}:AA{area.number}",
                )
                for a in area.activities
            ]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "framework": self.slug,
            "version": self.version,
            "title": self.title.as_dict(),
            "source": self.source,
            "objectives": [o.model_dump(mode="json") for o in self.objectives],
            "action_areas": [a.model_dump(mode="json") for a in self.action_areas],
        }


def load_plan_of_action(path: Path | None = None) -> PlanOfAction:
    file = path or data_path("plan_of_action.yaml")
    raw = read_yaml(file)
    for key in ("framework", "version", "title", "decision", "objectives", "action_areas"):
        if key not in raw:
            raise FrameworkDataError(str(file), f"the key '{key}' is missing")
    areas = parse_records(file, raw["action_areas"], ActionArea, "action_areas", key="number")
    numbers = [a.number for a in areas]
    if numbers != list(range(1, len(numbers) + 1)):
        raise FrameworkDataError(
            str(file), f"action areas must be numbered 1..n in order, found {numbers}"
        )
    try:
        title = Text.model_validate(raw["title"])
        decision = Text.model_validate(raw["decision"])
    except ValueError as exc:
        raise FrameworkDataError(str(file), str(exc), "title") from exc
    return PlanOfAction(
        slug=raw["framework"],
        version=str(raw["version"]),
        title=title,
        decision=decision,
        source={k: str(v) for k, v in (raw.get("source") or {}).items()},
        objectives=tuple(parse_records(file, raw["objectives"], Objective, "objectives")),
        action_areas=tuple(areas),
    )


@cache
def plan_of_action() -> PlanOfAction:
    return load_plan_of_action()
