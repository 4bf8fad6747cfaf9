"""Protected areas and parks for the maps: read from an uploaded dataset, once per file.

The file is read with `localgbf.spatial.vectors.read_layer` (any CRS, invalid geometries
repaired), moved to longitude/latitude and simplified to about a thousandth of its extent:
fine enough for a map a page wide, small enough to send with every page.
"""

from __future__ import annotations

import shapely
from django.db import transaction

from localgbf.spatial.vectors import read_layer
from localgbf.web.datasets.models import Dataset
from localgbf.web.portal.models import MapLayer, MapLayerKind

KINDS = tuple(MapLayerKind.values)
SIMPLIFY_SHARE = 1 / 1000


def missing_layers() -> list[Dataset]:
    """Datasets of protected areas or parks that were read without problems and have no layer."""
    rows = Dataset.objects.filter(kind__in=KINDS, map_layers__isnull=True).order_by("pk")
    return [d for d in rows if (d.metadata or {}).get("status") == "ok"]


def build_layer(dataset: Dataset) -> MapLayer:
    """The map layer of `dataset` (made now, or the one made before)."""
    existing = MapLayer.objects.filter(dataset=dataset).first()
    if existing is not None:
        return existing
    layer = read_layer(dataset.path).to_crs("EPSG:4326")
    parts = [p for g in layer.polygons() for p in shapely.get_parts(g) if not p.is_empty]
    merged = shapely.MultiPolygon([p for p in parts if p.geom_type == "Polygon"])
    minx, miny, maxx, maxy = merged.bounds if parts else (0.0, 0.0, 0.0, 0.0)
    tolerance = max(maxx - minx, maxy - miny) * SIMPLIFY_SHARE
    simple = merged.simplify(tolerance, preserve_topology=True) if parts else merged
    if simple.geom_type == "Polygon":
        simple = shapely.MultiPolygon([simple])
    with transaction.atomic():
        return MapLayer.objects.create(
            government=dataset.government,
            kind=dataset.kind,
            dataset=dataset,
            geometry=shapely.geometry.mapping(simple),
            features=len(layer),
            warnings=list(layer.warnings),
        )
