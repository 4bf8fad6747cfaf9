"""`localgbf batch assess MANIFEST --out DIR`: many governments at once, on Dask.

A thin wrapper around `localgbf.batch` (load_manifest, open_cluster, run_batch), which the
web platform's batch job calls too. The manifest formats are documented in docs/batch.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click

from localgbf.batch import (
    BatchError,
    BatchReport,
    GovernmentRun,
    Status,
    load_manifest,
    open_cluster,
    run_batch,
)
from localgbf.batch.run import BatchProgress
from localgbf.cli.options import echo_json, json_option, show_progress


@click.group()
def batch() -> None:
    """Assessments of many governments at once, on Dask distributed."""


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[BatchProgress | None]:
    """A bar on stderr advancing by one government at a time, or None off a terminal.

    The bar is drawn at the first finished government: only then is the number of
    governments to assess (those without a result yet) known.
    """
    if not enabled:
        yield None
        return
    with ExitStack() as stack:
        bars: list[Any] = []
        failed = 0

        def advance(run: GovernmentRun, finished: int, total: int) -> None:
            nonlocal failed
            if not bars:
                bar = click.progressbar(length=total, label="batch", file=sys.stderr)
                bars.append(stack.enter_context(bar))
            failed += run.status is Status.FAILED
            note = f", {failed} failed" if failed else ""
            bars[0].label = f"batch: {run.code} {run.status}{note}"
            bars[0].update(1)

        yield advance


@batch.command("assess")
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the results: DIR/<code>.json, DIR/summary.csv and DIR/summary.xlsx.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this Dask scheduler (e.g. tcp://10.0.0.5:8786) and its workers, which must "
    "see the inputs and DIR at the same paths. Default: a local cluster on this machine.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes of the local cluster (default: one per core).",
)
@click.option("--force", is_flag=True, help="Assess again the governments that have a result.")
@json_option
def assess(
    manifest: Path,
    out_dir: Path,
    scheduler: str | None,
    workers: int | None,
    force: bool,
    as_json: bool,
) -> None:
    """Assess every government of MANIFEST: a CSV of code,recipe rows, or a national
    manifest (.yaml) with one national land cover and a layer of government outlines.

    Governments with a result in DIR are skipped unless --force; a government that fails is
    recorded (DIR/failed/<code>.txt and the summary) and the others go on. The exit code is 1
    when any government failed.

    With --json: {"out", "cluster", "seconds", "governments", "done", "skipped", "failed",
    "results": [{"code", "name", "status", "error", "seconds", "worker_peak_mib", "json"}],
    "summary": {"csv", "xlsx"}, "left_out", "not_found"}.
    """
    if scheduler and workers:
        raise click.UsageError("--workers sizes the local cluster; it cannot go with --scheduler")
    try:
        loaded = load_manifest(manifest)
        with (
            open_cluster(scheduler=scheduler, workers=workers) as cluster,
            _progress_bar(show_progress(as_json)) as progress,
        ):
            report = run_batch(loaded, out_dir, cluster, force=force, progress=progress)
    except BatchError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        echo_json(report.as_data())
    else:
        _print(report)
    failed = report.count(Status.FAILED)
    if failed:
        raise click.ClickException(
            f"{failed} of {len(report.runs)} governments failed; see {report.summary_csv}"
        )


def _print(report: BatchReport) -> None:
    click.echo(
        f"{len(report.runs)} governments on a {report.cluster} in {report.seconds:.1f} s: "
        f"{report.count(Status.DONE)} assessed, {report.count(Status.SKIPPED)} already done, "
        f"{report.count(Status.FAILED)} failed"
    )
    for run in report.runs:
        took = "" if run.seconds is None else f"{run.seconds:6.1f} s"
        click.echo(f"  {run.code:<16} {run.status:<8} {took:>8}  {run.name}")
        if run.error:
            click.echo(f"      {run.error}")
    if report.not_found:
        click.echo(f"codes with no feature in the boundaries: {', '.join(report.not_found)}")
    click.echo(f"results: {report.out_dir}/<code>.json")
    click.echo(f"summary: {report.summary_csv}, {report.summary_xlsx}")
