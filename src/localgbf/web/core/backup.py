"""Backup and restore of a whole installation: the database and the file store, with checksums.

A backup is a folder:

- `manifest.json`: format, localgbf version, the migrations applied (the schema version), and
  for every table its row count and the SHA-256 of its dump, for every stored file its size
  and SHA-256;
- `db/<app_label>.<model>.jsonl`: one JSON object per row, the columns by attribute name, rows
  in primary-key order, keys sorted, so the same data always gives the same bytes whatever
  the database (SQLite or PostgreSQL): a backup restores on either;
- `files/...`: a copy of `LOCALGBF_FILE_STORE` (uploads, evidence, species stores).

Restoring checks every checksum before it writes anything, refuses a database that holds data
unless told to replace it, loads every table in one transaction (foreign keys are checked at
commit, so the order of the tables does not matter to the database), and resets PostgreSQL's
sequences so the next row gets a fresh id. Sessions are not kept: after a restore everyone
signs in again.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

from localgbf import __version__

FORMAT = "localgbf-backup/1"
MANIFEST = "manifest.json"
CHUNK = 1 << 20
BATCH = 1000
SKIPPED_MODELS = {"sessions.session"}
# Rows `migrate` itself creates (content types, permissions, and the reference frameworks loaded
# after every migrate); they are replaced by the backup's, whose ids the data points at.
MIGRATE_FILLS = {
    "contenttypes.contenttype",
    "auth.permission",
    "frameworks.framework",
    "frameworks.frameworkelement",
}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message names the file or the table."""


@dataclass
class Summary:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def dumped_models() -> list[type[models.Model]]:
    """Every table the platform owns, parents before the tables that point at them."""
    candidates = {
        _label(m): m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    }
    candidates = {k: m for k, m in candidates.items() if k not in SKIPPED_MODELS}
    ordered: list[type[models.Model]] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(label: str) -> None:
        if label in done or label in visiting:
            return
        visiting.add(label)
        for f in candidates[label]._meta.local_concrete_fields:
            target = getattr(f.remote_field, "model", None) if f.remote_field else None
            if target is not None and _label(target) in candidates:
                visit(_label(target))
        visiting.discard(label)
        done.add(label)
        ordered.append(candidates[label])

    for label in sorted(candidates):
        visit(label)
    return ordered


def applied_migrations() -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _line(row: dict[str, Any]) -> bytes:
    return (
        json.dumps(row, default=_encode, sort_keys=True, ensure_ascii=False, allow_nan=True) + "\n"
    ).encode("utf-8")


def _columns(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.local_concrete_fields]


