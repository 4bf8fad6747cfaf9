"""Reading vector layers (GeoPackage, GeoJSON, Shapefile) through pyogrio.

Geometries are repaired with `shapely.make_valid` when invalid (the Monaco boundary
self-intersects, as real boundaries often do); each repair is reported in the layer's
`warnings`, which every indicator computed from it carries on.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import pyogrio.errors
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

from localgbf.frameworks.limits import zip_problem
from localgbf.frameworks.resources import sha256_of
from localgbf.spatial.crs import to_pyproj, transform_geometry
from localgbf.spatial.errors import SpatialInputError

POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass(frozen=True, eq=False)
class VectorLayer:
    """Geometries with their attributes and CRS, as read from one layer of a file."""

    geometries: tuple[BaseGeometry, ...]
    attributes: tuple[dict[str, Any], ...]
    crs: pyproj.CRS
    path: Path | None = None
    sha256: str | None = None
    layer: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "<layer>"

    @property
    def source(self) -> str:
        return str(self.path) if self.path is not None else "<layer>"

    def __len__(self) -> int:
        return len(self.geometries)

    def fields(self) -> list[str]:
        return list(self.attributes[0]) if self.attributes else []

    def values(self, field_name: str) -> list[Any]:
        if self.attributes and field_name not in self.attributes[0]:
            raise SpatialInputError(
                self.source,
                f"has no field {field_name!r}; its fields are {', '.join(self.fields())}",
            )
        return [row.get(field_name) for row in self.attributes]

    def polygons(self) -> list[BaseGeometry]:
        """The polygonal part of every geometry (lines and points dropped)."""
        return [_polygonal_part(g) for g in self.geometries]

    def union(self) -> BaseGeometry:
        return shapely.union_all(self.polygons())

    def to_crs(self, crs: Any, *, densify: float | None = None) -> VectorLayer:
        target = to_pyproj(crs)
        moved = tuple(
            transform_geometry(g, self.crs, target, densify=densify) for g in self.geometries
        )
        return VectorLayer(
            geometries=moved,
            attributes=self.attributes,
            crs=target,
            path=self.path,
            sha256=self.sha256,
            layer=self.layer,
            warnings=self.warnings,
        )


@dataclass(frozen=True, eq=False)
class Boundary:
    """The outline of a city (all features of the layer dissolved into one geometry)."""

    geometry: BaseGeometry
    crs: pyproj.CRS
    path: Path | None = None
    sha256: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "<boundary>"

    @property
    def source(self) -> str:
        return str(self.path) if self.path is not None else "<boundary>"

    def to_crs(self, crs: Any, *, densify: float | None = None) -> BaseGeometry:
        return transform_geometry(self.geometry, self.crs, to_pyproj(crs), densify=densify)


def _polygonal_part(geometry: BaseGeometry) -> BaseGeometry:
    if geometry.geom_type in POLYGONAL:
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def check_zip(path: Path, name: str) -> None:
    """Refuse a zipped layer that would inflate too far (see `frameworks.limits`)."""
    if path.is_file() and zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                problem = zip_problem(archive)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SpatialInputError(name, f"is a damaged zip archive ({exc})") from exc
        if problem is not None:
            raise SpatialInputError(name, problem)


def read_layer(path: str | Path, layer: str | None = None) -> VectorLayer:
    """Read one layer of a GeoPackage, GeoJSON or Shapefile, repairing invalid geometries."""
    p = Path(path)
    if not p.exists():
        raise SpatialInputError(str(p), "file not found")
    check_zip(p, str(p))
    try:
        layers = pyogrio.list_layers(p)
        if layer is None and len(layers) > 1:
            listed = ", ".join(str(row[0]) for row in layers)
            raise SpatialInputError(str(p), f"has {len(layers)} layers ({listed}); name one")
        meta, _fids, wkb, field_data = pyogrio.raw.read(p, layer=layer)
    except SpatialInputError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise SpatialInputError(str(p), f"cannot be read as a vector layer: {exc}") from exc
    except Exception as exc:  # GDAL reports truncated files through several exception types
        raise SpatialInputError(str(p), f"cannot be read as a vector layer: {exc}") from exc
    if meta.get("crs") is None:
        raise SpatialInputError(
            str(p), "has no coordinate reference system (CRS); save it with one (e.g. EPSG:4326)"
        )
    crs = pyproj.CRS.from_user_input(meta["crs"])
    names = [str(n) for n in meta["fields"]]
    rows = [
        {name: _plain(column[i]) for name, column in zip(names, field_data, strict=True)}
        for i in range(len(wkb))
    ]
    geometries: list[BaseGeometry] = []
    attributes: list[dict[str, Any]] = []
    skipped = 0
    repaired: list[str] = []
    for index, blob in enumerate(wkb):
        if blob is None:
            skipped += 1
            continue
        try:
            geometry = shapely.from_wkb(blob)
        except shapely.errors.ShapelyError as exc:  # e.g. a ring whose last point is not its first
            raise SpatialInputError(
                str(p), f"feature {index + 1} has a geometry that cannot be built: {exc}"
            ) from exc
        if geometry.is_empty:
            skipped += 1
            continue
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            geometry = shapely.make_valid(geometry)
            repaired.append(f"feature {index + 1} ({reason})")
        geometries.append(geometry)
        attributes.append(rows[index])
    warnings: list[str] = []
    if repaired:
        shown = "; ".join(repaired[:3]) + ("; ..." if len(repaired) > 3 else "")
        warnings.append(
            f"{p.name}: {len(repaired)} invalid geometr{'y' if len(repaired) == 1 else 'ies'} "
            f"repaired with make_valid: {shown}"
        )
    if skipped:
        warnings.append(f"{p.name}: {skipped} feature(s) without geometry ignored")
    return VectorLayer(
        geometries=tuple(geometries),
        attributes=tuple(attributes),
        crs=crs,
        path=p,
        sha256=sha256_of(p),
        layer=layer,
        warnings=tuple(warnings),
    )


def read_boundary(path: str | Path, layer: str | None = None) -> Boundary:
    """Read a city boundary: every polygon in the layer, dissolved into one geometry."""
    source = read_layer(path, layer)
    if not len(source):
        raise SpatialInputError(source.source, "holds no features, so it has no boundary")
    geometry = source.union()
    if geometry.is_empty or geometry.area == 0:
        raise SpatialInputError(
            source.source, "holds no polygon; a boundary must be a Polygon or MultiPolygon"
        )
    return Boundary(
        geometry=geometry,
        crs=source.crs,
        path=source.path,
        sha256=source.sha256,
        warnings=source.warnings,
    )


def _plain(value: Any) -> Any:
    """numpy scalars to Python values, so attributes serialise as JSON."""
    if isinstance(value, np.generic):
        return value.item()
    return value
