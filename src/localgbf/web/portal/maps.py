"""Maps drawn on the server as SVG: boundaries, protected areas, parks and points, offline.

Geometries arrive as GeoJSON in longitude/latitude (WGS 84). They are projected to Web
Mercator, the projection of web tile servers, so that an optional basemap (a tile URL template
such as `https://tile.example.org/{z}/{x}/{y}.png`) lines up under them; without one the map
needs nothing but the page. At city and country scale the shapes read as on any web map.
Nothing here imports Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

TILE = 256
MAX_ZOOM = 18
MAX_TILES = 48
MAX_LAT = 85.05112878
# A lone point or a tiny outline is shown with at least this much around it (in degrees of
# longitude at the equator, about 5 km), so that a city with only a seat is not a blur.
MIN_SPAN_DEG = 0.05


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude to the unit square of Web Mercator (x east, y south)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0
    s = math.sin(math.radians(lat))
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, y


@dataclass(frozen=True)
class Shape:
    """A polygon layer feature: `layer` names its style (boundary, protected, parks, child)."""

    geometry: dict[str, Any]
    layer: str
    label: str = ""
    href: str = ""


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float
    layer: str
    label: str = ""
    href: str = ""


@dataclass(frozen=True)
class DrawnShape:
    d: str
    layer: str
    label: str
    href: str


@dataclass(frozen=True)
class DrawnPoint:
    x: float
    y: float
    layer: str
    label: str
    href: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str  # SVG text-anchor: start or end


@dataclass(frozen=True)
class GridLine:
    d: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Tile:
    href: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: tuple[DrawnShape, ...] = ()
    points: tuple[DrawnPoint, ...] = ()
    tiles: tuple[Tile, ...] = ()
    labels: tuple[Label, ...] = ()
    grid: tuple[GridLine, ...] = ()
    layers: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.shapes and not self.points


def _polygons(geometry: dict[str, Any]) -> BaseGeometry | None:
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, ShapelyError):
        return None
    if geom.is_empty:
        return None
    return geom


def _project(geom: BaseGeometry) -> BaseGeometry:
    def move(xy: Any) -> Any:
        import numpy as np

        lon, lat = xy[:, 0], np.clip(xy[:, 1], -MAX_LAT, MAX_LAT)
        s = np.sin(np.radians(lat))
        return np.column_stack(
            ((lon + 180.0) / 360.0, 0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi))
        )

    return shapely.transform(geom, move)


def _path(geom: BaseGeometry, to_px: Any) -> str:
    parts: list[str] = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            coords = [to_px(x, y) for x, y in ring.coords]
            if len(coords) < 3:
                continue
            parts.append("M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in coords[:-1]) + " Z")
    return " ".join(parts)


def _tiles(
    template: str, bounds: tuple[float, float, float, float], scale: float, to_px: Any
) -> tuple[Tile, ...]:
    if not template:
        return ()
    zoom = max(0, min(MAX_ZOOM, round(math.log2(max(scale, TILE) / TILE))))
    n = 2**zoom
    minx, miny, maxx, maxy = bounds
    x0, x1 = max(0, math.floor(minx * n)), min(n - 1, math.floor(maxx * n))
    y0, y1 = max(0, math.floor(miny * n)), min(n - 1, math.floor(maxy * n))
    if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES:
        return ()
    size = scale / n
    tiles = []
    for tx in range(x0, x1 + 1):
        for ty in range(y0, y1 + 1):
            px, py = to_px(tx / n, ty / n)
            href = template.replace("{z}", str(zoom)).replace("{x}", str(tx))
            tiles.append(Tile(href.replace("{y}", str(ty)), px, py, size))
    return tuple(tiles)


def inverse_mercator(x: float, y: float) -> tuple[float, float]:
    lon = x * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
    return lon, lat


NICE_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30)


def _step(span: float) -> float:
    """A round number of degrees giving three to six lines across `span`."""
    return next((s for s in NICE_STEPS if span / s <= 6), NICE_STEPS[-1])


def _degrees(value: float, step: float, positive: str, negative: str) -> str:
    decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
    return f"{abs(value):.{decimals}f}°{positive if value >= 0 else negative}"


def _graticule(
    view: tuple[float, float, float, float], to_px: Any, width: int, height: int
) -> tuple[GridLine, ...]:
    west, north = inverse_mercator(view[0], view[1])
    east, south = inverse_mercator(view[2], view[3])
    lines = []
    step = _step(east - west)
    lon = math.ceil(west / step) * step
    while lon < east:
        x, _ = to_px(*mercator(lon, 0.0))
        lines.append(
            GridLine(f"M{x:.1f},0 V{height}", _degrees(lon, step, "E", "W"), x + 3, height - 5)
        )
        lon += step
    step = _step(north - south)
    lat = math.ceil(south / step) * step
    while lat < north:
        _, y = to_px(*mercator(0.0, lat))
        lines.append(GridLine(f"M0,{y:.1f} H{width}", _degrees(lat, step, "N", "S"), 3, y - 3))
        lat += step
    return tuple(lines)


LABEL_HEIGHT = 15


def _labels(points: Sequence[DrawnPoint], width: int) -> tuple[Label, ...]:
    """Names beside the points: regions to the left of their seat, the rest to the right (a
    region and its capital often share a seat), moved down while they would overlap."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for p in points:
        if not p.label:
            continue
        wide = sum(13 if ord(ch) >= 0x2E80 else 7.5 for ch in p.label)
        left = p.layer.endswith("region") or p.x > width - wide - 20
        x0 = p.x - 11 - wide if left else p.x + 9
        y = p.y + 4
        while any(
            x0 < bx1 and x0 + wide > bx0 and y - LABEL_HEIGHT < by1 and y > by0
            for bx0, by0, bx1, by1 in placed
        ):
            y += LABEL_HEIGHT
        placed.append((x0, y - LABEL_HEIGHT, x0 + wide, y))
        out.append(Label(p.x - 11 if left else p.x + 9, y, p.label, "end" if left else "start"))
    return tuple(out)


