"""What an uploaded spatial file holds, read from its header (no pixels, no geometries).

Used to show a dataset's CRS, extent and size as soon as it is uploaded, and to refuse at once
a raster without a CRS or a file that is not a raster or a vector layer at all. The same
checks are repeated by the readers that compute indicators.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyogrio
import pyproj
import rasterio
from rasterio.errors import NotGeoreferencedWarning, RasterioError

from localgbf.frameworks.limits import raster_problem
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.raster import NOT_GEOREFERENCED, georeferenced
from localgbf.spatial.vectors import check_zip


def _crs_label(crs: Any) -> str:
    """`EPSG:nnnn` where the CRS has a code, otherwise its name (never a page of WKT)."""
    parsed = pyproj.CRS.from_user_input(crs.to_wkt() if hasattr(crs, "to_wkt") else crs)
    epsg = parsed.to_epsg()
    return f"EPSG:{epsg}" if epsg else parsed.name


def describe_raster(path: str | Path, display_name: str | None = None) -> dict[str, Any]:
    p = Path(path)
    name = display_name or p.name
    try:
        with georeferenced(), rasterio.open(p) as ds:
            if ds.crs is None:
                raise SpatialInputError(
                    name, "has no coordinate reference system (CRS); assign the one it was made in"
                )
            too_big = raster_problem(ds.width, ds.height)
            if too_big is not None:
                raise SpatialInputError(name, too_big)
            return {
                "type": "raster",
                "driver": ds.driver,
                "crs": _crs_label(ds.crs),
                "geographic": bool(ds.crs.is_geographic),
                "width": ds.width,
                "height": ds.height,
                "bands": ds.count,
                "dtype": ds.dtypes[0],
                "nodata": ds.nodata,
                "resolution": [abs(ds.transform.a), abs(ds.transform.e)],
                "bounds": list(ds.bounds),
            }
    except SpatialInputError:
        raise
    except NotGeoreferencedWarning:
        raise SpatialInputError(name, NOT_GEOREFERENCED) from None
    except RasterioError as exc:
        raise SpatialInputError(name, f"cannot be read as a GeoTIFF raster: {exc}") from exc


def describe_vector(path: str | Path, display_name: str | None = None) -> dict[str, Any]:
    p = Path(path)
    name = display_name or p.name
    source = f"/vsizip/{p}" if p.suffix.lower() == ".zip" else str(p)
    check_zip(p, name)
    try:
        layers = pyogrio.list_layers(source)
        info = pyogrio.read_info(source, layer=str(layers[0][0]) if len(layers) else None)
    except Exception as exc:  # GDAL reports unreadable files through several exception types
        raise SpatialInputError(name, f"cannot be read as a vector layer: {exc}") from exc
    if info.get("crs") is None:
        raise SpatialInputError(name, "has no coordinate reference system (CRS)")
    return {
        "type": "vector",
        "driver": info.get("driver"),
        "crs": _crs_label(info["crs"]),
        "layers": [str(row[0]) for row in layers],
        "features": int(info.get("features") or 0),
        "geometry_type": info.get("geometry_type"),
        "fields": [str(f) for f in info.get("fields", [])],
        "bounds": (
            [float(v) for v in info["total_bounds"]]
            if info.get("total_bounds") is not None
            else None
        ),
    }
