"""Points in land-cover roles (for the species indicators)."""

from __future__ import annotations

import numpy as np
import pyproj

from localgbf.spatial.classmap import load_class_map
from localgbf.spatial.sampling import points_in_role
from spatial.builders import LAEA, ORIGIN, landcover


def lonlat_of_cell(row: int, col: int) -> tuple[float, float]:
    x = ORIGIN[0] + (col + 0.5) * 10
    y = ORIGIN[1] - (row + 0.5) * 10
    return pyproj.Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True).transform(x, y)


def test_points_on_built_up_cells_are_true_and_others_false() -> None:
    """ESA WorldCover: 50 is built-up, 10 tree cover, 0 nodata. Points on cells (0, 0) built-up,
    (1, 1) trees, (2, 2) nodata, and one far outside the grid."""
    array = np.full((3, 3), 10, dtype=np.uint8)
    array[0, 0] = 50
    array[2, 2] = 0
    points = [lonlat_of_cell(0, 0), lonlat_of_cell(1, 1), lonlat_of_cell(2, 2), (0.0, 0.0)]
    lon = np.array([p[0] for p in points])
    lat = np.array([p[1] for p in points])
    result = points_in_role(
        landcover(array, nodata=0), load_class_map("esa-worldcover"), "builtup", lon, lat
    )
    assert result.tolist() == [True, False, False, False]
