"""A boundary turned into the WKT polygons a GBIF query can carry.

GBIF reads a polygon's exterior ring counter-clockwise; a clockwise ring means "everything
outside" in a search and nothing at all in a download (rgbif, man-roxygen/occsearch.r). A
search also refuses long WKT (about 1,500 characters), so a detailed city outline has to be
made smaller. Each step below keeps the query area a superset of the boundary, because the
records are clipped to the exact boundary afterwards: a query that is slightly too large costs
a few extra records, one that is too small loses records silently.

1. Snap the outline to the WKT's decimals after growing it by one grid step (so snapping
   cannot cut into the boundary); exterior rings counter-clockwise, holes clockwise.
2. If that is over budget, drop the holes (their records are clipped away later).
3. If still over budget, grow the outline by a tolerance and simplify it by the same tolerance
   (Douglas-Peucker, topology preserved), doubling the tolerance until the polygon fits or the
   tolerance reaches a set fraction of the boundary's size. Coverage of the original is
   checked, never assumed.
4. If it still does not fit, cut the area in two across its longer side and prepare each half
   on its own: one query per piece.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from localgbf.species.connectors.errors import ConnectorError


@dataclass(frozen=True, kw_only=True)
class AreaBudget:
    """How large one query polygon may be, and how far the outline may be moved."""

    max_vertices: int
    max_chars: int
    decimals: int = 5
    max_tolerance_fraction: float = 0.02
    max_pieces: int = 64


@dataclass(frozen=True)
class QueryArea:
    """The WKT of each query (counter-clockwise exteriors) and what was done to get there."""

    wkt: tuple[str, ...]
    vertices: int
    tolerance: float
    holes_dropped: int
    split: bool

    def notes(self) -> list[str]:
        out = []
        if self.holes_dropped:
            out.append(
                f"{self.holes_dropped} hole(s) of the boundary were left out of the query; "
                "their records are clipped away after fetching"
            )
        if self.tolerance:
            out.append(
                f"the query outline was simplified outward by {self.tolerance:.5f} degrees; "
                "records are clipped to the exact boundary after fetching"
            )
        if self.split:
            out.append(f"the boundary was queried in {len(self.wkt)} pieces")
        return out


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The polygons of a geometry (valid, lines and points dropped)."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    merged = shapely.union_all(parts) if parts else Polygon()
    if merged.is_empty:
        raise ConnectorError("boundary", "holds no polygon to query")
    return merged


def counter_clockwise(geometry: BaseGeometry) -> BaseGeometry:
    """Exterior rings counter-clockwise, interior rings (holes) clockwise."""
    return shapely.orient_polygons(geometry, exterior_cw=False)


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _ring(ring: object, decimals: int) -> str:
    coords = shapely.get_coordinates(ring)
    return "(" + ",".join(f"{_number(x, decimals)} {_number(y, decimals)}" for x, y in coords) + ")"


def _polygon_text(polygon: Polygon, decimals: int) -> str:
    rings = [polygon.exterior, *polygon.interiors]
    return "(" + ",".join(_ring(r, decimals) for r in rings) + ")"


def to_wkt(geometry: BaseGeometry, decimals: int) -> str:
    """Compact WKT (no optional spaces), the form rgbif sends to GBIF."""
    polygons = list(shapely.get_parts(geometry))
    if len(polygons) == 1:
        return "POLYGON" + _polygon_text(polygons[0], decimals)
    return "MULTIPOLYGON(" + ",".join(_polygon_text(p, decimals) for p in polygons) + ")"


def _snap(geometry: BaseGeometry, decimals: int) -> BaseGeometry:
    grid = 10.0**-decimals
    grown = geometry.buffer(grid, join_style="mitre", mitre_limit=2.0)
    return counter_clockwise(shapely.set_precision(grown, grid))


def _without_holes(geometry: BaseGeometry) -> tuple[BaseGeometry, int]:
    polygons = list(shapely.get_parts(geometry))
    holes = sum(len(p.interiors) for p in polygons)
    return shapely.union_all([Polygon(p.exterior) for p in polygons]), holes


def _fits(geometry: BaseGeometry, budget: AreaBudget) -> bool:
    return (
        int(shapely.get_num_coordinates(geometry)) <= budget.max_vertices
        and len(to_wkt(geometry, budget.decimals)) <= budget.max_chars
    )


def _simplified(geometry: BaseGeometry, tolerance: float, decimals: int) -> BaseGeometry:
    """Grown by `tolerance`, simplified by it, snapped; grown further until it covers."""
    for factor in (1.0, 1.5, 2.0, 3.0):
        grown = geometry.buffer(tolerance * factor, join_style="mitre", mitre_limit=2.0)
        candidate, _ = _without_holes(grown.simplify(tolerance, preserve_topology=True))
        candidate = _snap(candidate, decimals)
        if candidate.covers(geometry):
            return candidate
    return _snap(geometry.envelope, decimals)


def _pieces(
    geometry: BaseGeometry, budget: AreaBudget, size: float
) -> tuple[list[BaseGeometry], float]:
    tolerance = size * 1e-4
    limit = size * budget.max_tolerance_fraction
    used = 0.0
    while tolerance <= limit:
        candidate = _simplified(geometry, tolerance, budget.decimals)
        if _fits(candidate, budget):
            return [candidate], tolerance
        tolerance *= 2
    minx, miny, maxx, maxy = geometry.bounds
    if maxx - minx >= maxy - miny:
        middle = (minx + maxx) / 2
        halves = [box(minx, miny, middle, maxy), box(middle, miny, maxx, maxy)]
    else:
        middle = (miny + maxy) / 2
        halves = [box(minx, miny, maxx, middle), box(minx, middle, maxx, maxy)]
    pieces: list[BaseGeometry] = []
    for half in halves:
        part = polygonal(geometry.intersection(half)) if geometry.intersects(half) else None
        if part is None or part.area == 0:
            continue
        found, tol = _pieces(part, budget, size)
        pieces.extend(found)
        used = max(used, tol)
        if len(pieces) > budget.max_pieces:
            raise ConnectorError(
                "boundary",
                f"needs more than {budget.max_pieces} query polygons even when simplified; "
                "use a simpler boundary",
            )
    return pieces, used


def prepare_area(geometry: BaseGeometry, budget: AreaBudget) -> QueryArea:
    """The query polygons for a boundary in WGS 84 longitude / latitude (see module docs)."""
    area = polygonal(geometry)
    exact = _snap(area, budget.decimals)
    if _fits(exact, budget):
        return _result([exact], budget, 0.0, 0, split=False)
    plain, holes = _without_holes(area)
    snapped = _snap(plain, budget.decimals)
    if _fits(snapped, budget):
        return _result([snapped], budget, 0.0, holes, split=False)
    minx, miny, maxx, maxy = plain.bounds
    pieces, tolerance = _pieces(plain, budget, max(maxx - minx, maxy - miny))
    return _result(pieces, budget, tolerance, holes, split=len(pieces) > 1)


def _result(
    pieces: list[BaseGeometry], budget: AreaBudget, tolerance: float, holes: int, *, split: bool
) -> QueryArea:
    return QueryArea(
        wkt=tuple(to_wkt(p, budget.decimals) for p in pieces),
        vertices=sum(int(shapely.get_num_coordinates(p)) for p in pieces),
        tolerance=tolerance,
        holes_dropped=holes,
        split=split,
    )


def bounding_box(geometry: BaseGeometry) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a geometry in longitude / latitude."""
    minx, miny, maxx, maxy = polygonal(geometry).bounds
    return miny, minx, maxy, maxx
