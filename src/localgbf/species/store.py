"""The per-government species store: a folder of Parquet tables and JSON descriptions.

Layout (documented in docs/species.md)::

    STORE/
      store.json                           what the folder is, layout version
      occurrences/<id>/dataset.json        source file, checksum, citation, DOI, licence, counts
      occurrences/<id>/records.parquet     one row per kept record
      occurrences/<id>/names.parquet       one row per distinct name and higher taxonomy
      occurrences/<id>/extensions/*.parquet   extension tables, when asked to keep them
      checklists/<id>/checklist.json       source, citation, licence, counts, scope
      checklists/<id>/entries.parquet      one row per checklist entry

Every import is written into a hidden staging folder inside the store and renamed into place
only when complete, so a failed import leaves the store exactly as it was. The `<id>` is derived
from the source's content: importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from localgbf import __version__
from localgbf.species.eml import DatasetInfo
from localgbf.species.errors import SpeciesDataError

STORE_KIND = "localgbf-species-store"
STORE_LAYOUT = 1
STORE_FILE = "store.json"
STAGING_PREFIX = ".staging-"
Kind = Literal["occurrences", "checklists"]


class DatasetRecord(BaseModel):
    """What `dataset.json` holds for one imported occurrence data set."""

    model_config = ConfigDict(frozen=True)

    id: str
    format: str
    source_name: str
    source_sha256: str
    source_bytes: int
    imported_at: str
    localgbf_version: str = __version__
    info: DatasetInfo = Field(default_factory=DatasetInfo)
    rows_read: int
    records: int
    rejected: dict[str, int] = Field(default_factory=dict)
    obscured: int = 0
    licences: dict[str, int] = Field(default_factory=dict)
    source_datasets: int = 0
    warnings: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()


class ChecklistRecord(BaseModel):
    """What `checklist.json` holds for one imported checklist."""

    model_config = ConfigDict(frozen=True)

    id: str
    format: str
    scope: str
    source_name: str
    source_sha256: str
    imported_at: str
    localgbf_version: str = __version__
    info: DatasetInfo = Field(default_factory=DatasetInfo)
    entries: int
    by_category: dict[str, int] = Field(default_factory=dict)
    flagged_invasive: int = 0
    warnings: tuple[str, ...] = ()


def content_id(sha256: str) -> str:
    """The store id of a source with this checksum."""
    return sha256[:16]


def sha256_of_tree(path: Path) -> str:
    """Checksum of a file, or of a folder's files (relative names and contents, sorted)."""
    digest = hashlib.sha256()
    if path.is_file():
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")


class Staging:
    """Where an import writes before it is renamed into the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entry_id: str | None = None

    def commit(self, entry_id: str) -> None:
        """Ask for the folder to become the store entry `entry_id` when the block ends."""
        self.entry_id = entry_id


class Store:
    """An opened store folder. Readers skip staging folders; writers go through `staging`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def label(self) -> str:
        return str(self.root)

    def exists(self) -> bool:
        return (self.root / STORE_FILE).is_file()

    def entry_dir(self, kind: Kind, entry_id: str) -> Path:
        return self.root / kind / entry_id

    def has(self, kind: Kind, entry_id: str) -> bool:
        return self.entry_dir(kind, entry_id).is_dir()

    def _entries(self, kind: Kind) -> list[Path]:
        folder = self.root / kind
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))

    def datasets(self) -> list[DatasetRecord]:
        return [self._read(p / "dataset.json", DatasetRecord) for p in self._entries("occurrences")]

    def checklists(self) -> list[ChecklistRecord]:
        return [
            self._read(p / "checklist.json", ChecklistRecord) for p in self._entries("checklists")
        ]

    def dataset(self, entry_id: str) -> DatasetRecord:
        return self._read(self.entry_dir("occurrences", entry_id) / "dataset.json", DatasetRecord)

    def checklist(self, entry_id: str) -> ChecklistRecord:
        return self._read(
            self.entry_dir("checklists", entry_id) / "checklist.json", ChecklistRecord
        )

    def _read(self, path: Path, model: type[Any]) -> Any:
        try:
            return model.model_validate_json(path.read_text("utf-8"))
        except OSError as exc:
            raise SpeciesDataError(str(path), f"cannot be read ({exc.strerror})") from exc
        except ValidationError as exc:
            raise SpeciesDataError(str(path), f"is not a valid store description: {exc}") from exc

    @contextmanager
    def staging(self, kind: Kind) -> Iterator[Staging]:
        """A private folder that becomes `kind/<id>` once the block ends and calls `commit`.

        If the block raises, every file it wrote is removed, and so is the store folder itself
        when this import created it. If the block ends without committing, or the id is
        already in the store, the folder is discarded the same way.
        """
        created_root = not self.root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        area = Staging(self.root / f"{STAGING_PREFIX}{uuid.uuid4().hex}")
        area.path.mkdir()
        created_kind = not (self.root / kind).exists()
        created_store_file = False

        def clean_up() -> None:
            shutil.rmtree(area.path, ignore_errors=True)
            if created_store_file:
                (self.root / STORE_FILE).unlink(missing_ok=True)
            folder = self.root / kind
            if created_kind and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
            if created_root and not any(self.root.iterdir()):
                self.root.rmdir()

        try:
            yield area
            if area.entry_id is None or self.has(kind, area.entry_id):
                clean_up()
                return
            if not self.exists():
                _write_json(self.root / STORE_FILE, {"kind": STORE_KIND, "layout": STORE_LAYOUT})
                created_store_file = True
            (self.root / kind).mkdir(exist_ok=True)
            try:
                os.rename(area.path, self.entry_dir(kind, area.entry_id))
            except OSError as exc:
                raise SpeciesDataError(
                    self.label, f"{kind}/{area.entry_id} could not be written ({exc.strerror})"
                ) from exc
        except BaseException:
            clean_up()
            raise

    def write_description(self, stage: Path, name: str, record: BaseModel) -> None:
        _write_json(stage / name, record.model_dump(mode="json"))


def open_store(path: Path | str) -> Store:
    """Open the store folder at `path`; it may not exist yet (the first import creates it)."""
    root = Path(path)
    store = Store(root)
    if root.exists() and not root.is_dir():
        raise SpeciesDataError(str(root), "is a file, not a store folder")
    if root.is_dir() and not store.exists():
        stray = [p for p in root.iterdir() if not p.name.startswith(".")]
        if stray:
            raise SpeciesDataError(
                str(root), f"is not a localgbf species store (no {STORE_FILE}) and is not empty"
            )
    if store.exists():
        try:
            description = json.loads((root / STORE_FILE).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise SpeciesDataError(str(root / STORE_FILE), f"cannot be read ({exc})") from exc
        if description.get("kind") != STORE_KIND or description.get("layout") != STORE_LAYOUT:
            raise SpeciesDataError(
                str(root / STORE_FILE),
                f"describes {description.get('kind')!r} layout {description.get('layout')!r}; "
                f"this localgbf reads {STORE_KIND} layout {STORE_LAYOUT}",
            )
    return store
