"""Data files shipped in `localgbf/index/data/` (rules, labels, input forms)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def index_data_path(name: str) -> Path:
    return Path(str(resources.files("localgbf.index").joinpath("data", name)))
