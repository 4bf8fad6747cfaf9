"""`localgbf governments ...`: the governments on the platform."""

from __future__ import annotations

import click

from localgbf.cli.django_setup import setup_django
from localgbf.cli.options import echo_json, json_option


@click.group()
def governments() -> None:
    """Countries, regions, cities and other local authorities."""


@governments.command("list")
@json_option
def list_governments(as_json: bool) -> None:
    """List governments: code, kind, names in English and Chinese, parent."""
    setup_django()
    from localgbf.web.governments.models import Government

    found = list(Government.objects.select_related("parent").order_by("path"))
    rows = [
        {
            "code": g.code,
            "kind": g.kind,
            "name": {k: v for k, v in (g.name or {}).items() if k != "official"},
            "parent": g.parent.code if g.parent else None,
            "population": g.population,
        }
        for g in found
    ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No governments yet. Run `localgbf demo` for the demo country.")
        return
    for g, row in zip(found, rows, strict=True):
        names = " / ".join(row["name"].values())
        click.echo(f"{'  ' * g.path.count('/')}{row['code']:<8} {row['kind']:<8} {names}")
