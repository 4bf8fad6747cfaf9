"""`localgbf report ...`: reports built from what the platform holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from localgbf.cli.django_setup import setup_django

FORMATS = ("json", "xlsx", "pdf")


@click.group()
def report() -> None:
    """Reports for national reporting, built from the platform's records."""


@report.command("plan-of-action")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write.",
)
@click.option(
    "--lang",
    type=click.Choice(["both", "en", "zh-hans"]),
    default="both",
    show_default=True,
    help="Language of the PDF and XLSX (both: bilingual). The JSON holds both.",
)
def plan_of_action(code: str, fmt: str, out_file: Path, lang: str) -> None:
    """The implementation report of the Plan of Action (decision 15/12, paragraph 3) for the
    country CODE, or for the network CODE across its members: one entry per action area 1-7,
    each figure with the records behind it (addresses relative to the site)."""
    setup_django()
    from localgbf.reporting.pdf import ReportingError, find_cjk_font
    from localgbf.reporting.plan_of_action_report import (
        build_report,
        report_json,
        report_pdf,
        report_xlsx,
    )
    from localgbf.web.governments.models import Government
    from localgbf.web.participation import poa
    from localgbf.web.participation.models import Organisation

    country = Government.objects.filter(code=code, kind="country").first()
    if country is not None:
        data = poa.country_input(country)
    else:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise click.ClickException(f"no country or network has the code {code!r}")
        data = poa.network_input(organisation)
    result = build_report(data)
    if fmt == "json":
        body = json.dumps(report_json(result), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "xlsx":
        body = report_xlsx(result, lang)
    else:
        try:
            body = report_pdf(result, font=find_cjk_font(), language=lang)
        except ReportingError as err:
            raise click.ClickException(str(err)) from err
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(body)
    for area in result.areas:
        shown = ", ".join(f"{f.key}={f.value}" for f in area.figures[:3])
        click.echo(f"AA{area.number}: {shown}")
    click.echo(out_file)
