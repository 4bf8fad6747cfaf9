"""Build the Monaco demo files of this folder from the shared OpenStreetMap extract.

Run once from the repository root, with the shared data beside the clone:

    .venv/bin/python src/localgbf/web/computations/demo_data/build_monaco.py ../shared/data

The files it writes are committed; the demo only copies them. See README.md here for what each
file is, how it was derived and its licence (ODbL: the files are derived from OpenStreetMap).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pyogrio
import rasterio
import shapely
from affine import Affine
from pyproj import Transformer
from rasterio.features import rasterize

HERE = Path(__file__).resolve().parent
CRS = "EPSG:3035"  # ETRS89-LAEA Europe: equal-area, so every cell has the same ground area
CELL_M = 10.0
POPULATION_CELL_M = 50.0
MARGIN_M = 50.0
POPULATION_2016 = 37_308  # Monaco census 2016 (IMSEE, Recensement de la population 2016)

# ESA WorldCover codes given to OpenStreetMap tags, in the order they are painted (later wins).
# Land inside the boundary that no tag below covers is built-up (50): streets, squares, roofs.
PAINT = [
    (30, {"landuse": {"grass", "flowerbed", "meadow"}, "leisure": {"park", "garden"}}),
    (20, {"natural": {"scrub", "heath"}}),
    (10, {"natural": {"wood"}, "landuse": {"forest"}}),
    (60, {"natural": {"bare_rock", "beach"}}),
    (80, {"natural": {"water"}}),
]
RESIDENTIAL_BUILDINGS = {"apartments", "residential", "house"}


def _to_crs(geometries: np.ndarray) -> np.ndarray:
    move = Transformer.from_crs("EPSG:4326", CRS, always_xy=True).transform

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(move(xy[:, 0], xy[:, 1]))

    return np.asarray(shapely.transform(geometries, project), dtype=object)


def _tagged(frame, tags: dict[str, set[str]]) -> np.ndarray:  # type: ignore[no-untyped-def]
    mask = np.zeros(len(frame), dtype=bool)
    for column, values in tags.items():
        mask |= frame[column].isin(values).to_numpy()
    return mask


def build(shared: Path) -> None:
    osm = shared / "osm" / "monaco"
    land = shapely.make_valid(shapely.from_geojson((osm / "monaco_boundary.geojson").read_text()))
    land = shapely.union_all([g for g in shapely.get_parts(land) if g.geom_type == "Polygon"])
    land_m = _to_crs(np.array([land]))[0]
    frame = pyogrio.read_dataframe(osm / "monaco.osm.pbf", layer="multipolygons")
    geometries = _to_crs(frame.geometry.to_numpy())

    minx, miny, maxx, maxy = land_m.bounds
    left = np.floor((minx - MARGIN_M) / CELL_M) * CELL_M
    top = np.ceil((maxy + MARGIN_M) / CELL_M) * CELL_M
    width = int(np.ceil((maxx + MARGIN_M - left) / CELL_M))
    height = int(np.ceil((top - (miny - MARGIN_M)) / CELL_M))
    transform = Affine(CELL_M, 0, left, 0, -CELL_M, top)
    cover = rasterize([(land_m, 50)], out_shape=(height, width), transform=transform, fill=0)
    for code, tags in PAINT:
        shapes = [(g, code) for g in geometries[_tagged(frame, tags)] if not g.is_empty]
        painted = rasterize(shapes, out_shape=(height, width), transform=transform, fill=0)
        cover = np.where((painted > 0) & (cover > 0), painted, cover).astype(np.uint8)
    profile = {
        "driver": "GTiff", "height": height, "width": width, "count": 1, "dtype": "uint8",
        "crs": CRS, "transform": transform, "nodata": 0, "compress": "deflate",
    }  # fmt: skip
    with rasterio.open(HERE / "monaco_landcover_osm_10m.tif", "w", **profile) as out:
        out.write(cover, 1)

    parks = _tagged(frame, {"leisure": {"park", "garden"}})
    features = []
    for name, geometry in zip(frame["name"][parks], frame.geometry[parks], strict=True):
        clipped = shapely.intersection(shapely.make_valid(geometry), land)
        if clipped.is_empty or clipped.area == 0:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name or ""},
                "geometry": json.loads(shapely.to_geojson(shapely.set_precision(clipped, 1e-7))),
            }
        )
    (HERE / "monaco_parks.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        "utf-8",
    )

    homes = frame["building"].isin(RESIDENTIAL_BUILDINGS).to_numpy()
    footprints = [shapely.intersection(g, land_m) for g in geometries[homes]]
    areas = np.array([g.area for g in footprints])
    points = [g.representative_point() for g in footprints]
    ptransform = Affine(POPULATION_CELL_M, 0, left, 0, -POPULATION_CELL_M, top)
    pheight = int(np.ceil(height * CELL_M / POPULATION_CELL_M))
    pwidth = int(np.ceil(width * CELL_M / POPULATION_CELL_M))
    people = np.zeros((pheight, pwidth), dtype=np.float64)
    shares = POPULATION_2016 * areas / areas.sum()
    for point, share in zip(points, shares, strict=True):
        col, row = ~ptransform * (point.x, point.y)
        people[int(row), int(col)] += share
    profile.update(height=pheight, width=pwidth, dtype="float32", transform=ptransform, nodata=-1.0)
    with rasterio.open(HERE / "monaco_population_2016_50m.tif", "w", **profile) as out:
        out.write(people.astype(np.float32), 1)

    shutil.copyfile(osm / "monaco_boundary.geojson", HERE / "monaco_boundary.geojson")
    shutil.copyfile(osm / "monaco_quartiers.geojson", HERE / "monaco_quartiers.geojson")
    counts = {int(c): int(n) for c, n in zip(*np.unique(cover, return_counts=True), strict=True)}
    print(f"land cover {width}x{height} cells, classes {counts}")
    print(f"parks {len(features)}, residential buildings {int(homes.sum())}")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
