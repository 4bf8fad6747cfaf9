"""Data files shipped in `localgbf/spatial/data/` and the parameters they hold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from localgbf.spatial.yamlfile import read_yaml_document

DATA_PACKAGE = "localgbf.spatial"


def data_path(*parts: str) -> Path:
    """Path of a data file shipped in the package, e.g. `data_path("roles.yaml")`."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath("data", *parts)))


@dataclass(frozen=True)
class SpatialParameters:
    """Thresholds and tolerances of the spatial methods (see `data/parameters.yaml`)."""

    version: str
    connectivity_gap_m: float
    natural_roles: tuple[str, ...]
    park_distance_m: float
    map_scale_tolerance: float
    distance_tolerance: float
    nodata_warning_share: float


@cache
def load_parameters() -> SpatialParameters:
    doc = read_yaml_document(data_path("parameters.yaml"))
    raw: dict[str, Any] = doc.data.get("parameters") or {}

    def value(name: str) -> Any:
        try:
            return raw[name]["value"]
        except (KeyError, TypeError) as exc:
            raise doc.error(("parameters", name), "missing, or has no value") from exc

    return SpatialParameters(
        version=str(doc.data.get("version")),
        connectivity_gap_m=float(value("connectivity_gap_m")),
        natural_roles=tuple(str(r) for r in value("natural_roles")),
        park_distance_m=float(value("park_distance_m")),
        map_scale_tolerance=float(value("map_scale_tolerance")),
        distance_tolerance=float(value("distance_tolerance")),
        nodata_warning_share=float(value("nodata_warning_share")),
    )
