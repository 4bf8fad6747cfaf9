"""Labels of the engine's states in en and zh-hans (data in `data/labels.yaml`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text
from localgbf.index.resources import index_data_path


@cache
def _labels() -> dict[str, Any]:
    file = index_data_path("labels.yaml")
    raw = read_yaml(file)
    out: dict[str, Any] = {}
    try:
        for group, items in raw.items():
            if group in {"version", "source"}:
                continue
            if isinstance(items, dict) and "en" in items:
                out[group] = Text.model_validate(items)
            else:
                out[group] = {key: Text.model_validate(text) for key, text in items.items()}
    except (AttributeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed labels ({exc})") from exc
    return out


def label(group: str, key: str, lang: str = "en") -> str:
    """E.g. `label("scored_by", "assessor", "zh-hans")` -> '由评估人员评分'."""
    text: Text = _labels()[group][key]
    return text.get(lang)


def label_text(group: str, key: str) -> Text:
    text: Text = _labels()[group][key]
    return text


def scored_count(scored: int, count: int, lang: str = "en") -> str:
    """'18 of 28 scored', in the language asked for."""
    template: Text = _labels()["scored_count"]
    return template.get(lang).format(scored=scored, count=count)
