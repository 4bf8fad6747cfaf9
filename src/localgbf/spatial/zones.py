"""Sub-units (districts, wards) of a city, and their cells on a grid."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import rasterio.features
import shapely
from shapely.geometry.base import BaseGeometry

from localgbf.spatial.crs import transform_geometries
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.vectors import VectorLayer, read_layer


@dataclass(frozen=True, eq=False)
class ZoneSet:
    """Named zones; features sharing a name are merged into one zone."""

    names: tuple[str, ...]
    layer: VectorLayer
    field_name: str
    geometries: tuple[BaseGeometry, ...]
    warnings: tuple[str, ...] = field(default=())

    @classmethod
    def from_layer(cls, layer: VectorLayer, field_name: str) -> ZoneSet:
        values = layer.values(field_name)
        grouped: dict[str, list[BaseGeometry]] = {}
        for index, (value, geometry) in enumerate(zip(values, layer.polygons(), strict=True)):
            if value is None or str(value).strip() == "":
                raise SpatialInputError(
                    layer.source, f"field {field_name!r} is empty", f"feature {index + 1}"
                )
            grouped.setdefault(str(value), []).append(geometry)
        if not grouped:
            raise SpatialInputError(layer.source, "holds no zones")
        names = tuple(grouped)
        geometries = tuple(shapely.union_all(parts) for parts in grouped.values())
        warnings = list(layer.warnings)
        total = sum(g.area for g in geometries)
        union = shapely.union_all(list(geometries)).area
        if total > 0 and (total - union) / total > 0.001:
            warnings.append(
                f"{layer.name}: zones overlap ({(total - union) / total:.1%} of their area); "
                "a cell in several zones counts for the last one listed"
            )
        return cls(
            names=names,
            layer=layer,
            field_name=field_name,
            geometries=geometries,
            warnings=tuple(warnings),
        )

    def in_crs(self, crs: object, densify: float | None = None) -> list[BaseGeometry]:
        return transform_geometries(self.geometries, self.layer.crs, crs, densify=densify)


def zone_labels(
    geometries: list[BaseGeometry],
    shape: tuple[int, int],
    transform: object,
    *,
    first: int = 1,
    fill: int = 0,
) -> np.ndarray:
    """Cell labels: `fill` outside every zone, `first` + i inside zone i (cell-centre rule)."""
    top = first + len(geometries)
    dtype = "uint8" if top < 255 else ("uint16" if top < 65535 else "int32")
    shapes = [(g, first + i) for i, g in enumerate(geometries) if not g.is_empty]
    if not shapes:
        return np.full(shape, fill, dtype=dtype)
    return rasterio.features.rasterize(
        shapes, out_shape=shape, transform=transform, fill=fill, dtype=dtype
    )


def read_zones(path: str | Path, field_name: str, layer: str | None = None) -> ZoneSet:
    """Read sub-units from a vector file, named by `field_name`."""
    return ZoneSet.from_layer(read_layer(path, layer), field_name)
