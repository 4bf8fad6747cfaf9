"""The national form of a manifest: one national raster, one layer of government outlines.

Each feature of the boundaries layer is one government, named by its code field. For each, a
worker cuts the government's window out of the national land cover (`spatial.windows`, never
the whole raster), writes its outline and a recipe beside it under `DIR/inputs/<code>/`, and
assesses that recipe like any other. The recipe stays there, so
`localgbf assess DIR/inputs/<code>/recipe.yaml --json` prints exactly `DIR/<code>.json`.

Species inputs shared by every government (a national occurrence download, a national
checklist) are imported once, before the batch, into one store in `DIR/species-store`; each
government's recipe then reads that store for the records inside its own outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from localgbf.assess.recipe import RECIPE_VERSION
from localgbf.spatial.classmap import presets
from localgbf.spatial.vector_files import SUFFIX, write_polygons
from localgbf.spatial.windows import extract_window

MANIFEST_VERSION = 1
_STRICT = ConfigDict(frozen=True, extra="forbid")


def resolve_path(value: Any, info: ValidationInfo) -> Any:
    """A relative path in a manifest file resolves against the manifest's folder."""
    base = (info.context or {}).get("base")
    if isinstance(value, str | Path) and base is not None:
        path = Path(value).expanduser()
        return path if path.is_absolute() else Path(base) / path
    return value


class BoundariesRef(BaseModel):
    """The layer with one feature per government, and the fields naming each."""

    model_config = _STRICT

    path: Path
    layer: str | None = None
    code_field: str = Field(min_length=1)
    name_field: str | None = None

    @field_validator("path", mode="before")
    @classmethod
    def _resolve(cls, value: Any, info: ValidationInfo) -> Any:
        return resolve_path(value, info)


class SharedSpecies(BaseModel):
    """Species inputs every government shares, imported once into the batch's store."""

    model_config = _STRICT

    occurrences: tuple[Path, ...] = ()
    checklist: Path | None = None
    sensitive_species: Path | None = None
    years: tuple[int, int] | None = None

    @field_validator("checklist", "sensitive_species", mode="before")
    @classmethod
    def _resolve_one(cls, value: Any, info: ValidationInfo) -> Any:
        return resolve_path(value, info)

    @field_validator("occurrences", mode="before")
    @classmethod
    def _resolve_many(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str | Path):
            value = [value]
        if isinstance(value, list | tuple):
            return [resolve_path(v, info) for v in value]
        return value

    @field_validator("years")
    @classmethod
    def _ordered(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the first year ({value[0]}) is after the last ({value[1]})")
        return value

    def files(self) -> list[tuple[tuple[str, ...], Path]]:
        out: list[tuple[tuple[str, ...], Path]] = [
            (("species", "occurrences", str(i)), p) for i, p in enumerate(self.occurrences)
        ]
        for key in ("checklist", "sensitive_species"):
            value = getattr(self, key)
            if value is not None:
                out.append((("species", key), value))
        return out


class NationalSpec(BaseModel):
    """A national manifest: the YAML file of docs/batch.md, or built in code (absolute paths)
    by the web platform from a country's uploaded layers."""

    model_config = _STRICT

    manifest_version: int = MANIFEST_VERSION
    edition: str = "2021"
    landcover: Path
    class_map: str
    boundaries: BoundariesRef
    connectivity_gap_m: float | None = Field(default=None, ge=0)
    species: SharedSpecies | None = None
    codes: tuple[str, ...] | None = Field(
        default=None, description="Only these governments (all features when absent)."
    )

    @field_validator("manifest_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != MANIFEST_VERSION:
            raise ValueError(
                f"this localgbf reads manifest_version {MANIFEST_VERSION}, not {value}"
            )
        return value

    @field_validator("edition", mode="before")
    @classmethod
    def _edition_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("landcover", mode="before")
    @classmethod
    def _resolve(cls, value: Any, info: ValidationInfo) -> Any:
        return resolve_path(value, info)

    @field_validator("class_map", mode="before")
    @classmethod
    def _class_map(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and value in presets():
            return value
        resolved = resolve_path(value, info)
        return str(resolved) if isinstance(resolved, Path) else resolved

    @field_validator("codes", mode="before")
    @classmethod
    def _code_texts(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [str(v) if isinstance(v, int) else v for v in value]
        return value

    def files(self) -> list[tuple[tuple[str, ...], Path]]:
        """Every input file the manifest names, with the key path that names it."""
        out: list[tuple[tuple[str, ...], Path]] = [
            (("landcover",), self.landcover),
            (("boundaries", "path"), self.boundaries.path),
        ]
        if self.class_map not in presets():
            out.append((("class_map",), Path(self.class_map)))
        if self.species is not None:
            out.extend(self.species.files())
        return out


@dataclass(frozen=True)
class NationalTask:
    """A government of a national manifest: its outline, and what its recipe will hold."""

    code: str
    name: str
    feature: int
    layer_name: str
    geometry_wkb: bytes
    crs_wkt: str
    spec: NationalSpec
    species_store: Path | None

    def prepare(self, work_dir: Path) -> Path:
        """Cut the window, write the outline and the recipe; return the recipe's path."""
        folder = work_dir / self.code
        geometry = shapely.from_wkb(self.geometry_wkb)
        landcover = folder / self.spec.landcover.name
        extract_window(
            self.spec.landcover,
            landcover,
            geometry,
            self.crs_wkt,
            label=f"feature {self.feature} (code {self.code}) of {self.layer_name}",
        )
        outline = write_polygons(
            folder / f"{self.code}{SUFFIX}",
            [geometry],
            self.crs_wkt,
            {"code": [self.code], "name": [self.name]},
        )
        recipe = folder / "recipe.yaml"
        recipe.write_text(self._recipe_text(landcover.name, outline.name), encoding="utf-8")
        return recipe

    def _recipe_text(self, landcover: str, outline: str) -> str:
        data: dict[str, Any] = {
            "recipe_version": RECIPE_VERSION,
            "government": {"code": self.code, "name": self.name},
            "edition": self.spec.edition,
            "landcover": landcover,
            "class_map": self.spec.class_map,
            "boundary": outline,
        }
        if self.spec.connectivity_gap_m is not None:
            data["connectivity_gap_m"] = self.spec.connectivity_gap_m
        shared = self.spec.species
        if shared is not None and self.species_store is not None:
            species: dict[str, Any] = {"store": str(self.species_store)}
            if shared.sensitive_species is not None:
                species["sensitive_species"] = str(shared.sensitive_species)
            if shared.years is not None:
                species["years"] = list(shared.years)
            data["species"] = species
        header = (
            "# Written by `localgbf batch assess` from a national manifest: the land cover is\n"
            f"# the window of {self.spec.landcover.name} around feature {self.feature} of "
            f"{self.layer_name}.\n"
        )
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
