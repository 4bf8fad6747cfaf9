"""Reading rasters: land cover, population and barrier grids.

Every reader checks what later steps rely on (a CRS, a north-up grid, a readable body) and
says which file is wrong and why. Arrays are read whole: a 10^8-cell land cover is 100 MB
as uint8, and the computations stream over it in numba kernels without copies.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine
from rasterio.crs import CRS
from rasterio.errors import NotGeoreferencedWarning, RasterioError

from localgbf.frameworks.limits import raster_problem
from localgbf.frameworks.resources import sha256_of
from localgbf.spatial.errors import SpatialInputError

MAX_CODE = 65535


@dataclass(frozen=True, eq=False)
class Raster:
    """A single-band grid with its georeferencing and, when read from a file, its checksum."""

    array: np.ndarray
    transform: Affine
    crs: CRS
    nodata: float | None = None
    path: Path | None = None
    sha256: str | None = None

    @property
    def shape(self) -> tuple[int, int]:
        rows, cols = self.array.shape
        return int(rows), int(cols)

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "<array>"

    @property
    def source(self) -> str:
        return str(self.path) if self.path is not None else "<array>"

    def valid_mask(self) -> np.ndarray:
        """True where the cell holds data."""
        if self.nodata is None:
            return np.ones(self.shape, dtype=np.bool_)
        if isinstance(self.nodata, float) and np.isnan(self.nodata):
            return ~np.isnan(self.array)
        return np.asarray(self.array != self.nodata)


@dataclass(frozen=True, eq=False)
class LandCover(Raster):
    """Land-cover codes (uint8 or uint16) on a north-up grid."""


@dataclass(frozen=True, eq=False)
class Population(Raster):
    """People per cell (float64); nodata cells hold NaN."""


NOT_GEOREFERENCED = (
    "has no georeferencing (no geotransform), so its cells have no place or size; save it as "
    "a GeoTIFF with its grid"
)


@contextmanager
def georeferenced() -> Iterator[None]:
    """Turn rasterio's warning about a raster without a geotransform into an exception: such
    a raster is read with the identity transform (cells of 1 x 1 CRS unit at the origin),
    which would give wrong areas without any error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", NotGeoreferencedWarning)
        yield


def _open(path: str | Path, what: str) -> tuple[np.ndarray, Affine, CRS, float | None, Path]:
    p = Path(path)
    if not p.exists():
        raise SpatialInputError(str(p), "file not found")
    if p.is_dir():
        raise SpatialInputError(str(p), f"is a folder, not a {what} raster file")
    try:
        with georeferenced(), rasterio.open(p) as ds:
            if ds.count != 1:
                raise SpatialInputError(
                    str(p), f"has {ds.count} bands; a {what} raster has exactly one"
                )
            if ds.crs is None:
                raise SpatialInputError(
                    str(p),
                    "has no coordinate reference system (CRS), so its cells cannot be placed or "
                    "measured; assign the CRS it was made in (for example with "
                    "`gdal_edit.py -a_srs EPSG:xxxx`)",
                )
            too_big = raster_problem(ds.width, ds.height)
            if too_big is not None:
                raise SpatialInputError(str(p), too_big)
            transform = ds.transform
            if transform.b != 0 or transform.d != 0:
                raise SpatialInputError(
                    str(p), "is rotated or sheared; warp it to a north-up grid first"
                )
            array = ds.read(1)
            return array, transform, ds.crs, ds.nodata, p
    except SpatialInputError:
        raise
    except NotGeoreferencedWarning:
        raise SpatialInputError(str(p), NOT_GEOREFERENCED) from None
    except RasterioError as exc:
        raise SpatialInputError(
            str(p), f"cannot be read as a {what} raster (truncated or not a GeoTIFF?): {exc}"
        ) from exc


def _as_codes(
    array: np.ndarray, nodata: float | None, source: str
) -> tuple[np.ndarray, int | None]:
    """Land-cover codes as uint8/uint16, checking that every code is a whole number 0-65535."""
    if array.dtype in (np.uint8, np.uint16):
        code = None if nodata is None or np.isnan(nodata) else int(nodata)
        if code is not None and code != nodata:
            code = None
        return array, code
    valid = np.ones(array.shape, dtype=np.bool_)
    if nodata is not None:
        valid = ~np.isnan(array) if np.isnan(nodata) else array != nodata
    values = array[valid]
    if values.size:
        if np.issubdtype(array.dtype, np.floating) and not np.all(np.mod(values, 1) == 0):
            raise SpatialInputError(
                source, "holds fractional values; land-cover codes must be whole numbers"
            )
        low, high = float(values.min()), float(values.max())
        if low < 0 or high > MAX_CODE:
            raise SpatialInputError(
                source,
                f"holds codes from {low:g} to {high:g}; land-cover codes must lie in 0-{MAX_CODE}",
            )
    out_dtype = np.uint8 if values.size == 0 or values.max() < 255 else np.uint16
    fill = int(np.iinfo(out_dtype).max)
    out = np.full(array.shape, fill, dtype=out_dtype)
    out[valid] = values.astype(out_dtype)
    has_missing = not bool(valid.all())
    return out, fill if has_missing else None


def open_landcover(path: str | Path) -> LandCover:
    """Read a single-band land-cover GeoTIFF/COG in any CRS."""
    array, transform, crs, nodata, p = _open(path, "land-cover")
    codes, code_nodata = _as_codes(array, nodata, str(p))
    return LandCover(
        array=codes,
        transform=transform,
        crs=crs,
        nodata=code_nodata,
        path=p,
        sha256=sha256_of(p),
    )


def open_population(path: str | Path) -> Population:
    """Read a population raster (people per cell); nodata cells become NaN."""
    array, transform, crs, nodata, p = _open(path, "population")
    values = array.astype(np.float64)
    if nodata is not None and not np.isnan(nodata):
        values[array == nodata] = np.nan
    finite = values[np.isfinite(values)]
    if finite.size and finite.min() < 0:
        raise SpatialInputError(
            str(p), f"holds negative population counts (lowest {finite.min():g})"
        )
    return Population(
        array=values, transform=transform, crs=crs, nodata=float("nan"), path=p, sha256=sha256_of(p)
    )


def open_raster(path: str | Path, what: str = "barrier") -> Raster:
    """Read any single-band raster (barriers: every non-zero data cell is a barrier)."""
    array, transform, crs, nodata, p = _open(path, what)
    return Raster(
        array=array, transform=transform, crs=crs, nodata=nodata, path=p, sha256=sha256_of(p)
    )
