"""`localgbf backup` then `localgbf restore` into an empty database gives back every row and every
stored file; a damaged backup or a database that holds data is refused before anything is written.

Runs on whichever database the suite runs on (SQLite, or PostgreSQL when DATABASE_URL says so;
CI runs both), so the round trip is tested on each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from localgbf.cli.main import cli
from localgbf.web.core import backup as bk
from localgbf.web.core.demo import build_demo
from localgbf.web.governments.models import Government


@pytest.fixture
def demo_installation(db, settings, tmp_path: Path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    build_demo()
    species = tmp_path / "store" / "species" / "CNKMG"
    species.mkdir(parents=True, exist_ok=True)
    (species / "records.bin").write_bytes(bytes(range(256)) * 10)
    return tmp_path


def empty_the_installation(tmp_path: Path, settings) -> None:
    """What a fresh installation looks like: migrated, no data, an empty file store.

    Like `manage flush` (which PostgreSQL refuses inside the test's transaction): every row
    deleted, then what `migrate` fills by itself filled again, with new ids.
    """
    for model in reversed(bk.dumped_models()):
        model._base_manager.all()._raw_delete(connection.alias)
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    settings.LOCALGBF_FILE_STORE = tmp_path / "fresh-store"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_backup_restores_every_row_and_file_into_an_empty_database(
    demo_installation: Path, settings
):
    tables_before = bk.table_digests()
    files_before = bk.store_digests()
    assert tables_before["governments.government"][0] >= 8
    assert any(name.startswith("species/CNKMG/") for name in files_before)
    assert len(files_before) >= 2

    result = invoke("backup", str(demo_installation / "backup"))
    assert result.exit_code == 0, result.output
    assert f"and {len(files_before)} files" in result.output

    empty_the_installation(demo_installation, settings)
    assert Government.objects.count() == 0
    assert bk.store_digests() == {}

    result = invoke("restore", str(demo_installation / "backup"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Restored ")
    assert bk.table_digests() == tables_before
    assert bk.store_digests() == files_before


def test_the_manifest_holds_the_schema_rows_and_checksums(demo_installation: Path):
    invoke("backup", str(demo_installation / "backup"))
    manifest = json.loads((demo_installation / "backup" / "manifest.json").read_text())
    assert manifest["format"] == "localgbf-backup/1"
    assert manifest["database"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["governments"]
    entry = manifest["tables"]["governments.government"]
    assert entry["rows"] == Government.objects.count()
    dump = demo_installation / "backup" / entry["file"]
    assert len(dump.read_text().splitlines()) == entry["rows"]
    assert entry["sha256"] == bk.sha256_of(dump)
    assert "sessions.session" not in manifest["tables"]


def test_after_a_restore_new_rows_get_fresh_ids(demo_installation: Path, settings):
    invoke("backup", str(demo_installation / "backup"))
    highest = Government.objects.order_by("-pk").first().pk
    empty_the_installation(demo_installation, settings)
    invoke("restore", str(demo_installation / "backup"))
    new = Government.objects.create(code="XXNEW", kind="country", name={"en": "New"})
    assert new.pk > highest


def test_a_database_that_holds_data_is_refused_unless_replace(demo_installation: Path):
    invoke("backup", str(demo_installation / "backup"))
    Government.objects.create(code="XXADD", kind="country", name={"en": "Added after"})
    result = invoke("restore", str(demo_installation / "backup"))
    assert result.exit_code == 1
    assert "the database is not empty (" in result.output
    assert "pass --replace" in result.output
    assert Government.objects.filter(code="XXADD").exists()

    result = invoke("restore", "--replace", str(demo_installation / "backup"))
    assert result.exit_code == 0, result.output
    assert not Government.objects.filter(code="XXADD").exists()


def test_a_backup_into_a_folder_that_holds_files_is_refused(demo_installation: Path):
    target = demo_installation / "occupied"
    target.mkdir()
    (target / "x").write_text("x")
    result = invoke("backup", str(target))
    assert result.exit_code == 1
    assert "is not empty" in result.output


def damage_a_dump(backup: Path) -> str:
    path = backup / "db" / "governments.government.jsonl"
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    return str(path)


def damage_a_stored_file(backup: Path) -> str:
    path = backup / "files" / "species" / "CNKMG" / "records.bin"
    path.write_bytes(b"changed")
    return str(path)


def remove_a_stored_file(backup: Path) -> str:
    path = backup / "files" / "species" / "CNKMG" / "records.bin"
    path.unlink()
    return str(path)


def damage_the_manifest(backup: Path) -> str:
    path = backup / "manifest.json"
    path.write_text(path.read_text()[:100])
    return str(path)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_a_dump, "does not match its checksum"),
        (damage_a_stored_file, "does not match its checksum"),
        (remove_a_stored_file, "is missing from the backup"),
        (damage_the_manifest, "is damaged"),
    ],
)
def test_a_damaged_backup_is_refused_naming_the_file_and_nothing_is_written(
    demo_installation: Path, settings, damage, message
):
    backup = demo_installation / "backup"
    invoke("backup", str(backup))
    named = damage(backup)
    empty_the_installation(demo_installation, settings)
    result = invoke("restore", str(backup))
    assert result.exit_code == 1
    assert named in result.output
    assert message in result.output
    assert Government.objects.count() == 0
    assert bk.store_digests() == {}


def test_a_backup_of_another_schema_version_is_refused(demo_installation: Path, settings):
    backup = demo_installation / "backup"
    invoke("backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["migrations"]["governments"].append("0099_from_the_future")
    (backup / "manifest.json").write_text(json.dumps(manifest))
    empty_the_installation(demo_installation, settings)
    result = invoke("restore", str(backup))
    assert result.exit_code == 1
    assert "governments.0099_from_the_future" in result.output
    assert Government.objects.count() == 0


def test_a_row_count_that_disagrees_with_the_manifest_rolls_everything_back(
    demo_installation: Path, settings
):
    backup = demo_installation / "backup"
    invoke("backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["tables"]["governments.government"]["rows"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    empty_the_installation(demo_installation, settings)
    result = invoke("restore", str(backup))
    assert result.exit_code == 1
    assert "governments.government.jsonl holds" in result.output
    assert Government.objects.count() == 0
