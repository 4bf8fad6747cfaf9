"""`localgbf plans ...`: local and regional biodiversity strategies and action plans."""

from __future__ import annotations

import json
from pathlib import Path

import click

from localgbf.cli.django_setup import setup_django

FORMATS = ("json", "xlsx", "pdf")


@click.group()
def plans() -> None:
    """Plans of regions and cities: goals, targets, actions, alignment, budgets."""


@plans.command("export")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True
)
def export_plan(code: str, fmt: str, out: Path) -> None:
    """Export the plan of government CODE (the adopted version, else the latest draft) as JSON,
    XLSX or a bilingual PDF."""
    setup_django()
    from localgbf.reporting.pdf import ReportingError, find_cjk_font
    from localgbf.reporting.plan_exports import plan_json, plan_pdf, plan_xlsx
    from localgbf.web.plans.document import plan_document
    from localgbf.web.plans.models import Plan

    plan = Plan.objects.filter(government__code=code).select_related("government").first()
    version = plan.in_force() if plan else None
    if version is None:
        raise click.ClickException(f"{code} has no plan")
    data = plan_document(version)
    try:
        if fmt == "json":
            body = json.dumps(plan_json(data), ensure_ascii=False, indent=2).encode("utf-8")
        elif fmt == "xlsx":
            body = plan_xlsx(data)
        else:
            body = plan_pdf(data, font=find_cjk_font())
    except ReportingError as err:
        raise click.ClickException(str(err)) from None
    out.write_bytes(body)
    click.echo(
        f"Wrote version {version.number} ({version.status}) of the plan of {code} to {out} "
        f"({len(body):,} bytes)."
    )
