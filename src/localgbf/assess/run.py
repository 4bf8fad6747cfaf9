"""Run an assessment: a recipe's files -> every indicator its inputs allow, scored.

`run_assessment` is the one entry point that `localgbf assess`, the web jobs and Dask batch
call. It reads the inputs through the spatial loaders, computes the spatial indicators
(`localgbf.spatial.indicators`) and the species ones (`localgbf.species.recipe`), and scores
each value through the index engine (`localgbf.index.scoring.score_value`). It writes nothing
except what the species importers keep in the recipe's species store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from localgbf import __version__
from localgbf.assess.errors import AssessError
from localgbf.assess.recipe import Government, LayerRef, Recipe, recipe_checksum
from localgbf.index.errors import IndexInputError
from localgbf.index.scoring import Score, score_value
from localgbf.provenance import IndicatorValue, InputFile
from localgbf.spatial.barriers import read_barriers
from localgbf.spatial.classmap import load_class_map
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.indicators import SpatialInputs, compute_indicators
from localgbf.spatial.progress import Progress, report
from localgbf.spatial.raster import open_landcover, open_population
from localgbf.spatial.vectors import VectorLayer, read_boundary, read_layer
from localgbf.spatial.zones import ZoneSet

T = TypeVar("T")


def species_indicator_numbers() -> tuple[int, ...]:
    """The indicators the species package computes (from its method data)."""
    from localgbf.species.reference import indicator_methods

    return tuple(sorted(m.number for m in indicator_methods().indicators))


class AssessmentResult(BaseModel):
    """Every indicator computed for one government, with scores and provenance."""

    model_config = ConfigDict(frozen=True)

    government: Government
    edition: str
    indicators: tuple[IndicatorValue, ...]
    scores: tuple[Score, ...]
    skipped: dict[int, str] = Field(
        default_factory=dict, description="Indicators not computed, and why."
    )
    warnings: tuple[str, ...] = ()
    method_versions: dict[str, str] = Field(
        default_factory=dict, description="Method id -> version, for every value computed."
    )
    inputs: tuple[InputFile, ...] = ()
    localgbf_version: str = __version__

    def value(self, indicator: int) -> IndicatorValue | None:
        return next((v for v in self.indicators if v.indicator == indicator), None)

    def score(self, indicator: int) -> Score | None:
        return next((s for s in self.scores if s.indicator == indicator), None)


def _scaled(progress: Progress | None, start: float, stop: float) -> Progress | None:
    if progress is None:
        return None

    def scaled(message: str, fraction: float) -> None:
        progress(message, start + (stop - start) * fraction)

    return scaled


def _layer(ref: LayerRef | None) -> VectorLayer | None:
    return read_layer(ref.path, ref.layer) if ref is not None else None


def _guard(call: Callable[[], T]) -> T:
    """Run `call`, turning the input errors of the packages below into AssessError."""
    from localgbf.species.errors import SpeciesDataError

    try:
        return call()
    except (SpatialInputError, SpeciesDataError, IndexInputError) as exc:
        raise AssessError(str(exc)) from exc


def spatial_inputs(recipe: Recipe) -> SpatialInputs:
    """Read every spatial input the recipe names (raises SpatialInputError on a bad file)."""
    subunits = None
    if recipe.subunits is not None:
        layer = read_layer(recipe.subunits.path, recipe.subunits.layer)
        subunits = ZoneSet.from_layer(layer, recipe.subunits.field)
    boundary = (
        read_boundary(recipe.boundary.path, recipe.boundary.layer) if recipe.boundary else None
    )
    return SpatialInputs(
        landcover=open_landcover(recipe.landcover) if recipe.landcover else None,
        class_map=load_class_map(recipe.class_map) if recipe.class_map else None,
        boundary=boundary,
        subunits=subunits,
        protected_areas=_layer(recipe.protected_areas),
        parks=_layer(recipe.parks),
        restored=_layer(recipe.restored),
        degraded=_layer(recipe.degraded),
        barriers=read_barriers(recipe.barriers.path) if recipe.barriers else None,
        population=open_population(recipe.population) if recipe.population else None,
        gap_m=recipe.connectivity_gap_m,
    )


def species_values(recipe: Recipe, progress: Progress | None) -> list[IndicatorValue]:
    """Indicators 3, 4, 5, 6 and 9 from the recipe's species section."""
    from localgbf.species.recipe import species_indicators

    section = recipe.species
    if section is None or recipe.boundary is None:
        return []
    report(progress, "species", 0.0)
    values = species_indicators(
        store_dir=Path(section.store),
        occurrence_files=list(section.occurrences),
        checklist=section.checklist,
        sensitive_species=section.sensitive_species,
        boundary=recipe.boundary.path,
        landcover=recipe.landcover,
        class_map=recipe.class_map,
        years=section.years,
    )
    report(progress, "species", 1.0)
    return values


def _score(value: IndicatorValue, edition: str) -> tuple[Score | None, str | None]:
    try:
        return score_value(value.indicator, value.value, edition=edition), None
    except IndexInputError as exc:
        return None, f"indicator {value.indicator} not scored: {exc}"


def run_assessment(recipe: Recipe, progress: Progress | None = None) -> AssessmentResult:
    """Compute and score every indicator the recipe's inputs allow.

    Raises AssessError, naming the file and the problem, when an input cannot be used; then
    nothing is returned and nothing of the spatial part is kept.
    """
    report(progress, "reading inputs", 0.0)
    inputs = _guard(lambda: spatial_inputs(recipe))
    spatial = _guard(lambda: compute_indicators(inputs, progress=_scaled(progress, 0.05, 0.7)))
    values = list(spatial.values)
    skipped = dict(spatial.skipped)
    if recipe.species is not None:
        values.extend(_guard(lambda: species_values(recipe, _scaled(progress, 0.7, 0.95))))
    else:
        for number in species_indicator_numbers():
            skipped[number] = "needs the species section of the recipe"
    done = {v.indicator for v in values}
    skipped = {k: v for k, v in sorted(skipped.items()) if k not in done}
    report(progress, "scoring", 0.95)
    scores: list[Score] = []
    warnings: list[str] = []
    for value in sorted(values, key=lambda v: v.indicator):
        score, problem = _score(value, recipe.edition)
        if score is not None:
            scores.append(score)
        if problem is not None:
            warnings.append(problem)
        warnings.extend(value.warnings)
    files: dict[tuple[str, str], InputFile] = {}
    checksum = recipe_checksum(recipe)
    if recipe.source is not None and checksum is not None:
        files[("recipe", checksum)] = InputFile(
            role="recipe", name=recipe.source.name, sha256=checksum
        )
    for value in values:
        for item in value.inputs:
            files.setdefault((item.role, item.sha256), item)
    report(progress, "done", 1.0)
    return AssessmentResult(
        government=recipe.government,
        edition=recipe.edition,
        indicators=tuple(sorted(values, key=lambda v: v.indicator)),
        scores=tuple(scores),
        skipped=skipped,
        warnings=tuple(dict.fromkeys(warnings)),
        method_versions={v.method_id: v.method_version for v in values},
        inputs=tuple(files.values()),
    )
