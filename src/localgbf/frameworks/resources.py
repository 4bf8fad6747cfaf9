"""Reading the data files shipped in `localgbf/frameworks/data/`."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from localgbf.frameworks.errors import FrameworkDataError

DATA_PACKAGE = "localgbf.frameworks"
ModelT = TypeVar("ModelT", bound=BaseModel)


def data_path(name: str) -> Path:
    """Path of a data file shipped in the package, e.g. `data_path("kmgbf.yaml")`."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath("data", name)))


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse a YAML data file, naming the file in every error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkDataError(str(path), f"cannot be read ({exc.strerror})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise FrameworkDataError(str(path), f"is not valid YAML{where}: {exc}") from exc
    if not isinstance(data, dict):
        raise FrameworkDataError(str(path), "must hold a mapping at the top level")
    return data


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_records(
    file: Path, items: Any, model: type[ModelT], kind: str, key: str = "code"
) -> list[ModelT]:
    """Validate a list of records, naming the file and the failing record in the error."""
    if not isinstance(items, list):
        raise FrameworkDataError(str(file), f"'{kind}' must be a list")
    records: list[ModelT] = []
    for index, item in enumerate(items):
        label = f"{kind}[{index}]"
        if isinstance(item, dict) and key in item:
            label += f" ({key} {item[key]})"
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}"
                for err in exc.errors()
            )
            raise FrameworkDataError(str(file), problems, label) from exc
    return records
