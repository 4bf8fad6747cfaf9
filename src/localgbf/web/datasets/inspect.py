"""Which header reader describes which kind of dataset."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from localgbf.spatial.describe import describe_raster, describe_vector

RASTER_KINDS = {"landcover", "population", "canopy"}
VECTOR_KINDS = {"boundary", "subunits", "protected", "parks", "restored", "degraded"}

Describer = Callable[[Path, str], dict[str, Any]]


def _barriers(path: Path, name: str) -> dict[str, Any]:
    if path.suffix.lower() in (".tif", ".tiff"):
        return describe_raster(path, name)
    return describe_vector(path, name)


def describer_for(kind: str) -> Describer | None:
    if kind in RASTER_KINDS:
        return describe_raster
    if kind in VECTOR_KINDS:
        return describe_vector
    if kind == "barriers":
        return _barriers
    return None
