"""A fetch row turned into a call of the connectors of `localgbf.species.connectors`.

One entry per (service, method): the web never chooses a connector with if/elif. The
network transport and clock come from `services.network_options()` (tests replay recorded
responses), GBIF credentials from the deployment's environment, never from the database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from localgbf.species.connectors.errors import ConnectorError
from localgbf.species.connectors.runs import FetchReport
from localgbf.species.engine import Progress
from localgbf.species.recipe import read_boundary_lonlat
from localgbf.species.store import Store
from localgbf.web.computations.workdir import link_file
from localgbf.web.species.models import Fetch


@dataclass(frozen=True)
class FetchCall:
    area: BaseGeometry
    store: Store
    fetch: Fetch
    network: dict[str, Any]
    credentials: Any
    progress: Progress | None

    @property
    def years(self) -> tuple[int, int] | None:
        f = self.fetch
        return (f.year_from, f.year_to) if f.year_from and f.year_to else None

    @property
    def name(self) -> str:
        return self.fetch.government.display_name("en")


def _gbif_search(call: FetchCall) -> FetchReport:
    from localgbf.species.connectors.gbif import GbifQuery, fetch_gbif_search, gbif_client

    query = GbifQuery(years=call.years, groups=tuple(call.fetch.groups))
    with gbif_client(**call.network) as client:
        return fetch_gbif_search(
            call.area, call.store, query=query, client=client, name=call.name,
            progress=call.progress,
        )  # fmt: skip


def _gbif_download(call: FetchCall) -> FetchReport:
    from localgbf.species.connectors.gbif import GbifQuery, gbif_client
    from localgbf.species.connectors.gbif_download import fetch_gbif_download

    if call.credentials is None:
        raise ConnectorError(
            "GBIF",
            "a GBIF download needs the deployment's GBIF account (GBIF_USER, GBIF_PWD and "
            "GBIF_EMAIL); use the occurrence search instead",
        )
    query = GbifQuery(years=call.years, groups=tuple(call.fetch.groups))
    with gbif_client(**call.network) as client:
        return fetch_gbif_download(
            call.area, call.store, credentials=call.credentials, query=query, client=client,
            name=call.name, progress=call.progress,
        )  # fmt: skip


def _inaturalist(call: FetchCall) -> FetchReport:
    from localgbf.species.connectors.inaturalist import (
        INatQuery,
        fetch_inaturalist,
        inaturalist_client,
    )

    query = INatQuery(years=call.years, groups=tuple(call.fetch.groups), research_grade=True)
    with inaturalist_client(**call.network) as client:
        return fetch_inaturalist(
            call.area, call.store, query=query, client=client, name=call.name,
            progress=call.progress,
        )  # fmt: skip


CONNECTORS: dict[tuple[str, str], Callable[[FetchCall], FetchReport]] = {
    ("gbif", "search"): _gbif_search,
    ("gbif", "download"): _gbif_download,
    ("inaturalist", "observations"): _inaturalist,
}


def fetch_records(
    fetch: Fetch,
    *,
    store: Store,
    network: dict[str, Any],
    credentials: Any,
    progress: Progress | None = None,
) -> FetchReport:
    connector = CONNECTORS.get((fetch.service, fetch.method))
    if connector is None:
        raise ConnectorError(fetch.service, f"no connector fetches by {fetch.method!r}")
    with tempfile.TemporaryDirectory(prefix="localgbf-fetch-") as tmp:
        boundary = link_file(fetch.boundary.path, Path(tmp), fetch.boundary.filename, "boundary")
        area, warnings = read_boundary_lonlat(boundary)
    report = connector(FetchCall(area, store, fetch, network, credentials, progress))
    report.warnings[:0] = list(warnings)
    return report
