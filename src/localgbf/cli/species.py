"""`localgbf species ...`: occurrence records and checklists into a store, and the species
indicators (3, 4, 5, 6, 9) from it.

Thin wrappers around `localgbf.species`; the web jobs and `localgbf assess` call the same
functions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from localgbf.cli.options import echo_json, json_option, lang_option, show_progress

PATH = click.Path(exists=False, path_type=Path)
FILE = click.Path(exists=False, dir_okay=False, path_type=Path)
STORE = click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The species store folder (created by the first import).",
)


@contextmanager
def _errors() -> Iterator[None]:
    """Input errors of the species and spatial packages become one-line CLI errors."""
    from localgbf.spatial.errors import SpatialInputError
    from localgbf.species.errors import SpeciesDataError

    try:
        yield
    except (SpeciesDataError, SpatialInputError) as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def _progress_bar(enabled: bool, label: str) -> Iterator[Callable[[str, float], None] | None]:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not enabled:
        yield None
        return
    bar: Any
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        done = {"value": 0}

        def update(stage: str, fraction: float) -> None:
            target = min(100, round(fraction * 100))
            bar.label = f"{label}: {stage}"
            if target > done["value"]:
                bar.update(target - done["value"])
                done["value"] = target

        yield update


def _reason(key: str, lang: str) -> str:
    from localgbf.species.reference import quality_reference

    label = quality_reference().reasons.get(key)
    return label.get(lang) if label else key


@click.group()
def species() -> None:
    """Species occurrence records, checklists and indicators 3, 4, 5, 6 and 9."""


@species.command("import")
@click.argument("source", type=PATH)
@STORE
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["dwca", "gbif-csv", "inat-csv"]),
    help="The file's format (told from the file when omitted).",
)
@click.option("--keep-extensions", is_flag=True, help="Keep a DwC-A's extension tables.")
@click.option("--title", help="Title of the data set (overrides its metadata).")
@click.option("--citation", help="How to cite the data set (overrides its metadata).")
@click.option("--doi", help="DOI of the data set, e.g. a GBIF download DOI.")
@click.option("--licence", help="Licence of the data set (URL or name).")
@lang_option
@json_option
def import_(
    source: Path,
    store_dir: Path,
    format_name: str | None,
    keep_extensions: bool,
    title: str | None,
    citation: str | None,
    doi: str | None,
    licence: str | None,
    lang: str,
    as_json: bool,
) -> None:
    """Import SOURCE (a Darwin Core Archive, a GBIF simple CSV or an iNaturalist CSV) into the
    store. All or nothing: on any error the store is left as it was.

    With --json: the stored data set's description (records, rejected by reason, citation).
    """
    from localgbf.species.eml import DatasetInfo
    from localgbf.species.occurrences import import_occurrences
    from localgbf.species.store import open_store

    info = DatasetInfo(title=title, citation=citation, doi=doi, licence=licence)
    with _errors(), _progress_bar(show_progress(as_json), source.name) as progress:
        result = import_occurrences(
            source,
            open_store(store_dir),
            format=format_name,
            info=info,
            keep_extensions=keep_extensions,
            progress=progress,
        )
    record = result.dataset
    if as_json:
        echo_json({**record.model_dump(mode="json"), "already_present": result.already_present})
        return
    if result.already_present:
        click.echo(f"{source.name} is already in the store as data set {record.id}.")
    click.echo(
        f"Imported {record.records:,} records from {record.source_name} ({record.format}) "
        f"as data set {record.id}; {record.rows_read:,} rows read."
    )
    rejected = sum(record.rejected.values())
    click.echo(f"Rejected: {rejected:,}")
    for key, count in record.rejected.items():
        click.echo(f"  {_reason(key, lang)}: {count:,}")
    if record.obscured:
        click.echo(f"Obscured or generalised coordinates: {record.obscured:,} records")
    if record.info.citation:
        click.echo(f"Cite as: {record.info.citation}")
    for warning in record.warnings:
        click.echo(f"Note: {warning}")


@species.command()
@click.argument("source", type=PATH)
@STORE
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["dwca", "csv"]),
    help="dwca: a Darwin Core checklist such as GRIIS; csv: scientificName, establishment.",
)
@click.option(
    "--scope",
    type=click.Choice(["local", "regional", "national", "global"]),
    help="How far the list reaches (default: national for dwca, local for csv).",
)
@click.option(
    "--default-category",
    type=click.Choice(["native", "introduced", "invasive", "uncertain"]),
    help="Category of taxa the checklist gives no establishmentMeans for.",
)
@json_option
def checklist(
    source: Path,
    store_dir: Path,
    format_name: str | None,
    scope: str | None,
    default_category: str | None,
    as_json: bool,
) -> None:
    """Import the checklist SOURCE (native / introduced / invasive taxa) into the store."""
    from localgbf.species.checklists import import_checklist
    from localgbf.species.store import open_store

    with _errors():
        result = import_checklist(
            source,
            open_store(store_dir),
            format=format_name,
            scope=scope,
            default_category=default_category,
        )
    record = result.checklist
    if as_json:
        echo_json({**record.model_dump(mode="json"), "already_present": result.already_present})
        return
    if result.already_present:
        click.echo(f"{source.name} is already in the store as checklist {record.id}.")
    categories = ", ".join(f"{k} {v:,}" for k, v in record.by_category.items())
    click.echo(
        f"Checklist {record.id} ({record.format}, {record.scope}): {record.entries:,} taxa "
        f"({categories}); {record.flagged_invasive:,} flagged invasive."
    )
    if record.info.citation:
        click.echo(f"Cite as: {record.info.citation}")
    for warning in record.warnings:
        click.echo(f"Note: {warning}")


@species.command()
@STORE
@click.option("--boundary", required=True, type=FILE, help="City boundary (any vector format).")
@click.option("--landcover", type=FILE, help="Land cover, for built-up areas (indicator 3).")
@click.option("--class-map", help="Class map of the land cover: a preset name or a YAML file.")
@click.option("--from", "year_from", type=int, help="First year of the survey period.")
@click.option("--to", "year_to", type=int, help="Last year of the survey period.")
@click.option("--previous-from", type=int, help="First year of the previous period.")
@click.option("--previous-to", type=int, help="Last year of the previous period.")
@click.option("--sensitive", type=FILE, help="Species whose coordinates are never shown.")
@click.option(
    "--unlisted-as-native",
    is_flag=True,
    help="Count species no checklist lists as native (for alien-only lists such as GRIIS).",
)
@lang_option
@json_option
def indicators(
    store_dir: Path,
    boundary: Path,
    landcover: Path | None,
    class_map: str | None,
    year_from: int | None,
    year_to: int | None,
    previous_from: int | None,
    previous_to: int | None,
    sensitive: Path | None,
    unlisted_as_native: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Indicators 3, 4, 5, 6 and 9 from every data set and checklist in the store.

    With --json: {"indicator_3": {...}, ..., "indicator_9": {...}, "unmatched_names": N,
    "obscured_records": N, "unmatched": [...], "excluded_records": {...}, "datasets": [...]}.
    """
    from localgbf.species.recipe import species_report
    from localgbf.species.store import open_store

    years = _pair(year_from, year_to, "--from", "--to")
    previous = _pair(previous_from, previous_to, "--previous-from", "--previous-to")
    if previous is not None and years is None:
        raise click.UsageError("--previous-from/--previous-to need --from and --to")
    if (landcover is None) != (class_map is None):
        raise click.UsageError("--landcover and --class-map go together")
    with _errors():
        if not open_store(store_dir).exists():
            raise click.ClickException(f"{store_dir}: no species store here; import data first")
        report = species_report(
            store_dir=store_dir,
            occurrence_files=[],
            checklist=None,
            sensitive_species=sensitive,
            boundary=boundary,
            landcover=landcover,
            class_map=class_map,
            years=years,
            previous_years=previous,
            unlisted="native" if unlisted_as_native else "unmatched",
        )
    if as_json:
        echo_json(report.as_json())
        return
    _print_report(report, lang)


