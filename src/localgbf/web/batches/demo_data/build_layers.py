"""Write the demo country's national layers (run from the repository root):

    .venv/bin/python src/localgbf/web/batches/demo_data/build_layers.py

- `cn_south_landcover_demo.tif`: a synthetic land cover of southern China (Yunnan and
  Guangdong) in ESA WorldCover codes, 0.002° cells (about 200 m), EPSG:4326. The grid spans
  98.5-116.5° E, 20.5-27.5° N (9,000 × 3,500 cells) but holds data only around the demo
  cities: the other tiles are never written, so the file is small while the grid is national.
- `cn_city_outlines_demo.geojson`: one outline per demo city, a smooth star shape centred on
  the city's centre with the city's official area (from the governments demo).

Both are made up for the demonstration and say so in their titles; the city centres and
areas are public facts. The same seed gives the same files.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import rasterio
import shapely
from affine import Affine
from rasterio.windows import Window
from scipy import ndimage

from localgbf.spatial.crs import local_equal_area_crs, transform_geometry

HERE = Path(__file__).resolve().parent
LANDCOVER = HERE / "cn_south_landcover_demo.tif"
OUTLINES = HERE / "cn_city_outlines_demo.geojson"
SEED = 20261125
CELL = 0.002
WEST, NORTH = 98.5, 27.5
WIDTH, HEIGHT = 9000, 3500
# code, English name, Chinese name, centre (lon, lat), area km² (the governments demo)
CITIES = [
    ("CNKMG", "Kunming", "昆明市", (102.83, 24.88), 21012),
    ("CNDLU", "Dali", "大理市", (100.23, 25.61), 1815),
    ("CNSZX", "Shenzhen", "深圳市", (114.06, 22.54), 1997),
    ("CNCAN", "Guangzhou", "广州市", (113.26, 23.13), 7434),
    ("CNSHA", "Shanghai", "上海市", (121.47, 31.23), 6341),
]


def outline(code: str, centre: tuple[float, float], area_km2: float) -> shapely.Polygon:
    """A smooth star shape of exactly `area_km2`, in longitude / latitude."""
    rng = np.random.default_rng(SEED + sum(map(ord, code)))
    phase = rng.uniform(0, 2 * math.pi, 3)
    angles = np.linspace(0, 2 * math.pi, 144, endpoint=False)
    shape = (1 + 0.16 * np.sin(3 * angles + phase[0]) + 0.08 * np.sin(5 * angles + phase[1])
             + 0.04 * np.sin(9 * angles + phase[2]))  # fmt: skip
    ring = shapely.Polygon(np.column_stack([shape * np.cos(angles), shape * np.sin(angles)]))
    scale = math.sqrt(area_km2 * 1e6 / ring.area)
    metric = shapely.affinity.scale(ring, scale, scale, origin=(0, 0))
    moved = transform_geometry(metric, local_equal_area_crs(*centre), "EPSG:4326")
    return shapely.set_precision(moved, 1e-5)


def cover(rows: int, cols: int, radius_cells: float, rng: np.random.Generator) -> np.ndarray:
    """ESA WorldCover codes: a built-up core fading outwards, forest, grass, crops, water."""

    def smooth(scale: int) -> np.ndarray:
        coarse = rng.random((rows // scale + 2, cols // scale + 2))
        return ndimage.zoom(coarse, scale, order=1)[:rows, :cols]

    y, x = np.mgrid[0:rows, 0:cols]
    distance = np.hypot(y - rows / 2, x - cols / 2) / radius_cells
    urban = np.exp(-((distance / 0.4) ** 2)) * (0.55 + 0.9 * smooth(30))
    for _town in range(4):  # satellite towns along the roads out of the centre
        angle, reach = rng.uniform(0, 2 * math.pi), rng.uniform(0.35, 0.75)
        ty = rows / 2 + reach * radius_cells * math.sin(angle)
        tx = cols / 2 + reach * radius_cells * math.cos(angle)
        urban += 0.9 * np.exp(-((np.hypot(y - ty, x - tx) / (0.08 * radius_cells)) ** 2))
    land, wet, rough = smooth(24), smooth(40), smooth(6)
    out = np.full((rows, cols), 40, dtype=np.uint8)  # cropland
    out[land + 0.3 * rough > 0.78] = 30  # grassland
    out[land + 0.2 * rough > 0.9] = 10  # tree cover
    out[(land < 0.35) & (distance > 0.5)] = 10
    out[urban + 0.25 * rough > 0.62] = 50  # built-up
    out[wet > 0.86] = 80  # open water
    out[(wet > 0.8) & (wet <= 0.86)] = 90  # herbaceous wetland
    return out


def main() -> None:
    features = []
    transform = Affine(CELL, 0, WEST, 0, -CELL, NORTH)
    profile = {
        "driver": "GTiff", "width": WIDTH, "height": HEIGHT, "count": 1, "dtype": "uint8",
        "crs": "EPSG:4326", "transform": transform, "nodata": 0, "compress": "deflate",
        "tiled": True, "blockxsize": 256, "blockysize": 256, "SPARSE_OK": "TRUE",
    }  # fmt: skip
    rng = np.random.default_rng(SEED)
    with rasterio.open(LANDCOVER, "w", **profile) as dst:
        for code, en, zh, centre, area in CITIES:
            shape = outline(code, centre, area)
            features.append({
                "type": "Feature",
                "properties": {"code": code, "name": en, "name_zh": zh},
                "geometry": shapely.geometry.mapping(shape),
            })  # fmt: skip
            minx, miny, maxx, maxy = shape.buffer(0.05).bounds
            col0, row0 = (int(v) for v in ~transform @ (minx, maxy))
            col1, row1 = (math.ceil(v) for v in ~transform @ (maxx, miny))
            col0, row0 = max(col0, 0), max(row0, 0)
            col1, row1 = min(col1, WIDTH), min(row1, HEIGHT)
            if col1 <= col0 or row1 <= row0:
                continue  # outside the southern grid (Shanghai): no land cover there
            radius = math.sqrt(area / math.pi) * 1000 / 111_000 / CELL
            block = cover(row1 - row0, col1 - col0, radius, rng)
            dst.write(block, 1, window=Window(col0, row0, col1 - col0, row1 - row0))
    OUTLINES.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
