"""Connectivity of natural areas: patches, groups within the gap rule, effective mesh size.

The rule (Singapore Index indicator 2): natural patches less than 100 m apart belong to one
group, transitively, unless a barrier separates them. "Less than 100 m apart" is the
edge-to-edge Euclidean distance between cells taken as squares, which is what buffering the
polygonised patches by 50 m and dissolving gives. Two cells at column and row offsets
(dx, dy), on cells of width w and height h (metres), are linked when

    (max(|dx| - 1, 0) · w)² + (max(|dy| - 1, 0) · h)² < gap²

(|dx| - 1 whole cells lie between them across, |dy| - 1 down). Cells that touch (8-connected)
are always linked. A group's area counts natural cells only. See docs/spatial.md.

Effective mesh size (Jaeger 2000, as the Singapore Index uses it): Σ A_g² / A_natural (ha);
coherence: Σ A_g² / A_natural² × 100 (%). With a gap of 0, groups are plain 8-connected
patches and the FRAGSTATS class-level MESH (Σ a² over the landscape's data area) is also given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numba
import numpy as np
import rasterio.warp
from pydantic import BaseModel, ConfigDict, Field
from scipy import ndimage

from localgbf.provenance import InputFile
from localgbf.spatial import _kernels
from localgbf.spatial.classmap import code_lookup
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.grid import CityGrid, densify_step, prepare_grid
from localgbf.spatial.histogram import CodeAreas, code_areas
from localgbf.spatial.progress import Progress, report
from localgbf.spatial.raster import LandCover, Raster
from localgbf.spatial.resources import load_parameters
from localgbf.spatial.vectors import Boundary, VectorLayer
from localgbf.spatial.zones import ZoneSet, zone_labels

METHOD_ID = "localgbf.spatial.connectivity"
METHOD_VERSION = "1.0"

Barriers = VectorLayer | Raster


class MeshFigures(BaseModel):
    """Connectivity of one landscape (the city, or one zone of it)."""

    model_config = ConfigDict(frozen=True)

    effective_mesh_size_ha: float | None
    coherence_pct: float | None
    natural_area_ha: float
    landscape_area_ha: float
    patches: int
    groups: int
    fragstats_mesh_ha: float | None = None


class MeshResult(MeshFigures):
    """Connectivity of the city's natural areas, with everything needed to check it."""

    gap_m: float
    cell_size_m: tuple[float, float]
    natural_codes: tuple[int, ...]
    method_id: str = METHOD_ID
    method_version: str = METHOD_VERSION
    rule: str
    warnings: tuple[str, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    zones: dict[str, MeshFigures] = Field(default_factory=dict)


def gap_reach(gap_m: float, cell_w: float, cell_h: float, tolerance: float) -> np.ndarray:
    """For each row offset k = 0, 1, ..., the largest column offset |dx| at which two cells are
    linked by the gap rule (touching cells always are)."""
    if gap_m <= 0:
        return np.array([1, 1], dtype=np.int64)
    limit = gap_m * gap_m * (1.0 - tolerance)
    reach: list[int] = []
    k = 0
    while True:
        down = (max(k - 1, 0) * cell_h) ** 2
        if not down < limit:
            break
        dx = 0
        while (dx * cell_w) ** 2 + down < limit:  # dx here counts whole cells between
            dx += 1
        reach.append(max(dx, 1) if k <= 1 else dx)
        k += 1
    return np.array(reach, dtype=np.int64)


@dataclass(frozen=True)
class Groups:
    """Patches and groups of one labelling, as arrays over patches and groups.

    With `keep_runs`, the runs and each run's group are kept too, to paint a group map.
    """

    patch_area: np.ndarray
    patch_label: np.ndarray
    group_area: np.ndarray
    group_label: np.ndarray
    runs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    run_group: np.ndarray | None = None


def find_groups(
    codes: np.ndarray,
    natural_lut: np.ndarray,
    labels: np.ndarray | None,
    reach: np.ndarray | None,
    areas_blocks: np.ndarray,
    block_rows: int,
    block_cols: int,
    *,
    keep_runs: bool = False,
) -> Groups:
    """Label 8-connected patches of natural cells, then join them into groups by `reach`.

    Cells with label 0 are left out; cells with different labels are never linked.
    """
    rows = codes.shape[0]
    use_labels = labels is not None
    lab = labels if labels is not None else np.zeros((1, 1), dtype=np.uint8)
    counts = np.empty(rows, dtype=np.int64)
    _kernels.count_runs(codes, natural_lut, lab, use_labels, counts)
    row_ptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(counts, out=row_ptr[1:])
    n = int(row_ptr[-1])
    starts = np.empty(n, dtype=np.int32)
    ends = np.empty(n, dtype=np.int32)
    run_labels = np.empty(n, dtype=lab.dtype if use_labels else np.uint8)
    _kernels.fill_runs(codes, natural_lut, lab, use_labels, row_ptr, starts, ends, run_labels)
    constant = float(areas_blocks[0, 0]) if areas_blocks.size == 1 else 0.0
    if constant > 0:
        run_area = np.zeros(1, dtype=np.float64)
    else:
        run_area = _kernels.run_areas(row_ptr, starts, ends, areas_blocks, block_rows, block_cols)
    parent = np.arange(n, dtype=np.int32)
    _kernels.link_touching(row_ptr, starts, ends, run_labels, parent, numba.get_num_threads())
    patch, npatches = _kernels.compact_roots(parent)
    del parent
    patch_area, patch_label = _kernels.set_totals(
        patch, npatches, starts, ends, run_area, constant, run_labels
    )
    del run_area
    runs = (row_ptr, starts, ends) if keep_runs else None
    if reach is None or (reach.shape[0] <= 2 and reach.max(initial=0) <= 1):
        return Groups(
            patch_area, patch_label, patch_area, patch_label, runs, patch if keep_runs else None
        )
    group_parent = _kernels.link_gap(
        row_ptr, starts, ends, run_labels, patch, npatches, reach, numba.get_num_threads()
    )
    group, ngroups = _kernels.compact_roots(group_parent)
    group_area, group_label = _kernels.merge_totals(group, ngroups, patch_area, patch_label)
    run_group = group[patch] if keep_runs else None
    return Groups(patch_area, patch_label, group_area, group_label, runs, run_group)


def _figures(
    patch_area: np.ndarray,
    group_area: np.ndarray,
    landscape_area: float,
    with_fragstats: bool,
) -> MeshFigures:
    natural = float(patch_area.sum())
    sum_sq = float(np.dot(group_area, group_area))
    mesh = sum_sq / natural if natural > 0 else None
    coherence = 100.0 * sum_sq / (natural * natural) if natural > 0 else None
    fragstats = None
    if with_fragstats and landscape_area > 0:
        fragstats = float(np.dot(patch_area, patch_area)) / landscape_area
    return MeshFigures(
        effective_mesh_size_ha=mesh,
        coherence_pct=coherence,
        natural_area_ha=natural,
        landscape_area_ha=landscape_area,
        patches=int(patch_area.size),
        groups=int(group_area.size),
        fragstats_mesh_ha=fragstats,
    )


def barrier_cells(grid: CityGrid, barriers: Barriers) -> np.ndarray:
    """Cells a barrier occupies: vector barriers by every cell they touch, raster barriers
    by any non-zero data cell falling in the cell."""
    if isinstance(barriers, VectorLayer):
        return grid.rasterize(grid.layer_geometries(barriers), all_touched=True).astype(bool)
    source = barriers.array
    marked = (source != 0) & barriers.valid_mask()
    out = np.zeros(grid.shape, dtype=np.uint8)
    rasterio.warp.reproject(
        marked.astype(np.uint8),
        out,
        src_transform=barriers.transform,
        src_crs=barriers.crs,
        dst_transform=grid.transform,
        dst_crs=grid.crs,
        resampling=rasterio.warp.Resampling.max,
    )
    return out.astype(bool)


@dataclass(frozen=True)
class GridMesh:
    """Connectivity on a prepared grid: the city, each zone, and the class areas measured."""

    city: MeshFigures
    zones: dict[str, MeshFigures]
    cell_size_m: tuple[float, float]
    warnings: list[str]
    code_areas: CodeAreas


def mesh_on_grid(
    grid: CityGrid,
    natural_codes: frozenset[int],
    *,
    gap_m: float,
    barriers: Barriers | None = None,
    zones: ZoneSet | None = None,
    progress: Progress | None = None,
) -> GridMesh:
    """Connectivity figures for the city and for each zone, on a prepared grid."""
    params = load_parameters()
    warnings: list[str] = []
    codes = grid.landcover.array
    lut = code_lookup(natural_codes, int(np.iinfo(codes.dtype).max) + 1)
    cell_w, cell_h = grid.cell_size_m()
    reach = gap_reach(gap_m, cell_w, cell_h, params.distance_tolerance) if gap_m > 0 else None
    inside = grid.inside
    regions: np.ndarray | None = None
    if barriers is not None:
        report(progress, "barriers", 0.05)
        blocked = barrier_cells(grid, barriers)
        natural_blocked = int(np.count_nonzero(blocked & lut[codes]))
        if natural_blocked:
            warnings.append(
                f"{natural_blocked} natural cell(s) under barriers are left out of the natural area"
            )
        regions, _ = ndimage.label(~blocked)
        del blocked
        if inside is not None:
            regions[inside == 0] = 0
    city_labels = regions if regions is not None else inside
    report(progress, "patches and groups", 0.1)
    groups = find_groups(
        codes,
        lut,
        city_labels,
        reach,
        grid.areas.blocks,
        grid.areas.block_rows,
        grid.areas.block_cols,
    )
    city_codes = code_areas(grid, inside, 2)
    landscape = float(city_codes.city().sum())
    city = _figures(groups.patch_area, groups.group_area, landscape, gap_m <= 0)
    per_zone: dict[str, MeshFigures] = {}
    if zones is not None:
        report(progress, "zones", 0.6)
        zlab = zone_labels(
            zones.in_crs(grid.crs, densify=densify_step(zones.layer.crs)),
            grid.shape,
            grid.transform,
        )
        if inside is not None:
            np.multiply(zlab, inside, out=zlab, casting="unsafe")
        nz = len(zones.names) + 1
        if regions is not None:
            comp = regions.astype(np.int64) * nz + zlab
            comp[zlab == 0] = 0
            zone_groups = find_groups(
                codes,
                lut,
                comp,
                reach,
                grid.areas.blocks,
                grid.areas.block_rows,
                grid.areas.block_cols,
            )
            patch_zone = zone_groups.patch_label % nz
            group_zone = zone_groups.group_label % nz
        else:
            zone_groups = find_groups(
                codes,
                lut,
                zlab,
                reach,
                grid.areas.blocks,
                grid.areas.block_rows,
                grid.areas.block_cols,
            )
            patch_zone = zone_groups.patch_label
            group_zone = zone_groups.group_label
        zone_landscape = code_areas(grid, zlab, nz).area.sum(axis=1)
        for index, name in enumerate(zones.names, start=1):
            per_zone[name] = _figures(
                zone_groups.patch_area[patch_zone == index],
                zone_groups.group_area[group_zone == index],
                float(zone_landscape[index]),
                gap_m <= 0,
            )
    report(progress, "connectivity", 1.0)
    return GridMesh(city, per_zone, (cell_w, cell_h), warnings, city_codes)


def effective_mesh(
    landcover: LandCover,
    natural_codes: Iterable[int],
    *,
    gap_m: float | None = None,
    boundary: Boundary | None = None,
    barriers: Barriers | None = None,
    zones: ZoneSet | None = None,
    nodata_codes: frozenset[int] = frozenset(),
    progress: Progress | None = None,
) -> MeshResult:
    """Effective mesh size and coherence of the natural codes of `landcover`.

    `gap_m` defaults to the Singapore Index's 100 m; 0 gives plain 8-connected patches (and
    the FRAGSTATS class-level MESH). The tool behind `localgbf spatial mesh`.
    """
    params = load_parameters()
    gap = params.connectivity_gap_m if gap_m is None else float(gap_m)
    if gap < 0:
        raise SpatialInputError("gap_m", f"must be zero or more, not {gap:g}")
    codes = frozenset(int(c) for c in natural_codes)
    if not codes:
        raise SpatialInputError("natural codes", "give at least one land-cover code")
    report(progress, "reading the grid", 0.0)
    grid = prepare_grid(
        landcover,
        boundary,
        nodata_codes=nodata_codes,
        metric_tolerance=params.map_scale_tolerance if gap > 0 else None,
        nodata_warning_share=params.nodata_warning_share,
    )
    _check_code_range(grid, codes)
    measured = mesh_on_grid(
        grid, codes, gap_m=gap, barriers=barriers, zones=zones, progress=progress
    )
    warnings = list(grid.warnings)
    warnings.extend(_check_codes_present(grid, codes, measured.code_areas))
    warnings.extend(measured.warnings)
    if zones is not None:
        warnings.extend(zones.warnings)
    inputs = [InputFile(role="landcover", name=landcover.name, sha256=landcover.sha256 or "")]
    if boundary is not None and boundary.sha256:
        inputs.append(InputFile(role="boundary", name=boundary.name, sha256=boundary.sha256))
    if barriers is not None and barriers.sha256:
        inputs.append(InputFile(role="barriers", name=barriers.name, sha256=barriers.sha256))
    if zones is not None and zones.layer.sha256:
        inputs.append(InputFile(role="subunits", name=zones.layer.name, sha256=zones.layer.sha256))
    return MeshResult(
        **measured.city.model_dump(),
        gap_m=gap,
        cell_size_m=measured.cell_size_m,
        natural_codes=tuple(sorted(codes)),
        rule=rule_text(gap),
        warnings=tuple(warnings),
        inputs=tuple(i for i in inputs if i.sha256),
        zones=measured.zones,
    )


def rule_text(gap_m: float) -> str:
    if gap_m <= 0:
        return "8-connected patches of natural cells; no gap rule"
    return (
        f"8-connected patches, joined transitively when the edge-to-edge distance between "
        f"cells taken as squares is less than {gap_m:g} m; barriers cut links"
    )


def _check_code_range(grid: CityGrid, codes: frozenset[int]) -> None:
    array = grid.landcover.array
    size = int(np.iinfo(array.dtype).max) + 1
    bad = sorted(c for c in codes if c >= size)
    if bad:
        raise SpatialInputError(
            grid.source.source,
            f"stores codes 0-{size - 1} ({array.dtype}), so code(s) {bad} cannot occur in it",
        )


def _check_codes_present(grid: CityGrid, codes: frozenset[int], areas: CodeAreas) -> list[str]:
    """Warn about natural codes absent from the measured cells; fail when none is present."""
    present = {int(c) for c, a in zip(areas.codes, areas.city(), strict=True) if a > 0}
    absent = sorted(codes - present)
    if len(absent) == len(codes):
        raise SpatialInputError(
            grid.source.source,
            f"holds none of the natural code(s) {sorted(codes)} where measured; "
            f"the codes present are {sorted(present)}",
        )
    if absent:
        return [f"natural code(s) {absent} never occur in {grid.source.name}"]
    return []


@dataclass(frozen=True, eq=False)
class GroupMap:
    """Each natural cell's group (1..n; 0 = not natural or not counted) on the grid used."""

    groups: np.ndarray
    patches: np.ndarray
    group_area_ha: np.ndarray
    grid: CityGrid


def group_map(
    landcover: LandCover,
    natural_codes: Iterable[int],
    *,
    gap_m: float | None = None,
    boundary: Boundary | None = None,
    barriers: Barriers | None = None,
    nodata_codes: frozenset[int] = frozenset(),
) -> GroupMap:
    """The patches and groups of `effective_mesh` as rasters, e.g. for a map of groups."""
    params = load_parameters()
    gap = params.connectivity_gap_m if gap_m is None else float(gap_m)
    grid = prepare_grid(
        landcover,
        boundary,
        nodata_codes=nodata_codes,
        metric_tolerance=params.map_scale_tolerance if gap > 0 else None,
    )
    codes = grid.landcover.array
    lut = code_lookup(frozenset(natural_codes), int(np.iinfo(codes.dtype).max) + 1)
    cell_w, cell_h = grid.cell_size_m()
    reach = gap_reach(gap, cell_w, cell_h, params.distance_tolerance) if gap > 0 else None
    labels = grid.inside
    if barriers is not None:
        regions, _ = ndimage.label(~barrier_cells(grid, barriers))
        if labels is not None:
            regions[labels == 0] = 0
        labels = regions
    areas = grid.areas
    patches = find_groups(
        codes, lut, labels, None, areas.blocks, areas.block_rows, areas.block_cols, keep_runs=True
    )
    groups = find_groups(
        codes, lut, labels, reach, areas.blocks, areas.block_rows, areas.block_cols, keep_runs=True
    )
    assert patches.runs is not None and patches.run_group is not None
    assert groups.runs is not None and groups.run_group is not None
    return GroupMap(
        groups=_kernels.paint_runs(*groups.runs, groups.run_group + 1, grid.shape[1]),
        patches=_kernels.paint_runs(*patches.runs, patches.run_group + 1, grid.shape[1]),
        group_area_ha=groups.group_area,
        grid=grid,
    )
