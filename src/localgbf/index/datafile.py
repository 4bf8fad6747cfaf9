"""Reading the YAML and JSON files users bring, keeping the line of every mapping.

Errors in a user's file must name the line, so mappings are loaded as `LineDict`, which
remembers the line its first key is on. JSON is read by the same YAML parser (JSON is YAML once
the tabs that may indent it are turned into spaces; a valid JSON string never holds a raw tab),
so JSON files get line numbers too. Duplicate keys are refused instead of silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

from localgbf.index.errors import FileInputError


class LineDict(dict[str, Any]):
    """A mapping from a user's file that knows the line it starts on (1-based)."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_map(loader: _LineLoader, node: MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise ConstructorError(
                None,
                None,
                f"the key {key!r} appears twice (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    data.update({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def read_data_file(path: Path, error: type[FileInputError] = FileInputError) -> Any:
    """Parse a .yaml/.yml/.json file into LineDicts and lists, naming the file in every error."""
    suffix = path.suffix.lower()
    if suffix not in {".yaml", ".yml", ".json"}:
        raise error(str(path), f"unknown file type {suffix!r}; use .yaml, .yml or .json")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(str(path), f"cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise error(str(path), "is not UTF-8 text") from exc
    if suffix == ".json":
        text = text.replace("\t", " ")
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        kind = "JSON" if suffix == ".json" else "YAML"
        raise error(str(path), f"is not valid {kind}: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise error(str(path), f"is not valid YAML: {exc}") from exc
    except (ValueError, TypeError, OverflowError) as exc:
        raise error(str(path), f"holds a value that cannot be read ({exc})") from exc
    except RecursionError as exc:
        raise error(str(path), "is nested too deeply to be read") from exc


def line_of(data: Any, default: int | None = None) -> int | None:
    return data.line if isinstance(data, LineDict) else default
