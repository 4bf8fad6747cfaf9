"""YAML files written by people (class maps, recipes): parsed with the line of every value.

A person who wrote a file needs to know *where* it is wrong. `read_yaml_document` keeps, for
every mapping key and list item, the line it starts on, so that a validation error on
`("species", "occurrences", 2)` can say "line 17".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from localgbf.spatial.errors import SpatialInputError

Location = tuple[str, ...]


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML mapping and the 1-based line of each value, keyed by its path."""

    path: Path
    data: dict[str, Any]
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[object]) -> int | None:
        """The line of the deepest known value on the path `loc`."""
        parts = tuple(str(p) for p in loc)
        for end in range(len(parts), -1, -1):
            line = self.lines.get(parts[:end])
            if line is not None:
                return line
        return None

    def where(self, loc: Sequence[object]) -> str:
        dotted = ".".join(str(p) for p in loc) or "top level"
        line = self.line_of(loc)
        return f"line {line}, {dotted}" if line is not None else dotted

    def error(self, loc: Sequence[object], problem: str) -> SpatialInputError:
        return SpatialInputError(str(self.path), problem, self.where(loc))

    def validation_error(self, exc: ValidationError) -> SpatialInputError:
        """The first problem pydantic found, named with its line."""
        first = exc.errors()[0]
        loc = tuple(p for p in first["loc"] if not str(p).startswith("function-"))
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (check its spelling against the documentation)"
        elif first["type"] == "missing":
            message = "this key is required"
        extra = len(exc.errors()) - 1
        if extra:
            message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
        return self.error(loc, message)


def _collect_lines(node: yaml.Node, loc: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1
            _collect_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*loc, str(index)), lines)


def read_yaml_document(path: str | Path) -> YamlDocument:
    """Parse a YAML file whose top level is a mapping, keeping the line of every value."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SpatialInputError(str(p), "file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SpatialInputError(str(p), f"cannot be read as UTF-8 text ({exc})") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpatialInputError(str(p), f"is not valid YAML: {problem}", where) from exc
    if not isinstance(data, dict) or node is None:
        raise SpatialInputError(str(p), "must hold a mapping (key: value lines) at the top level")
    lines: dict[Location, int] = {}
    _collect_lines(node, (), lines)
    return YamlDocument(path=p, data=data, lines=lines)
