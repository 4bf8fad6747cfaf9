"""The demo city of the data features: Monaco, with real public files (demo_data/README.md).

Monaco is small enough for its data to ship in the repository and complete enough for every
spatial input: an OpenStreetMap boundary, its 9 quartiers, parks, a land cover and population
derived from OpenStreetMap, and the GRIIS checklist of its introduced species. The accounts,
plans and the city survey records around the data are made up.

Shared by the demos of the computations and species_web apps, which both call `monaco()`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from localgbf.web.core.demo import DEMO_PASSWORD, DemoContext
from localgbf.web.datasets.inspect import describer_for
from localgbf.web.datasets.models import Dataset, file_store
from localgbf.web.governments.boundaries import clean_boundary
from localgbf.web.governments.models import Government, GovernmentKind, Membership, Role

CODE = "MCMON"
OFFICER = "monaco.officer"
SPATIAL_DATA = Path(__file__).resolve().parent / "demo_data"
SPECIES_DATA = Path(__file__).resolve().parents[1] / "species" / "demo_data"
DEMO_TIME = datetime(2025, 5, 22, 9, 0, tzinfo=UTC)  # International Day for Biological Diversity
OSM = "© OpenStreetMap contributors, ODbL 1.0"


def monaco(ctx: DemoContext) -> Government:
    """Monaco (the country) and its commune, with an officer account; idempotent."""
    if f"government:{CODE}" in ctx.objects:
        return ctx[f"government:{CODE}"]
    country, _ = Government.objects.update_or_create(
        code="MC",
        defaults={
            "kind": GovernmentKind.COUNTRY,
            "parent": None,
            "name": {"en": "Monaco", "zh-hans": "摩纳哥"},
            "iso_3166": "MC",
            "population": 37_308,
            "population_year": 2016,
            "area_km2": Decimal("2.02"),
            "is_demo": True,
        },
    )
    outline = clean_boundary((SPATIAL_DATA / "monaco_quartiers.geojson").read_text("utf-8"))
    city, _ = Government.objects.update_or_create(
        code=CODE,
        defaults={
            "kind": GovernmentKind.CITY,
            "parent": country,
            "name": {"en": "Monaco (commune)", "zh-hans": "摩纳哥市"},
            "iso_3166": "",
            "population": 37_308,
            "population_year": 2016,
            "area_km2": Decimal("2.02"),
            "website": "https://www.mairie.mc/",
            "boundary": outline,
            "is_demo": True,
        },
    )
    user, _ = get_user_model().objects.update_or_create(
        username=OFFICER,
        defaults={
            "first_name": "Camille",
            "last_name": "Rossi",
            "email": f"{OFFICER}@example.org",
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, government=city, role=Role.OFFICER)
    ctx.objects["government:MC"] = country
    ctx.objects[f"government:{CODE}"] = city
    ctx.objects[f"user:{OFFICER}"] = user
    ctx.accounts.append((OFFICER, str(Role(Role.OFFICER).label), CODE))
    return city


def kept(path: Path, key: str) -> Any:
    """The data kept in `path` for `key`, or None when the file is missing or was kept for
    other inputs (then the demo computes afresh)."""
    if not path.is_file():
        return None
    document = json.loads(path.read_text("utf-8"))
    return document["data"] if document.get("key") == key else None


def keep(path: Path, key: str, data: Any) -> None:
    text = json.dumps({"key": key, "data": data}, ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", "utf-8")


def digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def backdate(row: Any, *, minutes: int) -> None:
    """Give a demo row a start time before DEMO_TIME, so that it never ends before it began."""
    type(row).objects.filter(pk=row.pk).update(created_at=DEMO_TIME - timedelta(minutes=minutes))


def demo_dataset(
    government: Government,
    path: Path,
    *,
    kind: str,
    title: str,
    licence: str,
    citation: str,
    user: Any,
) -> Dataset:
    """The file as an uploaded dataset, stored once and described like an inspected upload."""
    with path.open("rb") as handle:
        stored = file_store().put(handle, path.name)
    describe = describer_for(kind)
    metadata = {"status": "ok", **describe(stored.path, path.name)} if describe else {}
    dataset, _ = Dataset.objects.update_or_create(
        government=government,
        kind=kind,
        sha256=stored.sha256,
        defaults={
            "title": title,
            "filename": path.name,
            "size": stored.size,
            "licence": licence,
            "citation": citation,
            "metadata": metadata or {"status": "stored"},
            "uploaded_by": user,
        },
    )
    return dataset


def boundary(ctx: DemoContext) -> Dataset:
    """Monaco's land boundary, the dataset both demos start from."""
    key = "dataset:MCMON:boundary"
    if key not in ctx.objects:
        ctx.objects[key] = demo_dataset(
            monaco(ctx),
            SPATIAL_DATA / "monaco_boundary.geojson",
            kind="boundary",
            title="Monaco land boundary (OpenStreetMap, 2023)",
            licence="ODbL 1.0",
            citation=f"{OSM}. Monaco land polygon as published in the quackosm 0.19.0 test files.",
            user=ctx[f"user:{OFFICER}"],
        )
    return ctx.objects[key]
