"""`localgbf assess RECIPE.yaml`: every indicator a recipe's inputs allow, scored.

A thin wrapper around `localgbf.assess.run_assessment`, the function the web jobs and batch
call too. The recipe format is documented in docs/recipe.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from localgbf.assess import AssessError, AssessmentResult, load_recipe, run_assessment
from localgbf.assess.output import result_json
from localgbf.cli.options import json_option, lang_option, show_progress
from localgbf.cli.spatial import progress_bar


@click.command()
@click.argument("recipe", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@json_option
def assess(recipe: Path, lang: str, as_json: bool) -> None:
    """Compute and score every indicator the inputs of RECIPE allow.

    With --json: {"government", "edition", "indicators": [...], "scores": [...], "skipped",
    "warnings", "method_versions", "inputs"}.
    """
    try:
        loaded = load_recipe(recipe)
        with progress_bar(show_progress(as_json), "assess") as progress:
            result = run_assessment(loaded, progress=progress)
    except AssessError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(result_json(result))
        return
    _print(result, lang)


def _name(number: int, edition: str, lang: str) -> str:
    from localgbf.frameworks.singapore_index import load_singapore_index

    try:
        return load_singapore_index().edition(edition).indicator(number).name.get(lang)
    except KeyError:
        return ""


def _print(result: AssessmentResult, lang: str) -> None:
    click.echo(f"{result.government.name} ({result.government.code}), edition {result.edition}")
    for value in result.indicators:
        score = result.score(value.indicator)
        shown = "—" if value.value is None else f"{value.value:,.2f}"
        points = "—" if score is None or score.score is None else str(score.score)
        click.echo(
            f"{value.indicator:>3}  {_name(value.indicator, result.edition, lang)[:48]:<48} "
            f"{shown:>10} {value.unit:<20} score {points}"
        )
        for name, zone_value in value.zones.items():
            zone_shown = "—" if zone_value is None else f"{zone_value:,.2f}"
            click.echo(f"       {name:<46} {zone_shown:>10}")
    for number, reason in result.skipped.items():
        click.echo(f"{number:>3}  not computed: {reason}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
