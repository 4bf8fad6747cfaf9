"""Connectivity: patches, the exact 100 m gap rule, barriers, zones, FRAGSTATS golden values."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import shapely
from affine import Affine
from rasterio.crs import CRS
from scipy import ndimage

from localgbf.spatial.connectivity import effective_mesh, gap_reach, group_map
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.raster import LandCover, Raster, open_landcover
from localgbf.spatial.vectors import Boundary, VectorLayer
from localgbf.spatial.zones import ZoneSet
from spatial.builders import LAEA, ORIGIN, cell_box, landcover

NATURAL = 1
OTHER = 2
AUGUSTA = "landcover/augusta_nlcd/augusta_nlcd_2011.tif"


def pair(across: int, down: int, size: int = 40) -> np.ndarray:
    array = np.full((size, size), OTHER, dtype=np.uint8)
    array[2, 2] = NATURAL
    array[2 + down + (1 if down else 0), 2 + across + 1] = NATURAL
    return array


def test_gap_reach_at_10_m_is_the_hand_counted_table() -> None:
    """At 10 m cells and a 100 m gap, two cells k rows apart (k - 1 whole rows between)
    are linked up to |dx| columns apart, where (|dx| - 1)·10 and (k - 1)·10 are the gaps:
    k = 0, 1: 9 cells (90 m) between -> |dx| ≤ 10; k = 6: 50 m down leaves
    sqrt(100² - 50²) = 86.6 m across -> 8 cells -> |dx| ≤ 9; k = 10: 90 m down leaves
    43.6 m -> 4 cells -> |dx| ≤ 5; k = 11: 100 m down is not < 100 m."""
    assert gap_reach(100, 10, 10, 1e-9).tolist() == [10, 10, 10, 10, 10, 10, 9, 8, 8, 6, 5]


def test_gap_reach_at_30_m_is_the_hand_counted_table() -> None:
    """At 30 m: k ≤ 2: 3 cells (90 m) across -> |dx| ≤ 4; k = 3 (60 m down): 3 cells give
    sqrt(90² + 60²) = 108 m, 2 cells 84.9 m -> |dx| ≤ 3; k = 4 (90 m down): 1 cell gives
    94.9 m -> |dx| ≤ 2; k = 5: 120 m down."""
    assert gap_reach(100, 30, 30, 1e-9).tolist() == [4, 4, 4, 3, 2]


@pytest.mark.parametrize(
    ("cell", "across", "down", "linked"),
    [
        (10, 9, 0, True),  # 90 m
        (10, 10, 0, False),  # exactly 100 m is not less than 100 m
        (10, 11, 0, False),  # 110 m
        (10, 0, 9, True),  # 90 m vertically
        (10, 0, 10, False),  # 100 m vertically
        (10, 6, 7, True),  # sqrt(60² + 70²) = 92.2 m
        (10, 7, 7, True),  # 99.0 m
        (10, 6, 8, False),  # sqrt(60² + 80²) = 100 m exactly
        (10, 8, 6, False),  # 100 m exactly
        (10, 7, 8, False),  # 106.3 m
        (30, 3, 0, True),  # 90 m
        (30, 4, 0, False),  # 120 m
        (30, 3, 1, True),  # sqrt(90² + 30²) = 94.9 m
        (30, 1, 3, True),  # 94.9 m
        (30, 2, 3, False),  # sqrt(60² + 90²) = 108.2 m
        (30, 3, 2, False),  # 108.2 m
        (30, 0, 0, True),  # diagonal neighbours touch at a corner
    ],
)
def test_two_cells_are_linked_exactly_when_their_edges_are_less_than_100_m_apart(
    cell: int, across: int, down: int, linked: bool
) -> None:
    array = pair(across, down)
    result = effective_mesh(landcover(array, cell=cell), [NATURAL], gap_m=100)
    assert result.patches == (1 if (across, down) == (0, 0) else 2)
    assert result.groups == (1 if linked else 2)


def buffer_dissolve_groups(
    natural: np.ndarray, cell: tuple[float, float], gap: float
) -> np.ndarray:
    """What a GIS analyst does: cells as squares, buffered by just under half the gap (so that
    edges exactly `gap` apart stay apart, as "less than" requires), dissolved; each natural
    cell takes the label of the dissolved polygon it lies in."""
    width, height = cell
    rows, cols = np.nonzero(natural)
    boxes = shapely.box(cols * width, -(rows + 1) * height, (cols + 1) * width, -rows * height)
    merged = shapely.union_all(shapely.buffer(boxes, gap / 2 - 1e-6, quad_segs=64))
    parts = list(shapely.get_parts(merged))
    labels = np.zeros(natural.shape, dtype=np.int64)
    centres = shapely.points((cols + 0.5) * width, -(rows + 0.5) * height)
    for index, part in enumerate(parts, start=1):
        inside = shapely.contains(part, centres)
        labels[rows[inside], cols[inside]] = index
    return labels


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """True when the non-zero labels of a and b split the cells in the same way."""
    if not np.array_equal(a > 0, b > 0):
        return False
    pairs = {(int(x), int(y)) for x, y in zip(a[a > 0], b[b > 0], strict=True)}
    return len(pairs) == len({x for x, _ in pairs}) == len({y for _, y in pairs})


def random_landscape(
    seed: int, shape: tuple[int, int] = (36, 36), share: float = 0.55
) -> np.ndarray:
    """Clumps of natural cells: smoothed noise thresholded, with holes and specks."""
    rng = np.random.default_rng(seed)
    field = ndimage.gaussian_filter(rng.standard_normal(shape), 1.2) + 0.35 * rng.standard_normal(
        shape
    )
    threshold = np.quantile(field, share + 0.3)
    return np.where(field > threshold, NATURAL, OTHER).astype(np.uint8)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("cell", [(10.0, 10.0), (30.0, 30.0), (10.0, 12.5)])
def test_groups_equal_those_of_buffering_by_half_the_gap_and_dissolving(
    seed: int, cell: tuple[float, float]
) -> None:
    array = random_landscape(seed)
    result = group_map(landcover(array, cell=cell), [NATURAL], gap_m=100)
    expected = buffer_dissolve_groups(array == NATURAL, cell, 100.0)
    assert same_partition(result.groups, expected)


@pytest.mark.parametrize("seed", range(4))
def test_patches_are_the_8_connected_components(seed: int) -> None:
    array = random_landscape(seed, share=0.3)
    result = group_map(landcover(array), [NATURAL], gap_m=0)
    expected, _ = ndimage.label(array == NATURAL, structure=np.ones((3, 3)))
    assert same_partition(result.patches, expected)
    assert same_partition(result.groups, expected)


def test_mesh_and_coherence_of_a_hand_worked_landscape() -> None:
    """10 m cells (0.01 ha). A 3-cell patch and a 1-cell patch 200 m away: two groups of
    0.03 and 0.01 ha; natural area 0.04 ha. Σ A² = 0.0009 + 0.0001 = 0.001 ha²;
    mesh = 0.001 / 0.04 = 0.025 ha; coherence = 0.001 / 0.04² = 62.5 %.
    The landscape is 30 × 30 cells = 9 ha, so FRAGSTATS MESH = 0.001 / 9 ha."""
    array = np.full((30, 30), OTHER, dtype=np.uint8)
    array[1, 1:4] = NATURAL
    array[1, 25] = NATURAL
    result = effective_mesh(landcover(array), [NATURAL], gap_m=100)
    assert result.groups == 2
    assert result.natural_area_ha == pytest.approx(0.04)
    assert result.effective_mesh_size_ha == pytest.approx(0.025)
    assert result.coherence_pct == pytest.approx(62.5)
    plain = effective_mesh(landcover(array), [NATURAL], gap_m=0)
    assert plain.fragstats_mesh_ha == pytest.approx(0.001 / 9.0)


def test_nodata_cells_are_not_part_of_the_landscape_area() -> None:
    """Half of a 10 × 10 grid of 10 m cells is nodata (255): the landscape is 0.5 ha, not 1."""
    array = np.full((10, 10), OTHER, dtype=np.uint8)
    array[:, 5:] = 255
    array[0, 0] = NATURAL
    result = effective_mesh(landcover(array, nodata=255), [NATURAL], gap_m=0)
    assert result.landscape_area_ha == pytest.approx(0.5)
    assert result.fragstats_mesh_ha == pytest.approx(0.01**2 / 0.5)


def fragstats_rows(shared_data: Path) -> list[dict[str, str]]:
    path = shared_data / "landcover/augusta_nlcd/fragstats_augusta_nlcd_class.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_patches_and_mesh_equal_fragstats_for_every_augusta_class(shared_data: Path) -> None:
    """Golden values: FRAGSTATS 4 class-level NP and MESH (ha, printed to 4 decimals) on the
    NLCD 2011 Augusta raster, as published with landscapemetrics."""
    raster = open_landcover(shared_data / AUGUSTA)
    rows = fragstats_rows(shared_data)
    assert len(rows) == 15
    for row in rows:
        code = int(row["TYPE"].rsplit("_", 1)[-1])
        result = effective_mesh(raster, [code], gap_m=0)
        assert result.patches == int(float(row["NP"])), code
        assert result.fragstats_mesh_ha == pytest.approx(float(row["MESH"]), abs=5e-5), code
        assert result.natural_area_ha == pytest.approx(float(row["CA"]), abs=5e-3), code


def test_augusta_forest_coherence_is_59_percent_where_the_dilation_shortcut_gives_21(
    shared_data: Path,
) -> None:
    """Deciduous + mixed forest (41, 43) at 30 m. Dilating by a 50 m disk of cell centres and
    labelling joins only gaps up to 60 m and gives 21.5 %; the edge-to-edge rule gives 58.7 %."""
    raster = open_landcover(shared_data / AUGUSTA)
    result = effective_mesh(raster, [41, 43], gap_m=100)
    assert result.coherence_pct == pytest.approx(58.73, abs=0.01)
    natural = np.isin(raster.array, [41, 43])
    radius = 50 / 30
    yy, xx = np.mgrid[-2:3, -2:3]
    dilated = ndimage.binary_dilation(natural, structure=xx**2 + yy**2 <= radius**2)
    labels, count = ndimage.label(dilated, structure=np.ones((3, 3)))
    areas = np.bincount(labels[natural], minlength=count + 1)[1:] * 0.09
    shortcut = 100 * float((areas**2).sum()) / (natural.sum() * 0.09) ** 2
    assert shortcut == pytest.approx(21.48, abs=0.01)


def blocks_with_gap(gap_cells: int) -> np.ndarray:
    """Two 5 × 5 natural blocks side by side, `gap_cells` cells apart."""
    array = np.full((20, 20 + gap_cells), OTHER, dtype=np.uint8)
    array[5:10, 2:7] = NATURAL
    array[5:10, 7 + gap_cells : 12 + gap_cells] = NATURAL
    return array


def test_a_barrier_line_between_two_close_patches_cuts_their_link() -> None:
    """Blocks 50 m apart are one group; a road drawn between them from the top to the bottom
    of the grid separates them."""
    array = blocks_with_gap(5)
    x = ORIGIN[0] + 9.5 * 10
    road = shapely.LineString([(x, ORIGIN[1] + 5), (x, ORIGIN[1] - 300)])
    barriers = VectorLayer(geometries=(road,), attributes=({},), crs=LAEA)
    assert effective_mesh(landcover(array), [NATURAL]).groups == 1
    cut = effective_mesh(landcover(array), [NATURAL], barriers=barriers)
    assert cut.groups == 2
    assert cut.natural_area_ha == pytest.approx(0.5)


def test_a_barrier_that_does_not_separate_the_patches_leaves_them_linked() -> None:
    array = blocks_with_gap(5)
    stub = shapely.LineString(
        [(ORIGIN[0] + 95, ORIGIN[1] - 150), (ORIGIN[0] + 95, ORIGIN[1] - 190)]
    )
    barriers = VectorLayer(geometries=(stub,), attributes=({},), crs=LAEA)
    assert effective_mesh(landcover(array), [NATURAL], barriers=barriers).groups == 1


def test_a_raster_barrier_cuts_links_like_a_vector_one() -> None:
    array = blocks_with_gap(5)
    wall = np.zeros(array.shape, dtype=np.uint8)
    wall[:, 9] = 1
    land = landcover(array)
    barriers = Raster(array=wall, transform=land.transform, crs=land.crs, nodata=None)
    assert effective_mesh(land, [NATURAL], barriers=barriers).groups == 2


def test_each_zone_is_measured_as_its_own_landscape() -> None:
    """Two zones split the grid between the blocks: each holds one block of 0.25 ha, so each
    has one group and coherence 100 %; the city as a whole has one group too."""
    array = blocks_with_gap(5)
    left = cell_box(0, 0, rows=20, cols=9)
    right = cell_box(0, 9, rows=20, cols=16)
    layer = VectorLayer(
        geometries=(left, right), attributes=({"name": "west"}, {"name": "east"}), crs=LAEA
    )
    result = effective_mesh(landcover(array), [NATURAL], zones=ZoneSet.from_layer(layer, "name"))
    assert result.groups == 1
    assert set(result.zones) == {"west", "east"}
    for figures in result.zones.values():
        assert figures.groups == 1
        assert figures.natural_area_ha == pytest.approx(0.25)
        assert figures.coherence_pct == pytest.approx(100.0)


def test_cells_outside_the_boundary_are_left_out() -> None:
    array = blocks_with_gap(5)
    boundary = Boundary(geometry=cell_box(0, 0, rows=20, cols=9), crs=LAEA)
    result = effective_mesh(landcover(array), [NATURAL], boundary=boundary)
    assert result.natural_area_ha == pytest.approx(0.25)
    assert result.groups == 1


def test_a_geographic_raster_is_warped_to_metres_before_the_gap_rule() -> None:
    """The same two blocks, 50 m apart, stored in degrees near 45° N: still one group."""
    array = blocks_with_gap(5)
    # ~10 m cells at 45° N: 1e-4° of latitude = 11.1 m; 1.4e-4° of longitude = 11.0 m.
    land = LandCover(
        array=array,
        transform=Affine(1.4e-4, 0, 7.0, 0, -1e-4, 45.0),
        crs=CRS.from_epsg(4326),
        nodata=None,
    )
    result = effective_mesh(land, [NATURAL], gap_m=100)
    assert result.groups == 1
    assert any("warped" in w for w in result.warnings)
    assert result.natural_area_ha == pytest.approx(50 * 11.1 * 11.0 / 1e4, rel=0.02)


def test_a_negative_gap_is_refused() -> None:
    with pytest.raises(SpatialInputError, match="gap_m: must be zero or more"):
        effective_mesh(landcover(blocks_with_gap(1)), [NATURAL], gap_m=-1)


def test_natural_codes_absent_from_the_raster_are_refused() -> None:
    with pytest.raises(SpatialInputError, match=r"holds none of the natural code\(s\) \[7\]"):
        effective_mesh(landcover(blocks_with_gap(1)), [7])


def test_natural_codes_beyond_the_raster_type_are_refused() -> None:
    with pytest.raises(SpatialInputError, match=r"code\(s\) \[300\] cannot occur"):
        effective_mesh(landcover(blocks_with_gap(1)), [300])


def test_a_boundary_that_does_not_overlap_the_raster_is_refused() -> None:
    away = Boundary(geometry=shapely.box(100, 10, 101, 11), crs="EPSG:4326")
    with pytest.raises(SpatialInputError, match="does not overlap the land cover"):
        effective_mesh(landcover(blocks_with_gap(1)), [NATURAL], boundary=away)
