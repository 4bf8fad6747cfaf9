"""Validation of a government's boundary given as GeoJSON.

The boundary is stored as GeoJSON text (WGS 84 longitude/latitude, as RFC 7946 requires) so
that SQLite and PostgreSQL hold it alike and a map can draw it without a GIS database.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _geometry_of(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError(_("The boundary must be a GeoJSON object."))
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features") or []
        polygons = [f.get("geometry") for f in features if isinstance(f, dict)]
        polygons = [g for g in polygons if g]
        if not polygons:
            raise ValidationError(_("The FeatureCollection holds no geometry."))
        coords: list[Any] = []
        for geometry in polygons:
            if geometry.get("type") == "Polygon":
                coords.append(geometry.get("coordinates"))
            elif geometry.get("type") == "MultiPolygon":
                coords.extend(geometry.get("coordinates") or [])
            else:
                raise ValidationError(
                    _("A boundary holds polygons only; found a %(kind)s."),
                    params={"kind": geometry.get("type")},
                )
        return {"type": "MultiPolygon", "coordinates": coords}
    if kind == "Feature":
        return _geometry_of(data.get("geometry"))
    if kind in ("Polygon", "MultiPolygon"):
        return data
    raise ValidationError(
        _("A boundary must be a Polygon or MultiPolygon (or a Feature holding one); found %(kind)s."),
        params={"kind": kind},
    )


def clean_boundary(text_or_data: str | dict[str, Any]) -> dict[str, Any]:
    """Parse and check a boundary; return the GeoJSON geometry to store.

    Refused: text that is not JSON, geometries that are not polygons, coordinates outside
    longitude -180..180 / latitude -90..90 (a projected file), and self-intersecting rings.
    """
    import shapely
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
    else:
        data = text_or_data
    geometry = _geometry_of(data)
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ValidationError(
            _("The boundary's coordinates cannot be read: %(err)s"), params={"err": str(exc)}
        ) from None
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
                "minx": round(minx, 3), "maxx": round(maxx, 3),
                "miny": round(miny, 3), "maxy": round(maxy, 3),
            },
        )
    if not geom.is_valid:
        raise ValidationError(
            _("The boundary is not a valid polygon: %(reason)s."),
            params={"reason": explain_validity(geom)},
        )
    return dict(shapely.geometry.mapping(geom))
