"""The species part of an assessment recipe: files in, indicator values out.

`localgbf assess` calls `species_indicators` for a recipe's `species:` section. It imports the
occurrence files and the checklist into the government's store (a no-op for files already
there), reads the boundary, the land cover and the class map through the spatial loaders, and
computes indicators 3, 4, 5, 6 and 9.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from shapely.geometry.base import BaseGeometry

from localgbf.provenance import IndicatorValue, InputFile
from localgbf.species.checklists import import_checklist
from localgbf.species.engine import EngineSettings, Progress
from localgbf.species.errors import SpeciesDataError
from localgbf.species.evidence import SensitiveSpecies, load_sensitive_species
from localgbf.species.indicators.context import BuiltUp
from localgbf.species.matching import Unlisted
from localgbf.species.occurrences import import_occurrences
from localgbf.species.reference import indicator_methods
from localgbf.species.report import SpeciesReport, compute_indicators
from localgbf.species.selection import Periods, QualityRules
from localgbf.species.store import open_store

WGS84 = "EPSG:4326"
# Boundary edges are split to this length (in the boundary's own units) before they are moved
# to longitude / latitude, so that a long straight edge in a projected CRS stays faithful.
DENSIFY_FRACTION = 1e-3


def read_boundary_lonlat(path: Path | str) -> tuple[BaseGeometry, tuple[str, ...]]:
    """The boundary polygon in WGS 84 longitude / latitude, and the reader's warnings."""
    from localgbf.spatial.vectors import read_boundary

    boundary = read_boundary(path)
    minx, miny, maxx, maxy = boundary.geometry.bounds
    step = max(maxx - minx, maxy - miny) * DENSIFY_FRACTION or None
    return boundary.to_crs(WGS84, densify=step), tuple(boundary.warnings)


def open_builtup(landcover: Path | str, class_map: str | Path) -> BuiltUp:
    """A built-up test on the land cover, using the class map's `builtup` role."""
    from localgbf.spatial.classmap import load_class_map
    from localgbf.spatial.raster import open_landcover
    from localgbf.spatial.sampling import points_in_role

    cover = open_landcover(landcover)
    classes = load_class_map(class_map)
    role = indicator_methods().get(3).builtup_role or ""

    def builtup(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        return points_in_role(cover, classes, role, lon, lat)

    return builtup


def species_report(
    *,
    store_dir: Path,
    occurrence_files: list[Path],
    checklist: Path | None,
    sensitive_species: Path | None,
    boundary: Path,
    landcover: Path | None,
    class_map: str | Path | None,
    years: tuple[int, int] | None,
    previous_years: tuple[int, int] | None = None,
    rules: QualityRules | None = None,
    unlisted: Unlisted = "unmatched",
    settings: EngineSettings | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> SpeciesReport:
    """Import the files into the store, then compute the species indicators (full report)."""
    store = open_store(store_dir)
    inputs: list[InputFile] = []
    for path in occurrence_files:
        import_occurrences(Path(path), store, settings=settings, progress=_labelled(progress, path))
    if checklist is not None:
        import_checklist(Path(checklist), store)
    geometry, warnings = read_boundary_lonlat(boundary)
    inputs.append(InputFile.of("boundary", boundary))
    builtup = None
    if landcover is not None:
        if class_map is None:
            raise SpeciesDataError(
                str(landcover), "a land cover needs a class map (a preset name or a YAML file)"
            )
        builtup = open_builtup(landcover, class_map)
        inputs.append(InputFile.of("landcover", landcover))
        if Path(str(class_map)).is_file():
            inputs.append(InputFile.of("class_map", class_map))
    sensitive = SensitiveSpecies()
    if sensitive_species is not None:
        sensitive = load_sensitive_species(sensitive_species)
        inputs.append(InputFile.of("sensitive_species", sensitive_species))
    return compute_indicators(
        store,
        boundary=geometry,
        builtup=builtup,
        rules=rules,
        periods=Periods.from_years(years, previous_years),
        unlisted=unlisted,
        sensitive=sensitive,
        inputs=inputs,
        warnings=warnings,
        settings=settings,
    )


def _labelled(progress: Progress | None, path: Path) -> Progress | None:
    if progress is None:
        return None
    name = Path(path).name

    def report(stage: str, fraction: float) -> None:
        progress(f"{name}: {stage}", fraction)

    return report


def species_indicators(
    *,
    store_dir: Path,
    occurrence_files: list[Path],
    checklist: Path | None,
    sensitive_species: Path | None,
    boundary: Path,
    landcover: Path | None,
    class_map: str | Path | None,
    years: tuple[int, int] | None,
) -> list[IndicatorValue]:
    """Indicators 3, 4, 5, 6 and 9 for an assessment recipe's `species:` section."""
    return species_report(
        store_dir=store_dir,
        occurrence_files=occurrence_files,
        checklist=checklist,
        sensitive_species=sensitive_species,
        boundary=boundary,
        landcover=landcover,
        class_map=class_map,
        years=years,
    ).indicators
