"""`localgbf index ...`: score Singapore Index values and whole score cards."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from localgbf.cli.options import echo_json, json_option, lang_option
from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.singapore_index import DEFAULT_EDITION, load_singapore_index
from localgbf.index.bands import BandTable, default_band_table, load_band_table
from localgbf.index.errors import IndexInputError
from localgbf.index.files import load_assessment_file
from localgbf.index.labels import label
from localgbf.index.scorecard import ScoreCard, build_scorecard
from localgbf.index.scoring import indicator_of, score_value
from localgbf.reporting.pdf import ReportingError

USER_ERRORS = (IndexInputError, FrameworkDataError, ReportingError)

bands_option = click.option(
    "--bands",
    "bands_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A band table (YAML or CSV) that completes the packaged bands of the edition.",
)


@click.group()
def index() -> None:
    """The Singapore Index on Cities' Biodiversity: scores, score cards, band tables."""


def _table(bands_file: Path | None, edition: str) -> BandTable:
    table = default_band_table(edition)
    return table.overlay(load_band_table(bands_file)) if bands_file else table


def _fail(err: Exception) -> click.ClickException:
    return click.ClickException(str(err))


@index.command("score", context_settings={"ignore_unknown_options": True})
@click.argument("indicator", type=int)
@click.argument("value", type=float)
@click.option("--edition", default=DEFAULT_EDITION, show_default=True, help="2021 or 2014.")
@bands_option
@lang_option
@json_option
def score(
    indicator: int,
    value: float,
    edition: str,
    bands_file: Path | None,
    lang: str,
    as_json: bool,
) -> None:
    """Score VALUE of INDICATOR and show the band used (a negative VALUE may follow `--`)."""
    try:
        table = _table(bands_file, edition)
        result = score_value(indicator, value, edition=edition, bands=table)
        ind = indicator_of(indicator, edition)
    except USER_ERRORS as err:
        raise _fail(err) from None
    unit = load_singapore_index().unit(ind.unit).symbol if ind.unit else None
    if as_json:
        data: dict[str, Any] = {
            "indicator": result.indicator,
            "value": result.value,
            "score": result.score,
            "band": result.band,
            "rule": result.rule,
        }
        data |= result.model_dump(mode="json", exclude=set(data))
        data |= {"unit": unit, "name": ind.name.get(lang)}
        echo_json(data)
        return
    shown = f"{result.value:g} {unit or ''}".strip()
    click.echo(f"Indicator {indicator} ({edition}): {ind.name.get(lang)}")
    if result.score is None:
        click.echo(
            f"  {shown}: {label('scored_by', 'none', lang)} — the {table.version} table has no "
            "bands for this indicator; the assessor scores it with a justification."
        )
    else:
        found = table.bands_for(indicator)
        decimals = found.decimals if found else 1
        compared = f"{result.rounded_value or 0:.{decimals}f}"
        click.echo(f"  {shown} → score {result.score} of 4, band {result.band}")
        click.echo(f"  rule {result.rule} (compared as {compared}); bands {table.version}")


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then a rename."""
    handle, tmp = tempfile.mkstemp(dir=path.parent or Path("."), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv(card: ScoreCard, lang: str) -> bytes:
    from localgbf.reporting.scorecard import scorecard_csv

    return scorecard_csv(card, lang=lang).encode("utf-8")


def _xlsx(card: ScoreCard, lang: str) -> bytes:
    from localgbf.reporting.scorecard import scorecard_xlsx

    return scorecard_xlsx(card)


def _pdf(card: ScoreCard, lang: str) -> bytes:
    from localgbf.reporting.pdf import find_cjk_font
    from localgbf.reporting.scorecard import scorecard_pdf

    return scorecard_pdf(card, font=find_cjk_font())


def _svg(card: ScoreCard, lang: str) -> bytes:
    from localgbf.reporting.charts import scorecard_chart

    return scorecard_chart(card, lang=lang).svg.encode("utf-8")


EXPORTS: dict[str, Callable[[ScoreCard, str], bytes]] = {
    ".csv": _csv,
    ".xlsx": _xlsx,
    ".pdf": _pdf,
    ".svg": _svg,
}


@index.command("scorecard")
@click.argument("values_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The baseline assessment, as a score-card file with status: completed.",
)
@bands_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Also write the score card to this file ({', '.join(EXPORTS)}).",
)
@lang_option
@json_option
def scorecard(
    values_file: Path,
    baseline_file: Path | None,
    bands_file: Path | None,
    out: Path | None,
    lang: str,
    as_json: bool,
) -> None:
    """Score a whole assessment given as a YAML/JSON file of indicator values.

    The format is in docs/index.md; examples/scorecard.yaml is a complete example.
    """
    if out is not None and out.suffix.lower() not in EXPORTS:
        raise click.ClickException(
            f"--out {out}: unknown format; use a name ending in {', '.join(EXPORTS)}"
        )
    try:
        table = None
        if bands_file is not None:
            imported = load_band_table(bands_file)
            table = default_band_table(imported.edition).overlay(imported)
        assessment = load_assessment_file(values_file, bands=table)
        baseline = None
        if baseline_file is not None:
            baseline = load_assessment_file(baseline_file, bands=table)
        card = build_scorecard(assessment, baseline=baseline)
        if out is not None:
            _write(out, EXPORTS[out.suffix.lower()](card, lang))
    except USER_ERRORS as err:
        raise _fail(err) from None
    if as_json:
        echo_json(card.to_json())
    else:
        from localgbf.reporting.scorecard import scorecard_text

        click.echo(scorecard_text(card, lang=lang))
    if out is not None:
        click.echo(f"wrote {out}", err=True)


@index.command("bands")
@click.option("--edition", default=DEFAULT_EDITION, show_default=True, help="2021 or 2014.")
@bands_option
@lang_option
@json_option
def bands(edition: str, bands_file: Path | None, lang: str, as_json: bool) -> None:
    """List the score bands of an edition and the indicators the assessor scores."""
    try:
        table = _table(bands_file, edition)
        ed = load_singapore_index().edition(edition)
    except (*USER_ERRORS, KeyError) as err:
        raise _fail(err) from None
    if as_json:
        echo_json(
            {
                "version": table.version,
                "edition": table.edition,
                "source": table.source,
                "extends": table.extends,
                "indicators": {
                    str(n): table.indicators[n].model_dump(mode="json") for n in table.banded()
                },
                "scored_by_assessor": [n for n in ed.numbers if table.bands_for(n) is None],
            }
        )
        return
    click.echo(f"Band table {table.version} ({edition} edition)")
    for ind in ed.indicators:
        found = table.bands_for(ind.number)
        name = ind.name.get(lang)
        if found is None:
            click.echo(f"{ind.number:>3}. {name}: {label('scored_by', 'assessor', lang)}")
            continue
        printed = " | ".join(f"{b.score}: {b.text}" for b in found.table)
        click.echo(f"{ind.number:>3}. {name}: {printed}")
