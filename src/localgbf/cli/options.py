"""Options shared by every command group, so they read the same everywhere."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

LANGUAGE_CHOICES = ["en", "zh-hans", "ar", "es", "fr", "ru"]


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print a JSON document on stdout.")(
        func
    )


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGE_CHOICES, case_sensitive=False),
        default="en",
        show_default=True,
        help="Language of the text shown (English is shown, marked, where a text is missing).",
    )(func)


def out_option(func: F) -> F:
    return click.option(
        "--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file."
    )(func)


def verbosity_options(func: F) -> F:
    func = click.option("-q", "--quiet", count=True, help="Say less.")(func)
    return click.option("-v", "--verbose", count=True, help="Say more.")(func)


def echo_json(data: Any) -> None:
    """Write `data` as JSON on stdout (UTF-8, CJK kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def show_progress(as_json: bool) -> bool:
    """Progress bars go to a terminal only, never into a pipe that carries JSON."""
    return sys.stderr.isatty() and not (as_json and not sys.stdout.isatty())
