"""Reference data of the connectors: service limits and taxon keys, from `connectors/data/`.

Each file carries a version and a source, like the species package's own reference data; the
loaders take an optional path so tests can feed variants.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text
from localgbf.species.reference import Source

DATA_PACKAGE = "localgbf.species.connectors"
Rank = Literal["kingdom", "phylum", "class"]


def data_path(name: str) -> Path:
    """Path of a data file shipped in `localgbf/species/connectors/data/`."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath("data", name)))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class GbifSearchLimits(_Frozen):
    path: str
    page_size: int
    max_records: int
    max_wkt_chars: int
    max_vertices: int


class GbifDownloadLimits(_Frozen):
    request_path: str
    status_path: str
    format: str
    max_wkt_chars: int
    max_vertices: int
    concurrent_per_user: int
    succeeded: tuple[str, ...]
    failed: tuple[str, ...]
    citation: str


class GbifSpeciesMatch(_Frozen):
    path: str


class GbifService(_Frozen):
    label: Text
    base_url: str
    requests_per_second: float | None = None
    search: GbifSearchLimits
    download: GbifDownloadLimits
    species_match: GbifSpeciesMatch
    occurrence_status: str


class INatObservationLimits(_Frozen):
    path: str
    per_page: int
    max_results: int
    observation_url: str


class INatService(_Frozen):
    label: Text
    base_url: str
    requests_per_second: float | None = None
    observations: INatObservationLimits


class Services(_Frozen):
    version: str
    source: Source
    gbif: GbifService
    inaturalist: INatService
    split_from_year: int


class GroupKeys(_Frozen):
    gbif: tuple[int, ...] = ()
    inaturalist: tuple[int, ...] = ()


class RankedTaxon(_Frozen):
    rank: Rank
    name: str


class TaxonKeys(_Frozen):
    version: str
    source: Source
    groups: dict[str, GroupKeys]
    inaturalist_ranks: dict[int, RankedTaxon]


ModelT = TypeVar("ModelT", bound=BaseModel)


def _load(file: Path, model: type[ModelT]) -> ModelT:
    raw = read_yaml(file)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}"
            for err in exc.errors()
        )
        raise FrameworkDataError(str(file), problems) from exc


def load_services(path: Path | None = None) -> Services:
    return _load(path or data_path("services.yaml"), Services)


def load_taxon_keys(path: Path | None = None) -> TaxonKeys:
    return _load(path or data_path("taxon_keys.yaml"), TaxonKeys)


@cache
def services() -> Services:
    return load_services()


@cache
def taxon_keys() -> TaxonKeys:
    return load_taxon_keys()


def reference_versions() -> dict[str, Any]:
    """The versions of the reference files a fetch used, for its report."""
    return {"services": services().version, "taxon_keys": taxon_keys().version}
