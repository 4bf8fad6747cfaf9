"""Area of every land-cover code, for the whole city and per zone, in one pass over the grid."""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
from shapely.geometry.base import BaseGeometry

from localgbf.spatial import _kernels
from localgbf.spatial.grid import CityGrid
from localgbf.spatial.zones import zone_labels


@dataclass(frozen=True)
class CodeAreas:
    """Area (ha) of each code present, per label row.

    Row 0 is unused; row 1 is the city outside any zone; row i + 2 is zone i. `codes[j]` is
    the code of column j.
    """

    codes: np.ndarray
    area: np.ndarray

    def city(self) -> np.ndarray:
        return np.asarray(self.area[1:].sum(axis=0))

    def zone(self, index: int) -> np.ndarray:
        return np.asarray(self.area[index + 2])

    @property
    def zone_count(self) -> int:
        return int(self.area.shape[0]) - 2

    def total(self, row: np.ndarray, codes: frozenset[int]) -> float:
        mask = np.isin(self.codes, np.fromiter(codes, dtype=np.int64, count=len(codes)))
        return float(row[mask].sum())


def present_codes(array: np.ndarray) -> np.ndarray:
    """The codes that occur in a uint8/uint16 grid, sorted."""
    size = int(np.iinfo(array.dtype).max) + 1
    counts = _kernels.code_counts(array, size, numba.get_num_threads())
    return np.flatnonzero(counts)


def label_grid(grid: CityGrid, zones: list[BaseGeometry] | None) -> np.ndarray | None:
    """Row labels for `code_areas`: 0 outside the city, 1 city outside zones, i + 2 zone i.

    `zones` are in the grid's CRS. One rasterisation, then the city mask multiplied in place.
    """
    if zones is None:
        return grid.inside
    labels = zone_labels(zones, grid.shape, grid.transform, first=2, fill=1)
    if grid.inside is not None:
        np.multiply(labels, grid.inside, out=labels, casting="unsafe")
    return labels


def code_areas(grid: CityGrid, labels: np.ndarray | None, nlabels: int) -> CodeAreas:
    """Area per (label, code) over the grid; `labels` None means every cell has label 1."""
    array = grid.landcover.array
    size = int(np.iinfo(array.dtype).max) + 1
    codes = np.arange(size) if array.dtype == np.uint8 else present_codes(array)
    index = np.full(size, -1, dtype=np.int32)
    index[codes] = np.arange(codes.size, dtype=np.int32)
    lab = labels if labels is not None else np.zeros((1, 1), dtype=np.uint8)
    constant = grid.areas.constant
    if constant is not None:
        counts = _kernels.cell_counts(
            array,
            lab,
            labels is not None,
            max(nlabels, 2),
            index,
            codes.size,
            numba.get_num_threads(),
        )
        return CodeAreas(codes=codes, area=counts * constant)
    area = _kernels.area_histogram(
        array,
        lab,
        labels is not None,
        max(nlabels, 2),
        index,
        codes.size,
        grid.areas.blocks,
        grid.areas.block_rows,
        grid.areas.block_cols,
        numba.get_num_threads(),
    )
    return CodeAreas(codes=codes, area=area)
