"""The saved state of a connector run, so that a failed run continues where it stopped.

A run lives in `STORE/.connectors/runs/<key>/`, where the key is a checksum of the service,
the query and the query polygons: the same command asks for the same key and finds the pages
it already fetched. The folder starts with a dot, so the species store's readers skip it.

    run.json        service, query, plan (the slices and their counts), status, download key
    pages/*.json    one file per fetched page, the records reduced to the fields kept

Every file is written to a temporary name and renamed, so a run killed mid-write leaves either
the old file or the new one. Credentials are never written here. Once the records are imported
the pages are deleted and `run.json` keeps the data set id; the next run with the same key
starts afresh (the data may have changed) and the import de-duplicates.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from localgbf.species.store import Store

RUNS_DIR = (".connectors", "runs")
CACHE_DIR = ".connectors"
IMPORTED = "imported"


def run_key(description: dict[str, Any]) -> str:
    """A short checksum of a run's description (service, query, polygons)."""
    text = json.dumps(description, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), "utf-8")
    os.replace(temp, path)


def cache_dir(store: Store) -> Path:
    return store.root / CACHE_DIR


class RunState:
    """The folder of one run. `resumed` tells whether an unfinished run was found."""

    def __init__(self, folder: Path, description: dict[str, Any], resumed: bool) -> None:
        self.folder = folder
        self.description = description
        self.resumed = resumed
        self.saved_now: set[tuple[int, int]] = set()
        self._data: dict[str, Any] = {}

    @classmethod
    def open(cls, store: Store, description: dict[str, Any]) -> RunState:
        """The run for `description`: the unfinished one if there is one, else a fresh one."""
        key = run_key(description)
        folder = store.root.joinpath(*RUNS_DIR, key)
        existing = folder / "run.json"
        data: dict[str, Any] = {}
        if existing.is_file():
            try:
                data = json.loads(existing.read_text("utf-8"))
            except (OSError, ValueError):
                data = {}
        if data.get("status") == IMPORTED or data.get("description") != description:
            shutil.rmtree(folder, ignore_errors=True)
            data = {}
        state = cls(folder, description, resumed=bool(data))
        state._data = data or {"key": key, "description": description, "status": "fetching"}
        state.save()
        return state

    @property
    def key(self) -> str:
        return str(self._data["key"])

    def get(self, name: str) -> Any:
        return self._data.get(name)

    def set(self, name: str, value: Any) -> None:
        self._data[name] = value
        self.save()

    def save(self) -> None:
        write_json_atomic(self.folder / "run.json", self._data)

    def _page(self, slice_id: int, page: int) -> Path:
        return self.folder / "pages" / f"{slice_id:04d}-{page:06d}.json"

    def has_page(self, slice_id: int, page: int) -> bool:
        return self._page(slice_id, page).is_file()

    def save_page(self, slice_id: int, page: int, payload: dict[str, Any]) -> None:
        write_json_atomic(self._page(slice_id, page), payload)
        self.saved_now.add((slice_id, page))

    def reused(self, slice_id: int, page: int) -> bool:
        """Whether a saved page comes from an earlier, interrupted run."""
        return self.has_page(slice_id, page) and (slice_id, page) not in self.saved_now

    def load_page(self, slice_id: int, page: int) -> dict[str, Any]:
        return json.loads(self._page(slice_id, page).read_text("utf-8"))

    def pages(self) -> Iterator[dict[str, Any]]:
        folder = self.folder / "pages"
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.json")):
            yield json.loads(path.read_text("utf-8"))

    def clear_pages(self) -> None:
        """Forget pages saved before a plan was made (a run that failed while planning)."""
        shutil.rmtree(self.folder / "pages", ignore_errors=True)
        self.saved_now.clear()

    def path(self, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / name

    def finish(self, dataset_id: str | None) -> None:
        """Keep only `run.json`, marked imported with the data set it produced."""
        for child in self.folder.iterdir():
            if child.name == "run.json":
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        self._data["status"] = IMPORTED
        self._data["dataset"] = dataset_id
        self.save()
