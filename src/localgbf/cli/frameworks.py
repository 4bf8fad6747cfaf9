"""`localgbf frameworks ...`: the reference frameworks shipped with localgbf."""

from __future__ import annotations

from typing import Any

import click

from localgbf.cli.options import echo_json, json_option, lang_option
from localgbf.frameworks import catalog
from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.records import FrameworkRecord
from localgbf.frameworks.text import Text


@click.group()
def frameworks() -> None:
    """The KMGBF, the Plan of Action of decision 15/12 and the Singapore Index, as data."""


def _label(text: Text, lang: str) -> str:
    shown = text.render(lang)
    if shown.is_fallback:
        return f"{shown.text} [{shown.language}]"
    if text.official and not shown.official:
        return f"{shown.text} [unofficial]"
    return shown.text


def _record_json(record: FrameworkRecord, lang: str) -> dict[str, Any]:
    shown = record.title.render(lang)
    return {
        "id": record.id,
        "kind": record.kind,
        "code": record.code,
        "title": shown.text,
        "title_language": shown.language,
        "title_official": shown.official,
        "parent": record.parent,
    }


def _load(slug: str) -> Any:
    try:
        return catalog.get(slug)
    except FrameworkDataError as exc:
        raise click.ClickException(str(exc)) from None


@frameworks.command("list")
@click.argument("framework", type=click.Choice(sorted(catalog.PACKAGED)))
@lang_option
@json_option
def list_records(framework: str, lang: str, as_json: bool) -> None:
    """List the records of FRAMEWORK (goals, targets, indicators, action areas, ...).

    With --json: the whole framework as one document; for kmgbf
    {"goals": [...], "targets": [...], "indicators": [...]}.
    """
    fw = _load(framework)
    if as_json:
        echo_json(fw.to_json())
        return
    click.echo(f"{_label(fw.title, lang)} — version {fw.version}")
    for record in fw.records():
        indent = "    " if record.parent else "  "
        click.echo(f"{indent}{record.local_id:<10} {_label(record.title, lang)}")


@frameworks.command("show")
@click.argument("record_id")
@lang_option
@json_option
def show(record_id: str, lang: str, as_json: bool) -> None:
    """Show one record by id, e.g. `kmgbf:T3`, `kmgbf:A.1`, `plan-of-action:AA6`, or `T3`."""
    try:
        record = catalog.find(record_id)
    except catalog.UnknownRecord as exc:
        raise click.ClickException(str(exc)) from None
    except KeyError as exc:
        raise click.ClickException(exc.args[0]) from None
    if as_json:
        data = _record_json(record, lang)
        data["framework"] = record.framework
        data["version"] = record.version
        data["title_all"] = record.title.as_dict()
        data["text"] = record.text.as_dict() if record.text else None
        children = [r for r in catalog.all_records(record.framework) if r.parent == record.id]
        data["children"] = [_record_json(c, lang) for c in children]
        echo_json(data)
        return
    click.echo(f"{record.id}  ({record.kind}, {record.framework} {record.version})")
    click.echo(_label(record.title, lang))
    if record.text:
        click.echo("")
        click.echo(_label(record.text, lang))
    children = [r for r in catalog.all_records(record.framework) if r.parent == record.id]
    if children:
        click.echo("")
        for child in children:
            click.echo(f"  {child.local_id:<10} {_label(child.title, lang)}")
