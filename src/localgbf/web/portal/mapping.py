"""The maps of the portal pages: what to draw for a government and for a country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action
from localgbf.web.portal.maps import Drawing, Point, Shape, draw_map
from localgbf.web.portal.models import MapLayer, PublicProfile

# Up to this many seats are named on a country map; beyond, names would cover each other and
# the list beside the map names them.
LABELLED_POINTS = 40


def basemap_url() -> str:
    return str(getattr(settings, "LOCALGBF_BASEMAP_URL", "") or "")


def latest_layers(government: Government) -> list[MapLayer]:
    """The newest layer of each kind (a new upload replaces the drawing of the older one)."""
    seen: set[str] = set()
    out = []
    for layer in MapLayer.objects.filter(government=government).order_by("kind", "-pk"):
        if layer.kind not in seen:
            seen.add(layer.kind)
            out.append(layer)
    return out


def seat_point(
    profile: PublicProfile | None, layer: str, label: str, href: str = ""
) -> list[Point]:
    if profile is None or profile.seat_latitude is None or profile.seat_longitude is None:
        return []
    return [Point(float(profile.seat_longitude), float(profile.seat_latitude), layer, label, href)]


def government_map(
    government: Government,
    *,
    profile: PublicProfile | None,
    actions: Iterable[Action],
    language: str,
) -> Drawing:
    """The boundary, protected areas and parks (when uploaded), and the located actions.

    The seat of government is drawn when there is no boundary, so the map is never empty for
    a government whose profile gives it.
    """
    shapes = [
        Shape(layer.geometry, layer.kind, layer.get_kind_display())
        for layer in latest_layers(government)
    ]
    if government.boundary:
        shapes.insert(0, Shape(government.boundary, "boundary", government.display_name(language)))
    points = [
        Point(
            float(a.longitude), float(a.latitude), "action", f"{a.code} {_title(a.title, language)}"
        )
        for a in actions
        if a.latitude is not None and a.longitude is not None
    ]
    if not government.boundary:
        points += seat_point(profile, "seat", government.display_name(language))
    return draw_map(shapes, points, tile_url=basemap_url())


def country_map(country: Government, governments: list[Government], language: str) -> Drawing:
    """The subnational governments: their boundaries where uploaded, else their seats."""
    profiles = {
        p.government_id: p
        for p in PublicProfile.objects.filter(government__in=[g.pk for g in governments])
    }
    shapes: list[Shape] = []
    points: list[Point] = []
    if country.boundary:
        shapes.append(Shape(country.boundary, "country", country.display_name(language)))
    for g in governments:
        href = reverse("portal-government", args=[g.code])
        name = g.display_name(language)
        if g.boundary:
            shapes.append(Shape(g.boundary, f"child-{g.kind}", name, href))
        else:
            points += seat_point(profiles.get(g.pk), f"seat-{g.kind}", name, href)
    return draw_map(
        shapes,
        points,
        width=960,
        height=520,
        tile_url=basemap_url(),
        label_points=len(points) <= LABELLED_POINTS,
    )


def _title(value: dict[str, Any] | None, language: str) -> str:
    value = value or {}
    return str(value.get(language) or value.get("en") or value.get("zh-hans") or "")
