"""`localgbf species fetch gbif|inaturalist`: occurrence records for a boundary, into a store.

A thin wrapper around `localgbf.species.connectors`. GBIF credentials for `--download` come
from the environment variables pygbif and rgbif users already know (GBIF_USER, GBIF_EMAIL,
GBIF_PWD) or, for the password, from a hidden prompt; they are passed to the download request
and nowhere else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from localgbf.cli.options import echo_json, json_option, show_progress

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)
SERVICES = ("gbif", "inaturalist")


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


@contextmanager
def _errors() -> Iterator[None]:
    from localgbf.spatial.errors import SpatialInputError
    from localgbf.species.connectors.errors import ConnectorError
    from localgbf.species.errors import SpeciesDataError

    try:
        yield
    except (ConnectorError, SpeciesDataError, SpatialInputError) as exc:
        raise click.ClickException(str(exc)) from None


def _groups(values: tuple[str, ...]) -> tuple[str, ...]:
    from localgbf.species.reference import taxon_groups

    known = taxon_groups().ids()
    found: list[str] = []
    for value in values:
        for part in value.replace(" ", ",").split(","):
            if not part:
                continue
            if part not in known:
                raise click.BadParameter(
                    f"{part!r} is not a taxon group; use {', '.join(known)}", param_hint="--groups"
                )
            found.append(part)
    return tuple(dict.fromkeys(found))


def _years(year_from: int | None, year_to: int | None) -> tuple[int, int] | None:
    from localgbf.species.connectors.reference import services

    if year_from is None and year_to is None:
        return None
    first = year_from if year_from is not None else services().split_from_year
    last = year_to if year_to is not None else datetime.now(UTC).year
    if first > last:
        raise click.BadParameter(f"--from {first} comes after --to {last}")
    return first, last


def _credentials(user: str | None, email: str | None) -> Any:
    from localgbf.species.connectors.gbif_download import GbifCredentials

    if not user or not email:
        raise click.UsageError(
            "--download needs a GBIF account: give --gbif-user and --gbif-email "
            "(or set GBIF_USER and GBIF_EMAIL); the password is read from GBIF_PWD or asked for"
        )
    password = os.environ.get("GBIF_PWD") or click.prompt(
        f"GBIF password for {user}", hide_input=True, err=True
    )
    return GbifCredentials(user=user, password=password, email=email)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _print(report: Any) -> None:
    data = report.as_json()
    what = {"search": "occurrence search", "download": "download", "observations": "observations"}
    pages = data["pages_fetched"] + data["pages_reused"]
    reused = (
        f", {data['pages_reused']} of them saved by an earlier run" if data["pages_reused"] else ""
    )
    click.echo(
        f"{data['service']} {what.get(data['method'], data['method'])}: {data['received']} "
        f"records received in {_plural(pages, 'page')}{reused} "
        f"({_plural(data['requests'], 'request')}, {data['retries']} retried)"
    )
    click.echo(
        f"  {data['outside_boundary']} outside the boundary, {data['duplicates']} repeated; "
        f"{data['kept']} handed to the importer"
    )
    obscured = data["obscured"]
    if obscured.get("any"):
        causes = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in obscured.items() if k != "any")
        click.echo(f"  obscured or generalised locations: {obscured['any']} ({causes})")
    dataset = data["dataset"]
    if dataset is not None:
        state = "already in the store" if data["already_present"] else "stored"
        rejected = ", ".join(f"{k} {v}" for k, v in dataset["rejected"].items()) or "none"
        click.echo(
            f"Data set {dataset['id']} ({state}): {dataset['records']} records; "
            f"set aside: {rejected}"
        )
        if dataset["citation"]:
            click.echo(f"Cite: {dataset['citation']}")
    for warning in data["warnings"]:
        click.echo(f"warning: {warning}", err=True)


@click.command()
@click.argument("service", type=click.Choice(SERVICES))
@click.option(
    "--boundary", type=FILE, required=True, help="City boundary (GeoPackage, GeoJSON, Shapefile)."
)
@click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The species store folder (created by the first import).",
)
@click.option("--from", "year_from", type=int, help="First year of the records.")
@click.option("--to", "year_to", type=int, help="Last year of the records.")
@click.option(
    "--groups",
    multiple=True,
    help="Taxon groups to fetch (vascular_plants, birds, arthropods); repeat or separate with "
    "commas. Default: all taxa.",
)
@click.option(
    "--basis-of-record",
    multiple=True,
    help="GBIF only: keep these kinds of record (HUMAN_OBSERVATION, PRESERVED_SPECIMEN, ...).",
)
@click.option(
    "--research-grade/--any-grade",
    default=True,
    show_default=True,
    help="iNaturalist only: research-grade observations, or all quality grades.",
)
@click.option(
    "--download",
    is_flag=True,
    help="GBIF only: use GBIF's asynchronous download (no 100,000-record cap, gives a DOI; "
    "needs a GBIF account).",
)
@click.option("--gbif-user", envvar="GBIF_USER", help="GBIF user name for --download [GBIF_USER].")
@click.option("--gbif-email", envvar="GBIF_EMAIL", help="E-mail of that account [GBIF_EMAIL].")
@json_option
@click.pass_context
def fetch(
    ctx: click.Context,
    service: str,
    boundary: Path,
    store_dir: Path,
    year_from: int | None,
    year_to: int | None,
    groups: tuple[str, ...],
    basis_of_record: tuple[str, ...],
    research_grade: bool,
    download: bool,
    gbif_user: str | None,
    gbif_email: str | None,
    as_json: bool,
) -> None:
    """Fetch the occurrence records of SERVICE (gbif or inaturalist) inside the boundary and
    import them into the store, with their citation.

    A run that stops half-way (network down, service busy) continues from its saved pages when
    the same command is run again; running it twice does not duplicate records.

    With --json: {"service", "method", "received", "outside_boundary", "kept", "obscured",
    "dataset": {"id", "records", "rejected", "citation", "doi", ...}, "warnings", ...}.
    """
    from localgbf.species.recipe import read_boundary_lonlat
    from localgbf.species.store import open_store

    if service != "gbif" and (basis_of_record or download):
        raise click.UsageError("--basis-of-record and --download apply to gbif only")
    chosen = _groups(groups)
    years = _years(year_from, year_to)
    credentials = _credentials(gbif_user, gbif_email) if download else None
    injected = ctx.find_object(dict) or {}
    network = {"transport": injected.get("http_transport"), "clock": injected.get("clock")}
    with _errors():
        area, warnings = read_boundary_lonlat(boundary)
        store = open_store(store_dir)
        with _progress_bar(show_progress(as_json), f"fetch {service}") as progress:
            run = {"name": boundary.stem, "progress": progress}
            if service == "gbif":
                query = GbifQueryArgs(years, chosen, tuple(v.upper() for v in basis_of_record))
                report = _fetch_gbif(area, store, query, credentials, network, run)
            else:
                report = _fetch_inaturalist(
                    area, store, years, chosen, research_grade, network, run
                )
    report.warnings[:0] = list(warnings)
    if as_json:
        echo_json(report.as_json())
        return
    _print(report)


@dataclass(frozen=True)
class GbifQueryArgs:
    years: tuple[int, int] | None
    groups: tuple[str, ...]
    basis_of_record: tuple[str, ...]


def _fetch_gbif(
    area: Any,
    store: Any,
    args: GbifQueryArgs,
    credentials: Any,
    network: dict[str, Any],
    run: dict[str, Any],
) -> Any:
    from localgbf.species.connectors.gbif import GbifQuery, fetch_gbif_search, gbif_client
    from localgbf.species.connectors.gbif_download import fetch_gbif_download

    query = GbifQuery(years=args.years, groups=args.groups, basis_of_record=args.basis_of_record)
    with gbif_client(**network) as client:
        if credentials is not None:
            return fetch_gbif_download(
                area, store, credentials=credentials, query=query, client=client, **run
            )
        return fetch_gbif_search(area, store, query=query, client=client, **run)


def _fetch_inaturalist(
    area: Any,
    store: Any,
    years: tuple[int, int] | None,
    groups: tuple[str, ...],
    research_grade: bool,
    network: dict[str, Any],
    run: dict[str, Any],
) -> Any:
    from localgbf.species.connectors.inaturalist import (
        INatQuery,
        fetch_inaturalist,
        inaturalist_client,
    )

    query = INatQuery(years=years, groups=groups, research_grade=research_grade)
    with inaturalist_client(**network) as client:
        return fetch_inaturalist(area, store, query=query, client=client, **run)
