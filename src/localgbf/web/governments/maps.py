"""Boundaries drawn as SVG on the server: no tiles, no JavaScript, works offline."""

from __future__ import annotations

import math
from typing import Any


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def boundary_svg_path(geometry: dict[str, Any], width: int = 480, height: int = 320) -> dict:
    """An SVG path for a GeoJSON polygon, in an equirectangular view scaled by cos(latitude).

    Returns {"d": path data, "width", "height"}; the even-odd fill rule draws holes.
    """
    rings = _rings(geometry)
    points = [pt for ring in rings for pt in ring]
    if not points:
        return {"d": "", "width": width, "height": height}
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mid_lat = (min(ys) + max(ys)) / 2
    kx = math.cos(math.radians(mid_lat))
    span_x = max((max(xs) - min(xs)) * kx, 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    pad = 8
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def project(pt: list[float]) -> str:
        x = off_x + (pt[0] - min(xs)) * kx * scale
        y = off_y + (max(ys) - pt[1]) * scale
        return f"{x:.1f},{y:.1f}"

    d = " ".join("M" + " L".join(project(p) for p in ring) + " Z" for ring in rings if ring)
    return {"d": d, "width": width, "height": height}
