"""Validation of a government's boundary given as GeoJSON.

The boundary is stored as GeoJSON text (WGS 84 longitude/latitude, as RFC 7946 requires) so
that SQLite and PostgreSQL hold it alike and a map can draw it without a GIS database.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _geometries_of(data: Any) -> list[dict[str, Any]]:
    """The polygon geometries in a GeoJSON object (a collection gives one per feature)."""
    if not isinstance(data, dict):
        raise ValidationError(_("The boundary must be a GeoJSON object."))
    kind = data.get("type")
    if kind == "FeatureCollection":
        geometries = [f.get("geometry") for f in data.get("features") or [] if isinstance(f, dict)]
        geometries = [g for g in geometries if g]
        if not geometries:
            raise ValidationError(_("The FeatureCollection holds no geometry."))
        for geometry in geometries:
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                raise ValidationError(
                    _("A boundary holds polygons only; found a %(kind)s."),
                    params={"kind": geometry.get("type")},
                )
        return geometries
    if kind == "Feature":
        return _geometries_of(data.get("geometry"))
    if kind in ("Polygon", "MultiPolygon"):
        return [data]
    raise ValidationError(
        _(
            "A boundary must be a Polygon or MultiPolygon (or a Feature holding one); "
            "found %(kind)s."
        ),
        params={"kind": kind},
    )


def clean_boundary(text_or_data: str | dict[str, Any]) -> dict[str, Any]:
    """Parse and check a boundary; return the GeoJSON geometry to store.

    A FeatureCollection (for example a city's districts) is stored as the union of its parts.

    Refused: text that is not JSON, geometries that are not polygons, coordinates outside
    longitude -180..180 / latitude -90..90 (a projected file), and self-intersecting rings.
    """
    import shapely
    from shapely.errors import ShapelyError
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    if isinstance(text_or_data, str):
        try:
            data = json.loads(text_or_data)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("The boundary is not valid JSON (line %(line)s, column %(col)s: %(msg)s)."),
                params={"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            ) from None
        except RecursionError:
            raise ValidationError(_("The boundary is nested too deeply to be read.")) from None
    else:
        data = text_or_data
    try:
        parts = [shape(g) for g in _geometries_of(data)]
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, OverflowError,
            ShapelyError) as exc:  # fmt: skip
        raise ValidationError(
            _("The boundary's coordinates cannot be read: %(err)s"), params={"err": str(exc)}
        ) from None
    invalid = next((p for p in parts if not p.is_valid), None)
    # Sub-units of one government (quartiers, districts) share edges: their union is the outline.
    geom = invalid if invalid is not None else shapely.unary_union(parts)
    if geom.is_empty:
        raise ValidationError(_("The boundary is empty."))
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise ValidationError(
            _(
                "The boundary's coordinates are not longitude/latitude in degrees (found x from "
                "%(minx)s to %(maxx)s, y from %(miny)s to %(maxy)s). Reproject it to WGS 84 "
                "(EPSG:4326) first."
            ),
            params={
                "minx": round(minx, 3),
                "maxx": round(maxx, 3),
                "miny": round(miny, 3),
                "maxy": round(maxy, 3),
            },
        )
    if not geom.is_valid:
        raise ValidationError(
            _("The boundary is not a valid polygon: %(reason)s."),
            params={"reason": explain_validity(geom)},
        )
    return dict(shapely.geometry.mapping(geom))
