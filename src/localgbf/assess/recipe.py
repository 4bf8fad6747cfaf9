"""Recipes: one government's input files and class map, as a YAML file (docs/recipe.md).

Paths in a recipe resolve against the recipe file's folder. `load_recipe` checks the keys,
the types and that every named file exists, naming the line of anything wrong; it reads no
input file itself (that is `run_assessment`'s job).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from localgbf.assess.errors import AssessError
from localgbf.frameworks.resources import sha256_of
from localgbf.spatial.classmap import presets
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.yamlfile import YamlDocument, read_yaml_document

RECIPE_VERSION = 1
_STRICT = ConfigDict(frozen=True, extra="forbid")


def _resolve(value: Any, info: ValidationInfo) -> Any:
    base = (info.context or {}).get("base")
    if isinstance(value, str | Path) and base is not None:
        path = Path(value).expanduser()
        return path if path.is_absolute() else Path(base) / path
    return value


class Government(BaseModel):
    model_config = _STRICT

    code: str = Field(min_length=1)
    name: str = Field(min_length=1)

    @field_validator("code", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class LayerRef(BaseModel):
    """A vector file, and the layer to read when it holds several."""

    model_config = _STRICT

    path: Path
    layer: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_path(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str | Path) else value

    @field_validator("path", mode="before")
    @classmethod
    def _resolve_path(cls, value: Any, info: ValidationInfo) -> Any:
        return _resolve(value, info)


class SubunitsRef(LayerRef):
    """Sub-units (districts, wards): a vector file and the field that names each one."""

    field: str = Field(min_length=1)


class SpeciesSection(BaseModel):
    """Inputs of the species indicators (3, 4, 5, 6, 9), computed by `localgbf.species`."""

    model_config = _STRICT

    store: Path
    occurrences: tuple[Path, ...] = ()
    checklist: Path | None = None
    sensitive_species: Path | None = None
    years: tuple[int, int] | None = None

    @field_validator("store", "checklist", "sensitive_species", mode="before")
    @classmethod
    def _resolve_one(cls, value: Any, info: ValidationInfo) -> Any:
        return _resolve(value, info)

    @field_validator("occurrences", mode="before")
    @classmethod
    def _resolve_many(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str | Path):
            value = [value]
        return [_resolve(v, info) for v in value] if isinstance(value, list | tuple) else value

    @field_validator("years")
    @classmethod
    def _ordered(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the first year ({value[0]}) is after the last ({value[1]})")
        return value


class Recipe(BaseModel):
    """One government's inputs for an assessment."""

    model_config = _STRICT

    recipe_version: int = RECIPE_VERSION
    government: Government
    edition: str = "2021"
    landcover: Path | None = None
    class_map: str | None = None
    boundary: LayerRef | None = None
    subunits: SubunitsRef | None = None
    protected_areas: LayerRef | None = None
    parks: LayerRef | None = None
    restored: LayerRef | None = None
    degraded: LayerRef | None = None
    barriers: LayerRef | None = None
    population: Path | None = None
    connectivity_gap_m: float | None = Field(default=None, ge=0)
    species: SpeciesSection | None = None
    source: Path | None = Field(default=None, exclude=True, description="The recipe file.")

    @field_validator("edition", mode="before")
    @classmethod
    def _edition_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("recipe_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != RECIPE_VERSION:
            raise ValueError(f"this localgbf reads recipe_version {RECIPE_VERSION}, not {value}")
        return value

    @field_validator("landcover", "population", mode="before")
    @classmethod
    def _resolve_path(cls, value: Any, info: ValidationInfo) -> Any:
        return _resolve(value, info)

    @field_validator("class_map", mode="before")
    @classmethod
    def _class_map(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and value in presets():
            return value
        resolved = _resolve(value, info)
        return str(resolved) if isinstance(resolved, Path) else resolved

    @model_validator(mode="after")
    def _together(self) -> Recipe:
        if self.landcover is not None and self.class_map is None:
            raise ValueError("a land cover needs a class_map (a preset name or a YAML file)")
        if self.class_map is not None and self.landcover is None:
            raise ValueError("a class_map is given but no landcover")
        if (self.restored is None) != (self.degraded is None):
            raise ValueError("restored and degraded habitat go together (indicator 7)")
        if self.species is not None and self.boundary is None:
            raise ValueError("the species section needs the boundary")
        return self

    def files(self) -> list[tuple[tuple[str, ...], Path]]:
        """Every input file the recipe names, with the key path that names it."""
        out: list[tuple[tuple[str, ...], Path]] = []
        for key in ("landcover", "population"):
            value = getattr(self, key)
            if value is not None:
                out.append(((key,), value))
        if self.class_map is not None and self.class_map not in presets():
            out.append((("class_map",), Path(self.class_map)))
        for key in (
            "boundary",
            "subunits",
            "protected_areas",
            "parks",
            "restored",
            "degraded",
            "barriers",
        ):
            ref = getattr(self, key)
            if ref is not None:
                out.append(((key,), ref.path))
        if self.species is not None:
            for index, path in enumerate(self.species.occurrences):
                out.append((("species", "occurrences", str(index)), path))
            for key in ("checklist", "sensitive_species"):
                value = getattr(self.species, key)
                if value is not None:
                    out.append((("species", key), value))
        return out


def _check_files(recipe: Recipe, doc: YamlDocument) -> None:
    for loc, path in recipe.files():
        if not path.exists():
            raise AssessError(str(doc.error(loc, f"no such file or folder: {path}")))


def load_recipe(path: str | Path) -> Recipe:
    """Read and check a recipe file; every problem names the line and the key."""
    p = Path(path)
    try:
        doc = read_yaml_document(p)
    except SpatialInputError as exc:
        raise AssessError(str(exc)) from exc
    try:
        recipe = Recipe.model_validate(doc.data, context={"base": p.resolve().parent})
    except ValidationError as exc:
        raise AssessError(str(doc.validation_error(exc))) from exc
    _check_files(recipe, doc)
    return recipe.model_copy(update={"source": p})


def recipe_checksum(recipe: Recipe) -> str | None:
    return (
        sha256_of(recipe.source) if recipe.source is not None and recipe.source.exists() else None
    )
