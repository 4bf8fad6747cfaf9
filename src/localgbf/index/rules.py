"""The documented scoring rules (data in `data/rules.yaml`), one record per rule id."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text
from localgbf.index.resources import index_data_path


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: Literal["bands", "assessor"]
    summary: Text
    text: Text
    why: Text


class Rules(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    source: str
    default: str
    rules: dict[str, Rule]

    def get(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    @property
    def assessor(self) -> Rule:
        return next(r for r in self.rules.values() if r.kind == "assessor")


@cache
def scoring_rules() -> Rules:
    file = index_data_path("rules.yaml")
    raw = read_yaml(file)
    try:
        rules = {r["id"]: Rule.model_validate(r) for r in raw["rules"]}
        out = Rules(
            version=str(raw["version"]),
            source=str(raw["source"]),
            default=str(raw["default"]),
            rules=rules,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed rule data ({exc})") from exc
    if out.default not in rules or rules[out.default].kind != "bands":
        raise FrameworkDataError(str(file), f"the default rule {out.default!r} is not a bands rule")
    return out
