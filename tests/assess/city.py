"""A small synthetic city with every spatial input, written as files, and its recipe.

1 km × 1 km of 10 m cells in ETRS89-LAEA (ESA WorldCover codes): rows 0-9 water (80), then
tree cover (10) in columns 0-49 and built-up (50) in columns 50-99. Protected area: columns
0-24 below the water. A 1 ha park in the middle; 1 ha restored inside 4 ha degraded; 100
people in every 100 m cell (10,000 people) in a WGS84 raster; the boundary in WGS84; two
wards split at column 50.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import shapely
from affine import Affine

from localgbf.spatial.areas import cell_areas


def _spatial_builders():  # type: ignore[no-untyped-def]
    """tests/spatial/builders.py, loaded by path: pytest does not put tests/ on sys.path, so
    the `spatial` test package is importable only once pytest has collected it."""
    name = "spatial.builders"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "spatial" / "builders.py"
    spec = importlib.util.spec_from_file_location("spatial_test_builders", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_builders = _spatial_builders()
ORIGIN = _builders.ORIGIN
cell_box = _builders.cell_box
to_wgs84 = _builders.to_wgs84
write_raster = _builders.write_raster
write_vector = _builders.write_vector
X, Y = ORIGIN


def _population(path: Path) -> Path:
    """Even density (1 person per 100 m²) on 0.0005° cells covering the city."""
    city = to_wgs84(cell_box(0, 0, rows=100, cols=100))
    minx, miny, maxx, maxy = city.bounds
    step = 0.0005
    cols = int(np.ceil((maxx - minx) / step)) + 4
    rows = int(np.ceil((maxy - miny) / step)) + 4
    transform = Affine(step, 0, minx - 2 * step, 0, -step, maxy + 2 * step)
    areas = cell_areas(transform, "EPSG:4326", (rows, cols)).full((rows, cols))
    return write_raster(
        path, (areas * 100.0).astype(np.float32), transform=transform, crs="EPSG:4326"
    )


def write_city(tmp_path: Path) -> dict[str, Path]:
    array = np.full((100, 100), 10, dtype=np.uint8)
    array[:, 50:] = 50
    array[:10] = 80
    files = {
        "landcover": write_raster(tmp_path / "landcover.tif", array, nodata=0),
        "boundary": write_vector(
            tmp_path / "city.geojson",
            [to_wgs84(cell_box(0, 0, rows=100, cols=100))],
            crs="EPSG:4326",
        ),
        "wards": write_vector(
            tmp_path / "wards.gpkg",
            [cell_box(0, 0, rows=100, cols=50), cell_box(0, 50, rows=100, cols=50)],
            fields={"ward": ["West", "East"]},
        ),
        "protected": write_vector(tmp_path / "protected.gpkg", [cell_box(10, 0, rows=90, cols=25)]),
        "parks": write_vector(
            tmp_path / "parks.gpkg", [shapely.box(X + 450, Y - 550, X + 550, Y - 450)]
        ),
        "degraded": write_vector(tmp_path / "degraded.gpkg", [cell_box(60, 60, rows=20, cols=20)]),
        "restored": write_vector(tmp_path / "restored.gpkg", [cell_box(60, 60, rows=10, cols=10)]),
        "population": _population(tmp_path / "population.tif"),
    }
    return files


RECIPE = """\
recipe_version: 1
government:
  code: XX-TEST
  name: Test city
edition: "2021"
landcover: landcover.tif
class_map: esa-worldcover
boundary: city.geojson
subunits:
  path: wards.gpkg
  field: ward
protected_areas: protected.gpkg
parks: parks.gpkg
restored: restored.gpkg
degraded: degraded.gpkg
population: population.tif
"""
