"""`localgbf export ...`: files for others: the CBD Online Reporting Tool, national reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from localgbf.cli.django_setup import setup_django
from localgbf.cli.options import echo_json, json_option

REPORT_FORMATS = ("xlsx", "csv", "pdf")


@click.group()
def export() -> None:
    """Export commitments and roll-ups in formats other tools read."""


def _government(code: str) -> Any:
    from localgbf.web.governments.models import Government

    government = Government.objects.filter(code=code).first()
    if government is None:
        codes = ", ".join(Government.objects.order_by("code").values_list("code", flat=True))
        raise click.ClickException(
            f"no government with code {code!r}; known codes: {codes or 'none (run localgbf demo)'}"
        )
    return government


@export.command("ort")
@click.option("--government", "code", required=True, help="Code of a city, region or country.")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the files into (created when missing).",
)
@json_option
def ort(code: str, out_dir: Path, as_json: bool) -> None:
    """Write each accepted commitment as CBD Online Reporting Tool JSON, plus a zip of them.

    For a country or a region, the commitments of every government under it. One
    `stakeholderCommitment` record per file, valid against the schema shipped in
    localgbf/reporting/data; a commitment that cannot be written (no official contact, a
    national target without an ORT identifier, ...) is listed with the reason.
    """
    setup_django()
    from localgbf.reporting.ort import ort_json, ort_zip
    from localgbf.web.commitments.exports import export_ort

    government = _government(code)
    result = export_ort(government)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in result.files:
        (out_dir / name).write_bytes(ort_json(document))
        written.append(name)
    archive = None
    if result.files:
        archive = f"{code}-ort-commitments.zip"
        (out_dir / archive).write_bytes(ort_zip(result.files))
    if as_json:
        echo_json(
            {
                "government": code,
                "out": str(out_dir),
                "files": written,
                "zip": archive,
                "skipped": [{"commitment": ref, "reason": why} for ref, why in result.skipped],
            }
        )
        return
    for name in written:
        click.echo(out_dir / name)
    if archive:
        click.echo(out_dir / archive)
    for ref, why in result.skipped:
        click.echo(f"skipped {ref}: {why}", err=True)
    if not written:
        click.echo(f"no accepted commitment of {code} could be exported", err=True)


@export.command("national-report")
@click.option("--country", "code", required=True, help="Code of the country, e.g. CN.")
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write: .xlsx, .csv or .pdf (bilingual), or .json for the roll-up itself.",
)
def national_report(code: str, out_file: Path) -> None:
    """Roll the subnational contributions up into the sections of the seventh national report.

    Section II (plans), III (per national target) and IV (per KMGBF target and goal), with
    suggested answers for binary indicators such as 12.b; accepted commitments only.
    """
    setup_django()
    from localgbf.reporting.national_report_files import (
        national_report_csv,
        national_report_pdf,
        national_report_xlsx,
    )
    from localgbf.reporting.pdf import ReportingError, find_cjk_font
    from localgbf.web.commitments.exports import country_report

    government = _government(code)
    if government.kind != "country":
        raise click.ClickException(f"{code} is not a country; give a country code")
    suffix = out_file.suffix.lower().lstrip(".")
    if suffix not in (*REPORT_FORMATS, "json"):
        raise click.ClickException(
            f"{out_file.name}: unknown format {suffix!r}; use .xlsx, .csv, .pdf or .json"
        )
    report = country_report(government)

    def pdf(report: Any) -> bytes:
        try:
            return national_report_pdf(report, font=find_cjk_font(), generated_on=date.today())
        except ReportingError as err:
            raise click.ClickException(str(err)) from err

    writers: dict[str, Callable[[Any], bytes]] = {
        "json": lambda r: json.dumps(
            r.model_dump(mode="json"), ensure_ascii=False, indent=2
        ).encode("utf-8"),
        "csv": national_report_csv,
        "xlsx": national_report_xlsx,
        "pdf": pdf,
    }
    body = writers[suffix](report)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(body)
    click.echo(out_file)
