"""What a city brings (`SpatialInputs`) and what the indicators share (`SpatialContext`).

The context computes each intermediate product once, when the first indicator needs it: the
city grid, the class areas of the city and every zone (one pass over the raster), the
connectivity grid, and the city's vector layers in a local equal-area CRS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

from localgbf.frameworks.resources import sha256_of
from localgbf.provenance import IndicatorValue, InputFile
from localgbf.spatial.classmap import ClassMap
from localgbf.spatial.crs import local_equal_area_crs, transform_geometry, transformer
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.grid import CityGrid, densify_step, needs_metric_warp, prepare_grid
from localgbf.spatial.histogram import CodeAreas, code_areas, label_grid
from localgbf.spatial.population import people_in
from localgbf.spatial.raster import LandCover, Population, Raster
from localgbf.spatial.resources import SpatialParameters, load_parameters
from localgbf.spatial.vectors import Boundary, VectorLayer
from localgbf.spatial.zones import ZoneSet

M2_PER_HA = 10_000.0


@dataclass(frozen=True, kw_only=True, eq=False)
class SpatialInputs:
    """Everything a city may bring; indicators run when the inputs they need are present."""

    landcover: LandCover | None = None
    class_map: ClassMap | None = None
    boundary: Boundary | None = None
    subunits: ZoneSet | None = None
    protected_areas: VectorLayer | None = None
    parks: VectorLayer | None = None
    restored: VectorLayer | None = None
    degraded: VectorLayer | None = None
    barriers: VectorLayer | Raster | None = None
    population: Population | None = None
    gap_m: float | None = None

    def available(self) -> frozenset[str]:
        return frozenset(f.name for f in fields(self) if getattr(self, f.name) is not None)


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator: its number, method and the inputs it needs."""

    number: int
    method_id: str
    method_version: str
    unit: str
    requires: tuple[str, ...]
    compute: Callable[[SpatialContext], IndicatorValue]

    def missing(self, inputs: SpatialInputs) -> list[str]:
        return [name for name in self.requires if name not in inputs.available()]


def _input_file(role: str, item: Any) -> InputFile | None:
    sha = getattr(item, "sha256", None)
    if sha:
        name = getattr(item, "file_name", None) or getattr(item, "name", None) or role
        return InputFile(role=role, name=str(name), sha256=str(sha))
    path = getattr(item, "path", None)
    if path is not None:
        return InputFile(role=role, name=path.name, sha256=sha256_of(path))
    return None


