"""Fuzzed spatial inputs: GeoTIFF rasters (land cover, population, barriers, the dataset
inspection), vector layers (GeoJSON, GeoPackage, zipped), and the boundary a government
uploads as GeoJSON text.

Property: a reader returns, or raises SpatialInputError naming the file (ValidationError for
the boundary form); never another exception, never a hang. Limits: a raster announcing more
cells than `MAX_RASTER_CELLS` is refused from its header, before any pixel is read.
"""

from __future__ import annotations

import itertools
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from localgbf.frameworks import limits
from localgbf.spatial.describe import describe_raster, describe_vector
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.raster import open_landcover, open_population, open_raster
from localgbf.spatial.vectors import read_boundary, read_layer
from localgbf.web.governments.boundaries import clean_boundary

from .mutate import fuzz_settings, mutated, mutated_zip, no_hang

_counter = itertools.count()


@contextmanager
def gdal_diagnostics_ignored() -> Iterator[None]:
    """pyogrio passes GDAL's diagnostics on a damaged file ("Non closed ring detected") as
    RuntimeWarnings from a C callback; the suite turns warnings into errors, which that
    callback cannot raise. The reader's own errors are what the property is about."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def tiny_geotiff(dtype: str = "uint8", compress: str | None = "deflate") -> bytes:
    """A 16 x 12 north-up GeoTIFF in EPSG:3035 with a nodata value."""
    array = (np.arange(16 * 12).reshape(12, 16) % 7).astype(dtype)
    profile = {
        "driver": "GTiff",
        "width": 16,
        "height": 12,
        "count": 1,
        "dtype": dtype,
        "crs": "EPSG:3035",
        "transform": Affine(10, 0, 4_100_000, 0, -10, 3_000_000),
        "nodata": 6,
    }
    if compress:
        profile["compress"] = compress
    with rasterio.MemoryFile() as memory:
        with memory.open(**profile) as dst:
            dst.write(array, 1)
        return bytes(memory.read())


SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "a", "n": 1},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[7.40, 43.72], [7.44, 43.72], [7.44, 43.75], [7.40, 43.72]]],
            },
        }
    ],
}


@pytest.fixture(scope="module")
def raster_seeds(shared_data: Path) -> list[bytes]:
    lausanne = shared_data / "landcover" / "lausanne" / "ls100_06.tif"
    return [tiny_geotiff(), tiny_geotiff("float32", None), tiny_geotiff("uint16", "lzw"),
            lausanne.read_bytes()]  # fmt: skip


@pytest.fixture(scope="module")
def vector_seeds(shared_data: Path) -> list[tuple[str, bytes]]:
    monaco = shared_data / "osm" / "monaco"
    square = json.dumps(SQUARE).encode()
    return [
        (".geojson", square),
        (".geojson", (monaco / "monaco_quartiers.geojson").read_bytes()),
        (".gpkg", (monaco / "monaco_quartiers.gpkg").read_bytes()),
    ]


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input-{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


RASTER_READERS = [open_landcover, open_population, open_raster, describe_raster]


@pytest.fixture
def small_raster_limit(monkeypatch):
    """A mutated header can announce any size below the real limit (400 million cells, which
    a reader then allocates); the fuzzing keeps to rasters of up to a million cells."""
    monkeypatch.setattr(limits, "MAX_RASTER_CELLS", 1_000_000)


@given(st.sampled_from(RASTER_READERS), st.integers(0, 3), st.data())
@fuzz_settings(500)
def test_any_mutated_geotiff_is_read_or_refused_by_name(
    raster_seeds, tmp_path, small_raster_limit, reader, seed, data
):
    path = _write(tmp_path, ".tif", data.draw(mutated(raster_seeds[seed], max_edits=3)))
    try:
        with no_hang():
            reader(path)
    except SpatialInputError as exc:
        assert path.name in str(exc)
    finally:
        path.unlink()


@given(st.sampled_from([read_layer, read_boundary, describe_vector]), st.integers(0, 2), st.data())
@fuzz_settings(400)
def test_any_mutated_vector_layer_is_read_or_refused_by_name(
    vector_seeds, tmp_path, reader, seed, data
):
    suffix, seed = vector_seeds[seed]
    body = data.draw(
        st.one_of(
            mutated(seed, text=suffix == ".geojson"),
            mutated_zip({f"layer{suffix}": seed}).map(lambda z: z),
        )
    )
    if body[:2] == b"PK":
        suffix = ".zip"
    path = _write(tmp_path, suffix, body)
    try:
        with no_hang(), gdal_diagnostics_ignored():
            reader(path)
    except SpatialInputError as exc:
        assert path.name in str(exc)
    finally:
        path.unlink()


def _geojson_values() -> st.SearchStrategy[object]:
    number = st.one_of(
        st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**400), 10**400)
    )
    position = st.lists(number, min_size=0, max_size=4)
    ring = st.lists(position, max_size=6)
    return st.recursive(
        st.one_of(st.none(), st.booleans(), number, st.text(max_size=10), ring),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(["type", "coordinates", "geometry", "features", "geometries"]),
                st.one_of(
                    inner,
                    st.sampled_from(
                        [
                            "Polygon",
                            "MultiPolygon",
                            "Feature",
                            "FeatureCollection",
                            "Point",
                            "GeometryCollection",
                            "LineString",
                        ]
                    ),
                ),
            ),
        ),
        max_leaves=20,
    )


@given(
    st.one_of(
        mutated(json.dumps(SQUARE).encode(), text=True).map(lambda b: b.decode("utf-8", "replace")),
        _geojson_values().map(lambda v: json.dumps(v, allow_nan=True)),
        _geojson_values(),
    )
)
@fuzz_settings(600)
def test_any_boundary_is_kept_or_refused_with_a_form_error(value):
    try:
        with no_hang():
            clean_boundary(value)  # type: ignore[arg-type]
    except ValidationError:
        pass


def test_a_raster_announcing_too_many_cells_is_refused_before_reading(tmp_path, monkeypatch):
    """A sparse GeoTIFF of 30 000 x 20 000 cells is a few kilobytes on disk."""
    path = tmp_path / "huge.tif"
    with rasterio.open(
        path, "w", driver="GTiff", width=30_000, height=20_000, count=1, dtype="uint8",
        crs="EPSG:3035", transform=Affine(10, 0, 0, 0, -10, 0),
        tiled=True, compress="deflate", SPARSE_OK=True,
    ):  # fmt: skip
        pass
    assert path.stat().st_size < 1_000_000
    monkeypatch.setattr(limits, "MAX_RASTER_CELLS", 100_000_000)
    for reader in (open_landcover, describe_raster):
        with pytest.raises(SpatialInputError, match=r"huge\.tif: has 30,000 x 20,000 = "
                           r"600,000,000 cells; the limit is 100,000,000"):  # fmt: skip
            reader(path)
