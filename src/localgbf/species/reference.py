"""Reference data of the species package, loaded from the versioned files in `species/data/`.

Each file carries a `version` and a `source`; the models below keep both so that a result can
say which vocabulary produced it. Loaders take an optional path so tests can feed variants.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text

DATA_PACKAGE = "localgbf.species"
ModelT = TypeVar("ModelT", bound=BaseModel)


def data_path(name: str) -> Path:
    """Path of a data file shipped in `localgbf/species/data/`."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath("data", name)))


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    citation: str
    note: str | None = None


class _Versioned(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    source: Source


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in values or ())


class NameRules(_Versioned):
    """Rank markers, hybrid markers, qualifiers and author particles (see `names.py`)."""

    rank_markers: dict[str, str]
    hybrid_markers: frozenset[str]
    hybrid_sign: str
    qualifiers: frozenset[str]
    author_particles: frozenset[str]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> NameRules:
        markers: dict[str, str] = {}
        for canonical, spellings in (raw.get("rank_markers") or {}).items():
            for spelling in [canonical, *spellings]:
                markers[str(spelling).lower().rstrip(".")] = canonical
        return cls(
            version=raw["version"],
            source=raw["source"],
            rank_markers=markers,
            hybrid_markers=frozenset(raw.get("hybrid_markers") or ()),
            hybrid_sign=raw["hybrid_sign"],
            qualifiers=frozenset(str(q).lower().rstrip(".") for q in raw.get("qualifiers") or ()),
            author_particles=_lower_set(raw.get("author_particles")),
        )


class TaxonGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: Text
    change_indicator: int | None = None
    rules: tuple[dict[str, frozenset[str]], ...]


class TaxonGroups(_Versioned):
    groups: tuple[TaxonGroup, ...]
    inaturalist_iconic_taxa: dict[str, dict[str, str]]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> TaxonGroups:
        groups = []
        for item in raw.get("groups") or ():
            rules = tuple(
                {rank: _lower_set(values) for rank, values in rule.items()}
                for rule in item["rules"]
            )
            groups.append(TaxonGroup.model_validate({**item, "rules": rules}))
        return cls(
            version=raw["version"],
            source=raw["source"],
            groups=tuple(groups),
            inaturalist_iconic_taxa=raw.get("inaturalist_iconic_taxa") or {},
        )

    def ids(self) -> list[str]:
        return [g.id for g in self.groups]

    def get(self, group_id: str) -> TaxonGroup:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(f"{group_id!r} is not a taxon group; use one of {self.ids()}")


class Category(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: Text


class Establishment(_Versioned):
    categories: tuple[Category, ...]
    scopes: tuple[str, ...]
    unmatched_label: Text
    establishment_means: dict[str, str]
    invasive_true: frozenset[str]
    invasive_false: frozenset[str]
    swap_vocabularies: dict[str, frozenset[str]]
    swap_pairs: tuple[tuple[str, str], ...]
    swap_threshold: float = Field(gt=0.5, le=1.0)
    absent_status: frozenset[str]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Establishment:
        means = {str(k).strip().lower(): str(v) for k, v in raw["establishment_means"].items()}
        vocabularies = {k: _lower_set(v) for k, v in raw["swap_vocabularies"].items()}
        vocabularies["establishmentMeans"] = frozenset(means)
        return cls(
            version=raw["version"],
            source=raw["source"],
            categories=raw["categories"],
            scopes=tuple(raw["scopes"]),
            unmatched_label=raw["unmatched_label"],
            establishment_means=means,
            invasive_true=_lower_set(raw["is_invasive"]["true"]),
            invasive_false=_lower_set(raw["is_invasive"]["false"]),
            swap_vocabularies=vocabularies,
            swap_pairs=tuple(tuple(p) for p in raw["swap_pairs"]),
            swap_threshold=raw["swap_threshold"],
            absent_status=_lower_set(raw["absent_status"]),
        )

    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]


class QualityDefaults(BaseModel):
    model_config = ConfigDict(frozen=True)

    research_grade_only: bool
    max_coordinate_uncertainty_m: float | None
    basis_of_record: tuple[str, ...] | None
    exclude_captive: bool
    obscured_in_city: bool
    obscured_in_builtup: bool


class ObscuredRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    geoprivacy_values: tuple[str, ...]
    max_decimals: int = Field(ge=0, le=8)
    withheld_pattern: str


class QualityReference(_Versioned):
    defaults: QualityDefaults
    research_grade_value: str
    basis_of_record: dict[str, str]
    captive_values: tuple[str, ...]
    obscured: ObscuredRules
    duplicate_keys: tuple[tuple[str, ...], ...]
    reasons: dict[str, Text]

    def reason_label(self, reason: str) -> Text:
        return self.reasons[reason]


class FormatSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: Text
    delimiter: str | None = None
    quote: str | None = None
    signature: tuple[str, ...] = ()
    fields: dict[str, tuple[str, ...]]
    constants: dict[str, str] = Field(default_factory=dict)


class Range(BaseModel):
    model_config = ConfigDict(frozen=True)

    low: float | None = None
    high: float | None = None
    integer: bool = False


class ChecklistCsvSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: Text
    delimiters: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...]


class Formats(_Versioned):
    required: tuple[str, ...]
    ranges: dict[str, Range]
    formats: dict[str, FormatSpec]
    checklist_csv: ChecklistCsvSpec


class IndicatorMethod(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    method_id: str
    method_version: str
    unit: str
    name: Text
    formula: Text
    group: str | None = None
    groups: tuple[str, ...] = ()
    builtup_role: str | None = None


class IndicatorMethods(_Versioned):
    indicators: tuple[IndicatorMethod, ...]

    def get(self, number: int) -> IndicatorMethod:
        for item in self.indicators:
            if item.number == number:
                return item
        raise KeyError(f"indicator {number} is not computed from species data")


def _build(file: Path, factory: Callable[[dict[str, Any]], ModelT]) -> ModelT:
    raw = read_yaml(file)
    try:
        return factory(raw)
    except (KeyError, TypeError) as exc:
        raise FrameworkDataError(str(file), f"missing or malformed entry {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}"
            for err in exc.errors()
        )
        raise FrameworkDataError(str(file), problems) from exc


def load_name_rules(path: Path | None = None) -> NameRules:
    return _build(path or data_path("names.yaml"), NameRules.from_raw)


def load_taxon_groups(path: Path | None = None) -> TaxonGroups:
    return _build(path or data_path("taxon_groups.yaml"), TaxonGroups.from_raw)


def load_establishment(path: Path | None = None) -> Establishment:
    return _build(path or data_path("establishment.yaml"), Establishment.from_raw)


def load_quality_reference(path: Path | None = None) -> QualityReference:
    return _build(path or data_path("quality.yaml"), QualityReference.model_validate)


def load_formats(path: Path | None = None) -> Formats:
    return _build(path or data_path("formats.yaml"), Formats.model_validate)


def load_indicator_methods(path: Path | None = None) -> IndicatorMethods:
    return _build(path or data_path("indicators.yaml"), IndicatorMethods.model_validate)


@cache
def name_rules() -> NameRules:
    return load_name_rules()


@cache
def taxon_groups() -> TaxonGroups:
    return load_taxon_groups()


@cache
def establishment() -> Establishment:
    return load_establishment()


@cache
def quality_reference() -> QualityReference:
    return load_quality_reference()


@cache
def formats() -> Formats:
    return load_formats()


@cache
def indicator_methods() -> IndicatorMethods:
    return load_indicator_methods()
