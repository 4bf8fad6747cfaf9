"""`localgbf spatial ...`: land-cover connectivity and class shares from files.

Thin wrappers around `localgbf.spatial`: the same functions run behind the web and batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from localgbf.cli.options import echo_json, json_option, lang_option, show_progress
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.progress import Progress

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)


@contextmanager
def progress_bar(enabled: bool, label: str) -> Iterator[Progress | None]:
    """A Progress callback drawing a bar on stderr, or None when output is not a terminal."""
    if not enabled:
        yield None
        return
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        state = {"done": 0}

        def update(message: str, fraction: float) -> None:
            target = round(fraction * 100)
            if target > state["done"]:
                bar.label = f"{label}: {message}"
                bar.update(target - state["done"])
                state["done"] = target

        yield update


def parse_codes(text: str) -> list[int]:
    """'41,43' or '41 43' or '20-30' -> codes."""
    codes: list[int] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                low, high = (int(v) for v in part.split("-", 1))
                codes.extend(range(low, high + 1))
            else:
                codes.append(int(part))
        except ValueError:
            raise click.BadParameter(f"{part!r} is not a code or a range like 41-43") from None
    if not codes:
        raise click.BadParameter("give at least one code")
    return codes


@click.group()
def spatial() -> None:
    """Spatial indicators from land cover, boundaries and other layers."""


@spatial.command()
@click.argument("landcover", type=FILE)
@click.option("--natural", "natural", required=True, help="Natural codes, e.g. 41,42,43 or 41-43.")
@click.option("--boundary", type=FILE, help="City boundary (GeoPackage, GeoJSON, Shapefile).")
@click.option(
    "--gap-m",
    type=float,
    default=None,
    help="Patches closer than this (edge to edge) form one group. Default: the Singapore "
    "Index's 100 m. 0: plain 8-connected patches (also prints FRAGSTATS MESH).",
)
@click.option("--barriers", type=FILE, help="Barriers that cut links (vector file or raster).")
@click.option("--zones", type=FILE, help="Sub-units to report separately.")
@click.option("--zone-field", help="Field naming each sub-unit (with --zones).")
@json_option
def mesh(
    landcover: Path,
    natural: str,
    boundary: Path | None,
    gap_m: float | None,
    barriers: Path | None,
    zones: Path | None,
    zone_field: str | None,
    as_json: bool,
) -> None:
    """Effective mesh size and coherence of the NATURAL codes of LANDCOVER.

    With --json: {"effective_mesh_size_ha", "coherence_pct", "natural_area_ha", "patches",
    "groups", "method_version", ...}.
    """
    from localgbf.spatial.barriers import read_barriers
    from localgbf.spatial.connectivity import effective_mesh
    from localgbf.spatial.raster import open_landcover
    from localgbf.spatial.vectors import read_boundary
    from localgbf.spatial.zones import read_zones

    codes = parse_codes(natural)
    if zones is not None and not zone_field:
        raise click.UsageError("--zones needs --zone-field")
    try:
        lc = open_landcover(landcover)
        city = read_boundary(boundary) if boundary is not None else None
        cuts = read_barriers(barriers) if barriers is not None else None
        zone_set = read_zones(zones, zone_field or "") if zones is not None else None
        with progress_bar(show_progress(as_json), "mesh") as progress:
            result = effective_mesh(
                lc,
                codes,
                gap_m=gap_m,
                boundary=city,
                barriers=cuts,
                zones=zone_set,
                progress=progress,
            )
    except SpatialInputError as exc:
        raise click.ClickException(str(exc)) from None
    data = result.model_dump(mode="json")
    if data.get("fragstats_mesh_ha") is None:
        data.pop("fragstats_mesh_ha", None)
    if as_json:
        echo_json(data)
        return
    _print_mesh(data)


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.4f}"
    return str(value)


def _print_mesh(data: dict[str, Any]) -> None:
    for key in (
        "effective_mesh_size_ha",
        "coherence_pct",
        "natural_area_ha",
        "landscape_area_ha",
        "patches",
        "groups",
        "fragstats_mesh_ha",
        "gap_m",
        "method_version",
    ):
        if key in data:
            click.echo(f"{key:<24} {_fmt(data[key])}")
    click.echo(f"{'rule':<24} {data['rule']}")
    for name, figures in data.get("zones", {}).items():
        click.echo(
            f"  {name}: coherence {_fmt(figures['coherence_pct'])} %, mesh "
            f"{_fmt(figures['effective_mesh_size_ha'])} ha, {figures['groups']} groups"
        )
    for warning in data.get("warnings", []):
        click.echo(f"warning: {warning}", err=True)


@spatial.command()
@click.argument("landcover", type=FILE)
@click.option("--zones", type=FILE, help="Sub-units (zones) to report separately.")
@click.option("--zone-field", help="Field naming each zone (with --zones).")
@click.option("--boundary", type=FILE, help="City boundary; cells outside are left out.")
@click.option(
    "--class-map",
    "class_map",
    help="Preset (esa-worldcover, copernicus-glc100, nlcd) or YAML file.",
)
@lang_option
@json_option
def shares(
    landcover: Path,
    zones: Path | None,
    zone_field: str | None,
    boundary: Path | None,
    class_map: str | None,
    lang: str,
    as_json: bool,
) -> None:
    """Area (ha) and share (%) of every class of LANDCOVER, per zone with --zones."""
    from localgbf.spatial.classmap import load_class_map
    from localgbf.spatial.raster import open_landcover
    from localgbf.spatial.shares import class_shares
    from localgbf.spatial.vectors import read_boundary
    from localgbf.spatial.zones import read_zones

    if zones is not None and not zone_field:
        raise click.UsageError("--zones needs --zone-field")
    try:
        lc = open_landcover(landcover)
        cmap = load_class_map(class_map) if class_map else None
        city = read_boundary(boundary) if boundary is not None else None
        zone_set = read_zones(zones, zone_field or "") if zones is not None else None
        with progress_bar(show_progress(as_json), "shares") as progress:
            result = class_shares(
                lc, boundary=city, zones=zone_set, class_map=cmap, progress=progress
            )
    except SpatialInputError as exc:
        raise click.ClickException(str(exc)) from None
    data = result.model_dump(mode="json")
    for table in [data["total"], *data["zones"].values()]:
        for row in table["classes"]:
            label = row.pop("label")
            row["label"] = _label(label, lang)
    if as_json:
        echo_json(data)
        return
    _print_table("city", data["total"])
    for name, table in data["zones"].items():
        _print_table(name, table)
    for warning in data["warnings"]:
        click.echo(f"warning: {warning}", err=True)


def _label(label: dict[str, Any] | None, lang: str) -> str | None:
    if label is None:
        return None
    values = label.get("values", label)
    text = values.get(lang) or values.get("en")
    return str(text) if text is not None else None


def _print_table(title: str, table: dict[str, Any]) -> None:
    click.echo(f"{title}: {table['area_ha']:,.2f} ha")
    for row in table["classes"]:
        label = f" {row['label']}" if row["label"] else ""
        click.echo(
            f"  {row['code']:>5}{label:<40} {row['area_ha']:>14,.2f} ha {row['share_pct']:>7.2f} %"
        )


@spatial.command("classmaps")
@lang_option
@json_option
def classmaps(lang: str, as_json: bool) -> None:
    """List the class-map presets shipped with localgbf and their roles."""
    from localgbf.spatial.classmap import load_class_map, presets

    maps = [load_class_map(name) for name in sorted(presets())]
    if as_json:
        echo_json(
            [
                {
                    "id": m.id,
                    "version": m.version,
                    "name": m.name.get(lang),
                    "product_version": m.product_version,
                    "source": m.source,
                    "nodata": sorted(m.nodata),
                    "classes": [
                        {"code": c.code, "label": c.label.get(lang), "roles": sorted(c.roles)}
                        for c in m.classes
                    ],
                }
                for m in maps
            ]
        )
        return
    for m in maps:
        click.echo(f"{m.id} (version {m.version}): {m.name.get(lang)}")
        for c in m.classes:
            click.echo(f"  {c.code:>5} {c.label.get(lang):<45} {', '.join(sorted(c.roles))}")