def _rows(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    query = model._base_manager.order_by("pk").values(*_columns(model))
    yield from query.iterator(chunk_size=2000)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _store_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == "tmp" or not path.is_file():
            continue
        yield relative


def _repeatable_read(outermost: bool) -> None:
    """One consistent view of the database while the tables are read one after another
    (SQLite gives it to any transaction; PostgreSQL needs asking, as its first statement)."""
    if connection.vendor == "postgresql" and outermost:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def backup(target: Path) -> Summary:
    """Write a backup of the database and the file store into `target` (new or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; give a new or empty folder")
    (target / "db").mkdir(parents=True, exist_ok=True)
    summary = Summary()
    tables: dict[str, dict[str, Any]] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        _repeatable_read(outermost)
        schema = applied_migrations()
        for model in dumped_models():
            label = _label(model)
            name = f"db/{label}.jsonl"
            digest = hashlib.sha256()
            count = 0
            with (target / name).open("wb") as out:
                for row in _rows(model):
                    line = _line(row)
                    digest.update(line)
                    out.write(line)
                    count += 1
            tables[label] = {"file": name, "rows": count, "sha256": digest.hexdigest()}
            summary.tables[label] = count
    files: dict[str, dict[str, Any]] = {}
    store = Path(settings.LOCALGBF_FILE_STORE)
    for relative in _store_files(store):
        destination = target / "files" / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(store / relative, destination)
        size = destination.stat().st_size
        files[relative.as_posix()] = {"size": size, "sha256": sha256_of(destination)}
        summary.files += 1
        summary.file_bytes += size
    manifest = {
        "format": FORMAT,
        "localgbf": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": schema,
        "tables": tables,
        "files": files,
    }
    (target / MANIFEST).write_text(
        json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8"
    )
    return summary


def read_manifest(source: Path) -> dict[str, Any]:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: {source} is not a localgbf backup")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is damaged: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} manifest")
    for key in ("migrations", "tables", "files"):
        if not isinstance(manifest.get(key), dict):
            raise BackupError(f"{path} is damaged: no {key!r} section")
    return manifest


def _safe_relative(source: Path, relative: str) -> Path:
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"{source / MANIFEST} names a file outside the backup: {relative!r}")
    return path


def verify(source: Path, manifest: dict[str, Any]) -> None:
    """Check every dump and file against the manifest; the first difference is named."""
    source = Path(source)
    known = {_label(m) for m in dumped_models()}
    for label, entry in sorted(manifest["tables"].items()):
        if label not in known:
            raise BackupError(f"the backup holds table {label!r}, which this localgbf lacks")
        path = source / _safe_relative(source, entry["file"])
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup")
        if sha256_of(path) != entry["sha256"]:
            raise BackupError(f"{path} does not match its checksum: the backup is damaged")
    for relative, entry in sorted(manifest["files"].items()):
        path = source / "files" / _safe_relative(source, relative)
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup")
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"{path} does not match its checksum: the backup is damaged")


def check_schema(manifest: dict[str, Any]) -> None:
    ours = applied_migrations()
    theirs = {app: list(names) for app, names in manifest["migrations"].items()}
    if ours == theirs:
        return
    missing = sorted(
        f"{app}.{name}"
        for app, names in theirs.items()
        for name in names
        if name not in ours.get(app, [])
    )
    extra = sorted(
        f"{app}.{name}"
        for app, names in ours.items()
        for name in names
        if name not in theirs.get(app, [])
    )
    details = []
    if missing:
        details.append(f"migrations in the backup this database lacks: {', '.join(missing[:5])}")
    if extra:
        details.append(
            f"migrations this database has that the backup lacks: {', '.join(extra[:5])}"
        )
    raise BackupError(
        "the backup was made with another schema version ("
        + "; ".join(details)
        + "); restore it with the localgbf version that made it"
    )


def rows_in_database() -> dict[str, int]:
    """Rows per table, leaving out those `migrate` creates by itself and sessions."""
    counts = {}
    for model in dumped_models():
        if _label(model) in MIGRATE_FILLS:
            continue
        count = model._base_manager.count()
        if count:
            counts[_label(model)] = count
    return counts


def _read_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                row = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise BackupError(f"{path}, line {number}: not a JSON row ({exc})") from None
            if not isinstance(row, dict):
                raise BackupError(f"{path}, line {number}: not a JSON object")
            yield row


def _instances(
    model: type[models.Model], rows: Iterable[dict[str, Any]], path: Path
) -> Iterator[models.Model]:
    fields = {f.attname: f for f in model._meta.local_concrete_fields}
    for number, row in enumerate(rows, start=1):
        unknown = set(row) - set(fields)
        if unknown:
            raise BackupError(f"{path}, row {number}: unknown column(s) {sorted(unknown)}")
        values = {}
        for name, value in row.items():
            f = fields[name]
            values[name] = (
                value if value is None or isinstance(f, models.JSONField) else (f.to_python(value))
            )
        yield model(**values)


@contextmanager
def _stored_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Keep the backed-up values of `auto_now` / `auto_now_add` fields instead of "now"."""
    stamped = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.local_concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _now, _add in stamped:
        f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, now, add in stamped:
            f.auto_now, f.auto_now_add = now, add  # type: ignore[attr-defined]


def _batches(items: Iterable[models.Model]) -> Iterator[list[models.Model]]:
    batch: list[models.Model] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_tables(source: Path, manifest: dict[str, Any], replace: bool) -> dict[str, int]:
    ordered = dumped_models()
    with transaction.atomic():
        for model in reversed(ordered):
            if replace or _label(model) in MIGRATE_FILLS:
                model._base_manager.all()._raw_delete(connection.alias)
        if replace:
            apps.get_model("sessions", "Session")._base_manager.all()._raw_delete(connection.alias)
        loaded: dict[str, int] = {}
        for model in ordered:
            entry = manifest["tables"].get(_label(model))
            if entry is None:
                continue
            path = source / entry["file"]
            count = 0
            with _stored_timestamps(model):
                for batch in _batches(_instances(model, _read_rows(path), path)):
                    model._base_manager.bulk_create(batch)
                    count += len(batch)
            if count != entry["rows"]:
                raise BackupError(f"{path} holds {count} rows; its manifest says {entry['rows']}")
            loaded[_label(model)] = count
        statements = connection.ops.sequence_reset_sql(no_style(), ordered)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        connection.check_constraints()
    return loaded


def _restore_files(source: Path, manifest: dict[str, Any]) -> tuple[int, int]:
    store = Path(settings.LOCALGBF_FILE_STORE)
    (store / "tmp").mkdir(parents=True, exist_ok=True)
    count = size = 0
    for relative, entry in sorted(manifest["files"].items()):
        destination = store / relative
        if destination.is_file() and sha256_of(destination) == entry["sha256"]:
            count += 1
            size += entry["size"]
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=store / "tmp")
        os.close(fd)
        try:
            shutil.copyfile(source / "files" / relative, tmp_name)
            os.replace(tmp_name, destination)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
        count += 1
        size += entry["size"]
    return count, size


def _remove_files_not_in(manifest: dict[str, Any]) -> int:
    store = Path(settings.LOCALGBF_FILE_STORE)
    keep = set(manifest["files"])
    removed = 0
    for relative in list(_store_files(store)):
        if relative.as_posix() not in keep:
            (store / relative).unlink()
            removed += 1
    return removed


def restore(source: Path, *, replace: bool = False) -> Summary:
    """Restore a backup made by `backup` into this installation's database and file store."""
    source = Path(source)
    manifest = read_manifest(source)
    verify(source, manifest)
    check_schema(manifest)
    existing = rows_in_database()
    if existing and not replace:
        shown = ", ".join(f"{label} ({n})" for label, n in sorted(existing.items())[:5])
        raise BackupError(
            f"the database is not empty ({shown}{', ...' if len(existing) > 5 else ''}); "
            "restore into an empty database, or pass --replace to delete its data first"
        )
    files, file_bytes = _restore_files(source, manifest)
    loaded = _load_tables(source, manifest, replace)
    if replace:
        _remove_files_not_in(manifest)
    apps.get_model("contenttypes", "ContentType").objects.clear_cache()
    return Summary(tables=loaded, files=files, file_bytes=file_bytes)


def table_digests() -> dict[str, tuple[int, str]]:
    """Rows and a checksum of every table's content, as a backup would write it."""
    digests = {}
    for model in dumped_models():
        digest = hashlib.sha256()
        count = 0
        for row in _rows(model):
            digest.update(_line(row))
            count += 1
        digests[_label(model)] = (count, digest.hexdigest())
    return digests


def store_digests() -> dict[str, str]:
    store = Path(settings.LOCALGBF_FILE_STORE)
    return {r.as_posix(): sha256_of(store / r) for r in _store_files(store)}
