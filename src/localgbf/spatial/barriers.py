"""Reading barriers that cut connectivity: vector lines/polygons or a raster grid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from localgbf.spatial.raster import Raster, open_raster
from localgbf.spatial.vectors import VectorLayer, read_layer

RASTER_SUFFIXES = (".tif", ".tiff", ".vrt", ".img")

_READERS: dict[bool, Callable[[Path], VectorLayer | Raster]] = {
    True: lambda p: open_raster(p, "barrier"),
    False: lambda p: read_layer(p),
}


def read_barriers(path: str | Path) -> VectorLayer | Raster:
    """Barriers from a raster (non-zero cells) or a vector file (lines or polygons)."""
    p = Path(path)
    return _READERS[p.suffix.lower() in RASTER_SUFFIXES](p)
