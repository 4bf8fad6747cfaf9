"""Writing polygons to a vector file that every reader of `spatial.vectors` opens.

FlatGeobuf keeps coordinates as full doubles and the CRS exactly, and writes no timestamp, so
the same geometries always give the same bytes (and the same checksum in provenance).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import shapely
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.crs import CrsLike, to_pyproj

DRIVER = "FlatGeobuf"
SUFFIX = ".fgb"


def _multipolygon(geometry: BaseGeometry) -> shapely.MultiPolygon:
    """Every polygon of `geometry` (lines and points of a collection dropped)."""
    polygons: list[shapely.Polygon] = []
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            polygons.extend(_multipolygon(part).geoms)
    return shapely.MultiPolygon(polygons)


def write_polygons(
    path: str | Path,
    geometries: Sequence[BaseGeometry],
    crs: CrsLike,
    fields: Mapping[str, Sequence[Any]] | None = None,
) -> Path:
    """Write `geometries` (all as MultiPolygon) with text `fields` to a FlatGeobuf file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    multi = [_multipolygon(g) for g in geometries]
    columns = dict(fields or {})
    target.unlink(missing_ok=True)
    pyogrio.raw.write(
        target,
        geometry=np.array([shapely.to_wkb(g) for g in multi], dtype=object),
        field_data=[
            np.array([str(v) for v in values], dtype=object) for values in columns.values()
        ],
        fields=list(columns),
        driver=DRIVER,
        geometry_type="MultiPolygon",
        crs=to_pyproj(crs).to_wkt(),
        SPATIAL_INDEX="NO",
    )
    return target