def _pair(first: int | None, last: int | None, a: str, b: str) -> tuple[int, int] | None:
    if first is None and last is None:
        return None
    if first is None or last is None:
        raise click.UsageError(f"{a} and {b} go together")
    return first, last


def _print_report(report: Any, lang: str) -> None:
    from localgbf.species.reference import indicator_methods

    for value in report.indicators:
        name = indicator_methods().get(value.indicator).name.get(lang)
        shown = "—" if value.value is None else f"{value.value:,.2f}"
        click.echo(f"{value.indicator:>3}  {name[:52]:<52} {shown:>10} {value.unit}")
        details = value.details
        if "native_species" in details and "group" in details:
            line = f"       native species: {details['native_species']}"
            if "previous_native_species" in details:
                line += (
                    f", previous period: {details['previous_native_species']}, "
                    f"added {details['added_count']}, lost {details['lost_count']}"
                )
            click.echo(line)
        for warning in value.warnings:
            click.echo(f"       note: {warning}")
    click.echo(f"Unmatched names: {len(report.unmatched)}")
    for item in report.unmatched[:10]:
        click.echo(f"  {item.species} ({item.group}): {item.records:,} records")
    click.echo(f"Obscured records: {report.obscured_records:,}")
    for key, count in report.excluded.items():
        click.echo(f"  not counted, {_reason(key, lang)}: {count:,}")


@species.command()
@STORE
@json_option
def datasets(store_dir: Path, as_json: bool) -> None:
    """The data sets and checklists in the store, with their citations."""
    from localgbf.species.store import open_store

    with _errors():
        store = open_store(store_dir)
        found = store.datasets()
        lists = store.checklists()
    if as_json:
        echo_json(
            {
                "datasets": [d.model_dump(mode="json") for d in found],
                "checklists": [c.model_dump(mode="json") for c in lists],
            }
        )
        return
    for d in found:
        click.echo(f"{d.id}  {d.format:<9} {d.records:>12,} records  {d.source_name}")
        if d.info.citation:
            click.echo(f"    cite: {d.info.citation}")
    for c in lists:
        click.echo(f"{c.id}  {c.format:<9} {c.entries:>12,} taxa     {c.source_name} ({c.scope})")
        if c.info.citation:
            click.echo(f"    cite: {c.info.citation}")


@species.command()
@click.argument("name")
@STORE
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many.")
@click.option("--sensitive", type=FILE, help="Species whose coordinates are never shown.")
@json_option
def records(name: str, store_dir: Path, limit: int, sensitive: Path | None, as_json: bool) -> None:
    """The stored records of the species NAME, with their data set (coordinates of sensitive
    species are blanked)."""
    from localgbf.species.evidence import load_sensitive_species, records_for
    from localgbf.species.store import open_store

    with _errors():
        hidden = load_sensitive_species(sensitive) if sensitive else None
        found = records_for(open_store(store_dir), name, sensitive=hidden, limit=limit)
    if as_json:
        echo_json(found)
        return
    for record in found:
        where = (
            "coordinates withheld"
            if record["latitude"] is None
            else f"{record['latitude']:.5f}, {record['longitude']:.5f}"
        )
        click.echo(f"{record['dataset']}:{record['row']}  {record['occurrence_id']}  {where}")


from localgbf.cli.species_fetch import fetch  # noqa: E402  (the connectors register their command)

species.add_command(fetch)
