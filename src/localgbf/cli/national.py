"""`localgbf national ...`: a country's NBSAP national targets."""

from __future__ import annotations

from pathlib import Path

import click

from localgbf.cli.django_setup import setup_django


@click.group()
def national() -> None:
    """A country's national targets (NBSAP), kept as versions aligned to the KMGBF."""


@national.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--country", "country_code", required=True, help="Code of the country, e.g. CN.")
@click.option(
    "--version", "version_label", help="Label of the new version (default: today's date)."
)
def import_targets(file: Path, country_code: str, version_label: str | None) -> None:
    """Import FILE (the CSV or XLSX template, or the ORT national-target JSON) as a new version
    of the country's national targets. Earlier versions and the plans linked to them are kept.
    A file with any problem is refused as a whole, naming the row and column."""
    setup_django()
    from localgbf.web.frameworks.models import Framework
    from localgbf.web.frameworks.national import import_national_targets, load_national_targets
    from localgbf.web.frameworks.tabular import ImportFileError
    from localgbf.web.governments.models import Government

    country = Government.objects.filter(code=country_code).first()
    if country is None:
        raise click.ClickException(f"no government has the code {country_code!r}")
    try:
        parsed = load_national_targets(file)
        framework = import_national_targets(parsed, country=country, version=version_label)
    except ImportFileError as err:
        raise click.ClickException(str(err)) from None
    alignments = sum(len(t.kmgbf_targets) for t in parsed.targets)
    click.echo(
        f"Imported {len(parsed.targets)} national targets of {country.code} as "
        f"{framework.slug} version {framework.version} (current), with {alignments} "
        "alignments to KMGBF targets."
    )
    older = Framework.objects.filter(slug=framework.slug).exclude(pk=framework.pk)
    if older.exists():
        labels = ", ".join(older.order_by("created_at").values_list("version", flat=True))
        click.echo(f"Earlier versions kept: {labels}.")