class SpatialContext:
    """Intermediate results shared by the indicators of one city."""

    def __init__(
        self,
        inputs: SpatialInputs,
        *,
        params: SpatialParameters | None = None,
    ) -> None:
        self.inputs = inputs
        self.params = params or load_parameters()

    # ----- inputs ---------------------------------------------------------------------------

    def require_landcover(self) -> tuple[LandCover, ClassMap]:
        if self.inputs.landcover is None or self.inputs.class_map is None:
            raise SpatialInputError("inputs", "a land cover and a class map are needed")
        return self.inputs.landcover, self.inputs.class_map

    def input_files(self, *names: str) -> tuple[InputFile, ...]:
        out: list[InputFile] = []
        for name in names:
            item = getattr(self.inputs, name)
            if name == "subunits" and item is not None:
                item = item.layer
            if item is None:
                continue
            record = _input_file(name, item)
            if record is not None:
                out.append(record)
        return tuple(out)

    @property
    def zone_names(self) -> tuple[str, ...]:
        return self.inputs.subunits.names if self.inputs.subunits is not None else ()

    def layer_warnings(self, *names: str) -> list[str]:
        out: list[str] = []
        for name in names:
            item = getattr(self.inputs, name)
            out.extend(getattr(item, "warnings", ()) or ())
        return out

    # ----- the raster side --------------------------------------------------------------------

    @cached_property
    def grid(self) -> CityGrid:
        landcover, class_map = self.require_landcover()
        return prepare_grid(
            landcover,
            self.inputs.boundary,
            nodata_codes=class_map.nodata,
            nodata_warning_share=self.params.nodata_warning_share,
        )

    @cached_property
    def cell_labels(self) -> np.ndarray | None:
        """Per cell: 0 outside the city, 1 in the city outside any zone, i + 2 in zone i."""
        zones = self.inputs.subunits
        if zones is None:
            return self.grid.inside
        return label_grid(
            self.grid, zones.in_crs(self.grid.crs, densify=densify_step(zones.layer.crs))
        )

    @property
    def label_count(self) -> int:
        return len(self.zone_names) + 2

    @cached_property
    def code_areas(self) -> CodeAreas:
        return code_areas(self.grid, self.cell_labels, self.label_count)

    @cached_property
    def class_map_warnings(self) -> tuple[str, ...]:
        """Codes of the class map that never occur, and codes present that it does not list."""
        landcover, class_map = self.require_landcover()
        city = self.code_areas.city()
        present = {int(c) for c, a in zip(self.code_areas.codes, city, strict=True) if a > 0}
        present -= class_map.nodata
        mapped = set(class_map.codes)
        if present and not present & mapped:
            raise SpatialInputError(
                landcover.source,
                f"holds codes {sorted(present)}, none of which the class map "
                f"{class_map.id} lists (codes {sorted(mapped)}); is it the right class map?",
            )
        warnings: list[str] = []
        absent = sorted(mapped - present)
        if absent:
            warnings.append(
                f"class map {class_map.id}: code(s) {absent} never occur in {landcover.name} "
                "inside the city"
            )
        unmapped = sorted(present - mapped)
        if unmapped:
            total = float(city.sum())
            area = self.code_areas.total(city, frozenset(unmapped))
            warnings.append(
                f"{landcover.name}: code(s) {unmapped} ({100 * area / total:.2f}% of the city) "
                f"are not in class map {class_map.id}; they count as area with no role"
            )
        return tuple(warnings)

    @cached_property
    def metric_grid(self) -> CityGrid:
        """The grid for distance rules: the city grid, or its warp to a local metric grid."""
        if not needs_metric_warp(self.grid.landcover, self.params.map_scale_tolerance):
            return self.grid
        landcover, class_map = self.require_landcover()
        return prepare_grid(
            landcover,
            self.inputs.boundary,
            nodata_codes=class_map.nodata,
            metric_tolerance=self.params.map_scale_tolerance,
            nodata_warning_share=self.params.nodata_warning_share,
        )

    def role_codes(self, *roles: str) -> frozenset[int]:
        _, class_map = self.require_landcover()
        return class_map.codes_with_any_role(list(roles))

    @property
    def natural_codes(self) -> frozenset[int]:
        return self.role_codes(*self.params.natural_roles)

    # ----- the vector side --------------------------------------------------------------------

    @cached_property
    def local_crs(self) -> pyproj.CRS:
        """A Lambert azimuthal equal-area CRS centred on the city."""
        outline, crs = self._outline_source()
        centre = outline.centroid
        lon, lat = transformer(crs, pyproj.CRS.from_epsg(4326)).transform(centre.x, centre.y)
        return local_equal_area_crs(float(lon), float(lat))

    def _outline_source(self) -> tuple[BaseGeometry, Any]:
        if self.inputs.boundary is not None:
            return self.inputs.boundary.geometry, self.inputs.boundary.crs
        if self.inputs.landcover is not None:
            lc = self.inputs.landcover
            rows, cols = lc.shape
            x0, y0 = lc.transform @ (0, 0)
            x1, y1 = lc.transform @ (cols, rows)
            return shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), lc.crs
        if self.inputs.population is not None:
            pop = self.inputs.population
            rows, cols = pop.shape
            x0, y0 = pop.transform @ (0, 0)
            x1, y1 = pop.transform @ (cols, rows)
            return shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), pop.crs
        raise SpatialInputError(
            "inputs", "a boundary (or a land cover) is needed to place the city"
        )

    def to_local(self, geometry: BaseGeometry, crs: Any) -> BaseGeometry:
        return transform_geometry(geometry, crs, self.local_crs, densify=densify_step(crs))

    @cached_property
    def city_local(self) -> BaseGeometry:
        """The city outline in the local CRS (the land cover's extent without a boundary)."""
        outline, crs = self._outline_source()
        return self.to_local(outline, crs)

    @cached_property
    def zones_local(self) -> list[BaseGeometry]:
        """Each zone, clipped to the city, in the local CRS."""
        zones = self.inputs.subunits
        if zones is None:
            return []
        return [
            self.to_local(g, zones.layer.crs).intersection(self.city_local)
            for g in zones.geometries
        ]

    def layer_local(self, name: str, *, clip: bool = True) -> BaseGeometry:
        """The union of a polygon layer's features in the local CRS, clipped to the city
        unless `clip` is False."""
        layer: VectorLayer | None = getattr(self.inputs, name)
        if layer is None:
            return shapely.Polygon()
        parts = [self.to_local(g, layer.crs) for g in layer.polygons() if not g.is_empty]
        union = shapely.union_all(parts) if parts else shapely.Polygon()
        return union.intersection(self.city_local) if clip else union

    # ----- population -------------------------------------------------------------------------

    def people(self, geometry: BaseGeometry) -> tuple[float, float]:
        """(people, share of the area without population data) in a local-CRS geometry."""
        population = self.inputs.population
        if population is None:
            raise SpatialInputError("inputs", "a population raster is needed")
        return people_in(population, self.from_local(geometry, population.crs))

    @cached_property
    def city_people(self) -> float:
        population = self.inputs.population
        people, missing = self.people(self.city_local)
        if people <= 0 and population is not None:
            raise SpatialInputError(
                population.source,
                "counts nobody inside the city (does it overlap the boundary?)",
            )
        if missing > self.params.nodata_warning_share and population is not None:
            self.population_warnings.append(
                f"{missing:.1%} of the city's area has no data in {population.name}; "
                "it counts as uninhabited"
            )
        return people

    @cached_property
    def zone_people(self) -> dict[str, float]:
        return {
            name: self.people(zone)[0]
            for name, zone in zip(self.zone_names, self.zones_local, strict=True)
        }

    @cached_property
    def population_warnings(self) -> list[str]:
        return []

    def from_local(self, geometry: BaseGeometry, crs: Any) -> BaseGeometry:
        """A local-CRS geometry in `crs`, with edges split every 10 m first."""
        return transform_geometry(geometry, self.local_crs, crs, densify=10.0)

    # ----- results ----------------------------------------------------------------------------

    def value(
        self,
        spec: IndicatorSpec,
        value: float | None,
        *,
        inputs: tuple[InputFile, ...],
        details: dict[str, Any],
        zones: dict[str, float | None] | None = None,
        warnings: list[str] | tuple[str, ...] = (),
    ) -> IndicatorValue:
        return IndicatorValue(
            indicator=spec.number,
            value=None if value is None or not np.isfinite(value) else float(value),
            unit=spec.unit,
            method_id=spec.method_id,
            method_version=spec.method_version,
            inputs=inputs,
            warnings=tuple(dict.fromkeys(warnings)),
            details=details,
            zones=zones or {},
        )


def share(part: float, whole: float) -> float | None:
    """100 × part / whole, with rounding overshoots past 100 % (part ⊂ whole) removed."""
    if whole <= 0:
        return None
    return min(100.0 * part / whole, 100.0)
