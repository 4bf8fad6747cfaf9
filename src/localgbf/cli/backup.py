"""`localgbf backup DIR` and `localgbf restore DIR`: the database and the stored files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from localgbf.cli.django_setup import migrate_if_needed, setup_django

if TYPE_CHECKING:
    from localgbf.web.core.backup import Summary


def _report(verb: str, folder: Path, summary: Summary, as_json: bool) -> None:
    tables = summary.tables
    if as_json:
        click.echo(
            json.dumps(
                {
                    "folder": str(folder),
                    "tables": tables,
                    "rows": sum(tables.values()),
                    "files": summary.files,
                    "file_bytes": summary.file_bytes,
                },
                indent=1,
                sort_keys=True,
            )
        )
        return
    click.echo(
        f"{verb} {sum(tables.values())} rows in {len(tables)} tables and "
        f"{summary.files} files ({summary.file_bytes / 2**20:.1f} MiB) "
        f"{'to' if verb == 'Backed up' else 'from'} {folder}"
    )
    for label, rows in sorted(tables.items()):
        if rows:
            click.echo(f"  {label:<40} {rows:>8}")


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def backup(folder: Path, as_json: bool) -> None:
    """Back up the database and every stored file into FOLDER (new or empty).

    FOLDER gets manifest.json (schema version, rows and SHA-256 per table, SHA-256 per file),
    db/*.jsonl and files/. Stop the worker first for a backup of a quiet installation.
    """
    setup_django()
    from localgbf.web.core.backup import BackupError
    from localgbf.web.core.backup import backup as make_backup

    try:
        summary = make_backup(folder)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    _report("Backed up", folder, summary, as_json)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Delete the data already in the database and file store."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def restore(folder: Path, replace: bool, as_json: bool) -> None:
    """Restore a backup made by `localgbf backup` (SQLite or PostgreSQL, either way round).

    Every checksum is checked before anything is written; the tables are loaded in one
    transaction. A database that holds data is refused unless --replace is given.
    """
    setup_django()
    if migrate_if_needed():
        click.echo("Database migrated.", err=True)
    from localgbf.web.core.backup import BackupError
    from localgbf.web.core.backup import restore as restore_backup

    try:
        summary = restore_backup(folder, replace=replace)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    _report("Restored", folder, summary, as_json)
