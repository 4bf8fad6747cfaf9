"""Small synthetic governments written into tmp_path: land covers, outlines and recipes.

Every land cover is a grid of 10 m cells in ETRS89-LAEA (equal-area, metres), coded in ESA
WorldCover classes: tree cover (10, natural) in the first `natural_cols` columns and built-up
(50) in the others, so the natural share (indicator 1) of a whole-grid city is
natural_cols / cols, by hand.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import rasterio
import shapely
from affine import Affine

LAEA = "EPSG:3035"
ORIGIN = (4_100_000.0, 3_000_000.0)
CELL = 10.0
ROWS = 40


def write_landcover(path: Path, array: np.ndarray, origin: tuple[float, float] = ORIGIN) -> Path:
    transform = Affine(CELL, 0, origin[0], 0, -CELL, origin[1])
    with rasterio.open(
        path, "w", driver="GTiff", height=array.shape[0], width=array.shape[1], count=1,
        dtype="uint8", crs=LAEA, transform=transform, nodata=0,
    ) as dst:  # fmt: skip
        dst.write(array, 1)
    return path


def write_outlines(path: Path, geometries: list, fields: dict[str, list[str]]) -> Path:
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(g) for g in geometries], dtype=object),
        [np.array(v, dtype=object) for v in fields.values()],
        list(fields),
        crs=LAEA,
        geometry_type="Polygon",
    )
    return path


def cover(natural_cols: int, cols: int = 40) -> np.ndarray:
    array = np.full((ROWS, cols), 50, dtype=np.uint8)
    array[:, :natural_cols] = 10
    return array


def box(col0: int, cols: int) -> shapely.Polygon:
    x0 = ORIGIN[0] + col0 * CELL
    return shapely.box(x0, ORIGIN[1] - ROWS * CELL, x0 + cols * CELL, ORIGIN[1])


RECIPE = """\
recipe_version: 1
government:
  code: {code}
  name: {name}
landcover: landcover.tif
class_map: esa-worldcover
boundary: boundary.gpkg
"""


@pytest.fixture
def make_city(tmp_path: Path) -> Callable[..., Path]:
    """make_city(code, name, natural_cols) -> the recipe of a 40 × 40-cell city."""

    def make(code: str, name: str, natural_cols: int, *, cols: int = 40) -> Path:
        folder = tmp_path / "cities" / code
        folder.mkdir(parents=True)
        write_landcover(folder / "landcover.tif", cover(natural_cols, cols))
        write_outlines(folder / "boundary.gpkg", [box(0, cols)], {"name": [name]})
        recipe = folder / "recipe.yaml"
        recipe.write_text(RECIPE.format(code=code, name=name), encoding="utf-8")
        return recipe

    return make


@pytest.fixture
def csv_manifest(tmp_path: Path) -> Callable[[list[tuple[str, str]]], Path]:
    """csv_manifest([(code, recipe path relative to tmp_path), ...]) -> tmp_path/cities.csv."""

    def write(rows: list[tuple[str, str]]) -> Path:
        path = tmp_path / "cities.csv"
        lines = ["code,recipe", *(f"{code},{recipe}" for code, recipe in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@dataclass(frozen=True)
class National:
    """A national land cover with three cities side by side and their outlines.

    Columns 0-39: city A (10 natural columns, 25 %); 45-84: city B (30 natural, 75 %);
    90-129: city C (20 natural, 50 %). The 5-column gaps are water (80).
    """

    landcover: Path
    outlines: Path
    manifest: Path
    natural_share: dict[str, float]


NATIONAL_MANIFEST = """\
manifest_version: 1
edition: "2021"
landcover: national.tif
class_map: esa-worldcover
boundaries:
  path: cities.gpkg
  code_field: code
  name_field: name
"""


@pytest.fixture
def national(tmp_path: Path) -> National:
    folder = tmp_path / "national"
    folder.mkdir()
    array = np.full((ROWS, 130), 80, dtype=np.uint8)
    array[:, 0:40] = cover(10)
    array[:, 45:85] = cover(30)
    array[:, 90:130] = cover(20)
    landcover = write_landcover(folder / "national.tif", array)
    outlines = write_outlines(
        folder / "cities.gpkg",
        [box(0, 40), box(45, 40), box(90, 40)],
        {"code": ["XA", "XB", "XC"], "name": ["Ayton", "Beeville", "Ceeford"]},
    )
    manifest = folder / "national.yaml"
    manifest.write_text(NATIONAL_MANIFEST, encoding="utf-8")
    return National(landcover, outlines, manifest, {"XA": 25.0, "XB": 75.0, "XC": 50.0})


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _dask_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("dask")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "dask", *args]


@pytest.fixture(scope="session")
def dask_scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `dask scheduler` and one `dask worker`, started as separate processes on
    127.0.0.1 with free ports; yields the scheduler's address and shuts both down after."""
    from distributed import Client

    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    started: list[subprocess.Popen[bytes]] = []
    try:
        with (logs / "scheduler.log").open("wb") as log:
            started.append(subprocess.Popen(
                _dask_command("scheduler", "--host", "127.0.0.1", "--port", port,
                              "--no-dashboard", "--dashboard-address", "127.0.0.1:0"),
                stdout=log, stderr=subprocess.STDOUT,
            ))  # fmt: skip
        with (logs / "worker.log").open("wb") as log:
            started.append(subprocess.Popen(
                _dask_command("worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                              "--nthreads", "1", "--no-dashboard"),
                stdout=log, stderr=subprocess.STDOUT,
            ))  # fmt: skip
        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