def draw_map(
    shapes: Iterable[Shape],
    points: Iterable[Point] = (),
    *,
    width: int = 640,
    height: int = 420,
    tile_url: str = "",
    simplify_px: float = 0.6,
    label_points: bool = False,
) -> Drawing:
    """Fit every shape and point into a `width` × `height` SVG view and draw them, over a
    graticule (lines of longitude and latitude) that places them on the globe without a
    basemap.

    Shapes whose GeoJSON cannot be read are left out; the count per layer of what was drawn is
    in `Drawing.layers`, for the legend and the text alternative. With `label_points`, points
    are named on the map (for a few dozen seats of government, not for hundreds).
    """
    projected: list[tuple[Shape, BaseGeometry]] = []
    for item in shapes:
        geom = _polygons(item.geometry)
        if geom is not None:
            projected.append((item, _project(geom)))
    located: list[tuple[Point, tuple[float, float]]] = [
        (p, mercator(p.lon, p.lat)) for p in points if -180 <= p.lon <= 180 and -90 <= p.lat <= 90
    ]
    if not projected and not located:
        return Drawing(width, height)
    xs: list[float] = []
    ys: list[float] = []
    for _item, geom in projected:
        minx, miny, maxx, maxy = geom.bounds
        xs += [minx, maxx]
        ys += [miny, maxy]
    for _point, (x, y) in located:
        xs.append(x)
        ys.append(y)
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    floor = MIN_SPAN_DEG / 360.0
    if maxx - minx < floor:
        mid = (minx + maxx) / 2
        minx, maxx = mid - floor / 2, mid + floor / 2
    if maxy - miny < floor:
        mid = (miny + maxy) / 2
        miny, maxy = mid - floor / 2, mid + floor / 2
    pad = max(20, width // 16)
    scale = min((width - 2 * pad) / (maxx - minx), (height - 2 * pad) / (maxy - miny))
    off_x = (width - (maxx - minx) * scale) / 2
    off_y = (height - (maxy - miny) * scale) / 2

    def to_px(x: float, y: float) -> tuple[float, float]:
        return off_x + (x - minx) * scale, off_y + (y - miny) * scale

    tolerance = simplify_px / scale
    drawn_shapes = []
    counts: dict[str, int] = {}
    for item, geom in projected:
        simple = geom.simplify(tolerance, preserve_topology=True) if tolerance else geom
        d = _path(simple, to_px)
        if d:
            drawn_shapes.append(DrawnShape(d, item.layer, item.label, item.href))
            counts[item.layer] = counts.get(item.layer, 0) + 1
    drawn_points = []
    for point, (x, y) in located:
        px, py = to_px(x, y)
        drawn_points.append(
            DrawnPoint(round(px, 1), round(py, 1), point.layer, point.label, point.href)
        )
        counts[point.layer] = counts.get(point.layer, 0) + 1
    view = (
        minx - off_x / scale,
        miny - off_y / scale,
        minx + (width - off_x) / scale,
        miny + (height - off_y) / scale,
    )
    labels = _labels(drawn_points, width) if label_points else ()
    return Drawing(
        width=width,
        height=height,
        shapes=tuple(drawn_shapes),
        points=tuple(drawn_points),
        tiles=_tiles(tile_url, view, scale, to_px),
        labels=labels,
        grid=_graticule(view, to_px, width, height),
        layers=counts,
    )


def bounds_of(geometries: Sequence[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    """Longitude/latitude bounds of GeoJSON geometries (for GeoJSON `bbox` members)."""
    geoms = [g for g in (_polygons(x) for x in geometries) if g is not None]
    if not geoms:
        return None
    return tuple(float(v) for v in shapely.total_bounds(geoms))  # type: ignore[return-value]
