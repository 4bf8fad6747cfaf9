"""Reading the data files shipped in `localgbf/frameworks/data/`."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from localgbf.frameworks.errors import FrameworkDataError

DATA_PACKAGE = "localgbf.frameworks"


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
