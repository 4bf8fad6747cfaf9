"""Small inputs for the connector tests: boundaries, stores, recorded pages."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from localgbf.species.store import Store

from .cassettes import Recorded, json_body, load_cassette


def write_boundary(path: Path, *rings: list[tuple[float, float]]) -> Path:
    """A GeoJSON boundary in WGS 84: the first ring is the outline, the others its holes."""
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in r] for r in rings]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path


def square(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def visible_tree(store: Store) -> str | None:
    """Checksum of the store as its readers see it (names and bytes; the run state, a hidden
    folder, left out). None when the store folder holds nothing visible."""
    if not store.root.exists():
        return None
    digest = hashlib.sha256()
    files = [
        p for p in sorted(store.root.rglob("*"))
        if not any(part.startswith(".") for part in p.relative_to(store.root).parts)
    ]  # fmt: skip
    if not files:
        return None
    for file in files:
        digest.update(str(file.relative_to(store.root)).encode() + b"\0")
        if file.is_file():
            digest.update(file.read_bytes())
    return digest.hexdigest()


class Api:
    """The recorded responses in shared/data/api, by service and file name."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def gbif(self, name: str) -> list[Recorded]:
        return load_cassette(self.root / "gbif" / name)

    def inat(self, name: str) -> Recorded:
        return json_body(self.root / "inaturalist" / "v1" / name)
