"""Reading rasters: what is accepted, what is converted, and what is refused with which words."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from affine import Affine

from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.raster import open_landcover, open_population, open_raster
from spatial.builders import write_raster

AUGUSTA = "landcover/augusta_nlcd/augusta_nlcd_2011.tif"


def test_the_augusta_raster_reads_with_its_grid_crs_and_checksum(shared_data: Path) -> None:
    path = shared_data / AUGUSTA
    raster = open_landcover(path)
    assert raster.shape == (440, 678)
    assert raster.array.dtype == np.uint8
    assert raster.transform.a == 30.0
    assert raster.nodata is None
    assert raster.crs is not None and raster.crs.is_projected
    assert raster.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_raster_without_a_crs_is_refused(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "nocrs.tif", np.ones((3, 3), np.uint8), crs=None)
    with pytest.raises(SpatialInputError, match=r"nocrs.tif: has no coordinate reference system"):
        open_landcover(path)


def test_a_truncated_raster_is_refused(tmp_path: Path, shared_data: Path) -> None:
    data = (shared_data / AUGUSTA).read_bytes()
    path = tmp_path / "cut.tif"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SpatialInputError, match=r"cut.tif: cannot be read as a land-cover raster"):
        open_landcover(path)


def test_a_file_that_is_not_a_raster_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.tif"
    path.write_text("not a raster", encoding="utf-8")
    with pytest.raises(SpatialInputError, match=r"notes.tif: cannot be read"):
        open_landcover(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpatialInputError, match=r"missing.tif: file not found"):
        open_landcover(tmp_path / "missing.tif")


def test_a_raster_with_several_bands_is_refused(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "rgb.tif", np.ones((3, 3), np.uint8), count=3)
    with pytest.raises(SpatialInputError, match="has 3 bands; a land-cover raster has exactly one"):
        open_landcover(path)


def test_a_rotated_raster_is_refused(tmp_path: Path) -> None:
    rotated = Affine(10, 1, 4_100_000, 1, -10, 3_000_000)
    path = write_raster(tmp_path / "rot.tif", np.ones((3, 3), np.uint8), transform=rotated)
    with pytest.raises(SpatialInputError, match="is rotated or sheared"):
        open_landcover(path)


def test_whole_float_codes_become_small_integers_with_nodata_kept(tmp_path: Path) -> None:
    array = np.array([[10.0, 20.0], [-9999.0, 30.0]], dtype=np.float32)
    raster = open_landcover(write_raster(tmp_path / "f.tif", array, nodata=-9999.0))
    assert raster.array.dtype == np.uint8
    assert raster.nodata == 255
    assert raster.array.tolist() == [[10, 20], [255, 30]]


def test_fractional_codes_are_refused(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "frac.tif", np.array([[1.5, 2.0]], dtype=np.float32))
    with pytest.raises(SpatialInputError, match="holds fractional values"):
        open_landcover(path)


def test_negative_codes_are_refused(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "neg.tif", np.array([[-3, 2]], dtype=np.int16))
    with pytest.raises(
        SpatialInputError, match=r"holds codes from -3 to 2; land-cover codes must lie in 0-65535"
    ):
        open_landcover(path)


def test_large_codes_are_kept_as_16_bit(tmp_path: Path) -> None:
    raster = open_landcover(
        write_raster(tmp_path / "big.tif", np.array([[300, 2]], dtype=np.int32))
    )
    assert raster.array.dtype == np.uint16
    assert raster.array.tolist() == [[300, 2]]


def test_population_nodata_becomes_nan(shared_data: Path) -> None:
    population = open_population(shared_data / "population/burundi_worldpop/burundi_worldpop.tif")
    assert population.array.dtype == np.float64
    assert int(np.isnan(population.array).sum()) == 4777
    assert float(np.nansum(population.array)) == 9_131_486


def test_negative_population_is_refused(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "pop.tif", np.array([[5.0, -1.0]], dtype=np.float32))
    with pytest.raises(SpatialInputError, match="pop.tif: holds negative population counts"):
        open_population(path)


def test_any_raster_reads_for_barriers(tmp_path: Path) -> None:
    raster = open_raster(write_raster(tmp_path / "b.tif", np.eye(3, dtype=np.uint8)))
    assert raster.valid_mask().all()
    assert raster.name == "b.tif"


def test_a_raster_without_a_geotransform_is_refused(tmp_path: Path) -> None:
    """Found by fuzzing (tests/fuzz): such a raster was read with the identity transform, i.e.
    cells of 1 x 1 CRS unit at the origin, which gives wrong areas without a word."""
    import warnings

    import rasterio

    path = tmp_path / "no_grid.tif"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
        with rasterio.open(path, "w", driver="GTiff", width=4, height=3, count=1,
                           dtype="uint8", crs="EPSG:3035") as dst:  # fmt: skip
            dst.write(np.zeros((3, 4), dtype="uint8"), 1)
    for reader in (open_landcover, open_raster):
        with pytest.raises(SpatialInputError, match=r"no_grid\.tif: has no georeferencing"):
            reader(path)
