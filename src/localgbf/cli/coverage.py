"""`localgbf coverage COUNTRY`: which subnational plans cover which national targets."""

from __future__ import annotations

from pathlib import Path

import click

from localgbf.cli.django_setup import setup_django
from localgbf.cli.options import echo_json, json_option


@click.command()
@click.argument("country_code")
@json_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the matrix as an XLSX workbook to this file.",
)
def coverage(country_code: str, as_json: bool, out: Path | None) -> None:
    """The coverage matrix of COUNTRY_CODE: national targets × subnational governments (actions
    and best degree of alignment), the KMGBF targets no subnational plan covers, and the finance
    summed over all subnational governments. Adopted plans count, and drafts where a plan has no
    adopted version."""
    setup_django()
    from localgbf.reporting.plan_exports import coverage_xlsx
    from localgbf.web.core.fields import as_text
    from localgbf.web.governments.models import Government, GovernmentKind
    from localgbf.web.plans.rollup import coverage_for

    country = Government.objects.filter(code=country_code).first()
    if country is None or country.kind != GovernmentKind.COUNTRY:
        raise click.ClickException(f"{country_code!r} is not the code of a country")
    result = coverage_for(country, None, all_drafts=True)
    matrix = result.matrix
    if out is not None:
        names = {
            g.code: as_text(g.name) for g in Government.objects.filter(code__in=result.parents)
        }
        out.write_bytes(
            coverage_xlsx(
                matrix,
                national_titles={
                    k: t for k, v in result.national_titles.items() if (t := as_text(v))
                },
                kmgbf_titles={k: t for k, v in result.kmgbf_titles.items() if (t := as_text(v))},
                government_names={k: v for k, v in names.items() if v is not None},
            )
        )
    if as_json:
        echo_json(matrix.to_json())
        return
    framework = result.framework
    which = f"{framework.slug} {framework.version}" if framework else "no national targets yet"
    click.echo(f"Coverage of the national targets of {country.code} ({which})")
    for row in matrix.national_targets:
        cells = " · ".join(f"{c.government} {c.actions} {c.best_alignment}" for c in row.cells)
        click.echo(f"  {row.code:>4}  {cells or '—'}")
    uncovered = ", ".join(matrix.kmgbf_targets_uncovered) or "none"
    click.echo(f"KMGBF targets no subnational plan covers: {uncovered}")
    click.echo(
        f"Finance ({matrix.currency}): needs {matrix.needs:,.2f} · secured {matrix.secured:,.2f}"
        f" · gap {matrix.gap:,.2f}"
    )
    for g in matrix.by_government:
        click.echo(f"  {g.code:<8} needs {g.needs:>18,.2f}  secured {g.secured:>18,.2f}")
    for warning in matrix.finance.warnings:
        click.echo(f"Note: {warning}", err=True)
    if out is not None:
        click.echo(f"Wrote the matrix to {out}.", err=True)
