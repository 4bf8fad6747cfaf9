"""GBIF's asynchronous download API: request, wait, fetch the archive, import it with its DOI.

A download has no 100,000-record cap and gets a DOI, which is what a published indicator
should cite. It needs a GBIF account: the caller passes the credentials for the request and
they go no further (not into the run state, not into any message). Only the download key is
saved, so a run interrupted while GBIF prepares the file polls the same download when started
again instead of asking for a new one (GBIF runs at most three downloads per user at a time).

The archive (Darwin Core Archive format) goes to the species importer unchanged; the query
polygon is a simplified superset of the boundary, and the indicators clip to the exact boundary.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from shapely.geometry.base import BaseGeometry

from localgbf.species.connectors.errors import ConnectorError, DownloadFailed
from localgbf.species.connectors.gbif import (
    MONTHS,
    SERVICE,
    GbifQuery,
    gbif_client,
    gbif_service,
)
from localgbf.species.connectors.http import HttpClient, MalformedResponse, read_json, read_text
from localgbf.species.connectors.polygons import AreaBudget, prepare_area
from localgbf.species.connectors.runs import FETCH_SHARE, FetchReport, import_fetched
from localgbf.species.connectors.state import RunState
from localgbf.species.eml import DatasetInfo, doi_in
from localgbf.species.engine import Progress
from localgbf.species.store import Store

DOWNLOAD_KEY = re.compile(r"^\d{7}-\d{15}$")


@dataclass(frozen=True)
class GbifCredentials:
    """A GBIF account; the password is never shown in a repr, a log or the run state."""

    user: str
    password: str = field(repr=False)
    email: str

    def auth(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.user, self.password)


@dataclass(frozen=True, kw_only=True)
class PollPolicy:
    """How a prepared download is waited for: the first wait, its growth, its ceiling, and how
    long in total before the run stops (the download key is kept for the next run)."""

    first_wait_s: float = 15.0
    factor: float = 1.5
    max_wait_s: float = 300.0
    give_up_after_s: float = 6 * 3600.0


def download_budget() -> AreaBudget:
    limits = gbif_service().download
    return AreaBudget(max_vertices=limits.max_vertices, max_chars=limits.max_wkt_chars)


def download_predicate(query: GbifQuery, wkts: tuple[str, ...]) -> dict[str, Any]:
    """The download predicate: the same filters as a search, the polygons OR-ed."""
    within = [{"type": "within", "geometry": wkt} for wkt in wkts]
    predicates: list[dict[str, Any]] = [
        within[0] if len(within) == 1 else {"type": "or", "predicates": within},
        {"type": "equals", "key": "OCCURRENCE_STATUS", "value": gbif_service().occurrence_status},
    ]
    if query.has_coordinate:
        predicates.append({"type": "equals", "key": "HAS_COORDINATE", "value": "true"})
    if query.no_geospatial_issue:
        predicates.append({"type": "equals", "key": "HAS_GEOSPATIAL_ISSUE", "value": "false"})
    keys = [str(k) for k in query.taxon_keys()]
    if keys:
        predicates.append({"type": "in", "key": "TAXON_KEY", "values": keys})
    if query.basis_of_record:
        predicates.append(
            {"type": "in", "key": "BASIS_OF_RECORD", "values": list(query.basis_of_record)}
        )
    if query.years is not None:
        predicates += [
            {"type": "greaterThanOrEquals", "key": "YEAR", "value": str(query.years[0])},
            {"type": "lessThanOrEquals", "key": "YEAR", "value": str(query.years[1])},
        ]
    return {"type": "and", "predicates": predicates}


def request_body(
    query: GbifQuery, wkts: tuple[str, ...], credentials: GbifCredentials
) -> dict[str, Any]:
    return {
        "creator": credentials.user,
        "notification_address": [credentials.email],
        "sendNotification": False,
        "format": gbif_service().download.format,
        "predicate": download_predicate(query, wkts),
    }


def read_download_key(response: httpx.Response) -> str:
    key = read_text(response)
    if not DOWNLOAD_KEY.match(key):
        raise MalformedResponse(f"not a download key: {key[:60]!r}")
    return key


def read_status(response: httpx.Response) -> dict[str, Any]:
    data = read_json(response)
    if not isinstance(data, dict) or not isinstance(data.get("status"), str):
        raise MalformedResponse("no download `status`")
    return data


def download_citation(meta: dict[str, Any]) -> str | None:
    """GBIF's citation of a download, from its creation date and DOI (None without a DOI)."""
    doi = doi_in(meta.get("doi"))
    created = meta.get("created")
    if not doi or not isinstance(created, str):
        return None
    day = datetime.fromisoformat(created.replace("Z", "+00:00")).date()
    when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return gbif_service().download.citation.format(date=when, doi=doi)


def download_info(meta: dict[str, Any], name: str | None) -> DatasetInfo:
    licence = meta.get("license")
    return DatasetInfo(
        title=f"GBIF occurrence download {meta.get('key')}{f' for {name}' if name else ''}",
        citation=download_citation(meta),
        doi=doi_in(meta.get("doi")),
        licence=licence if isinstance(licence, str) and licence != "unspecified" else None,
        publisher="GBIF.org",
    )


def wait_for_download(
    client: HttpClient, key: str, poll: PollPolicy, progress: Progress | None
) -> dict[str, Any]:
    """Poll the download's status with growing waits until it succeeds or fails."""
    limits = gbif_service().download
    url = f"{limits.status_path}/{key}"
    waited = 0.0
    wait = poll.first_wait_s
    while True:
        meta = client.call("GET", url, read_status)
        status = meta["status"]
        if status in limits.succeeded:
            return meta
        if status in limits.failed:
            raise DownloadFailed(
                SERVICE,
                f"download {key} ended with status {status}; nothing was imported. Run the "
                "command again to request a new download",
            )
        if waited >= poll.give_up_after_s:
            raise ConnectorError(
                SERVICE,
                f"download {key} is still {status} after {waited / 3600:.1f} hours; run the same "
                "command again later to keep waiting for it",
            )
        if progress is not None:
            progress(f"GBIF is preparing download {key} ({status.lower()})", 0.05)
        client.clock.sleep(wait)
        waited += wait
        wait = min(wait * poll.factor, poll.max_wait_s)


def check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise MalformedResponse(f"the archive is not a readable zip ({exc})") from exc
    if broken is not None:
        raise MalformedResponse(f"the archive member {broken} is damaged")


def fetch_gbif_download(
    boundary: BaseGeometry,
    store: Store,
    *,
    credentials: GbifCredentials,
    query: GbifQuery | None = None,
    client: HttpClient | None = None,
    poll: PollPolicy | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Request a GBIF download for `boundary`, wait for it, and import the archive into `store`
    with the download's DOI and citation. Resumes a run whose download was already requested."""
    query = query or GbifQuery()
    poll = poll or PollPolicy()
    own_client = client is None
    client = client or gbif_client()
    try:
        area = prepare_area(boundary, download_budget())
        limits = gbif_service().download
        total = sum(len(w) for w in area.wkt)
        if total > limits.max_wkt_chars:
            raise ConnectorError(
                SERVICE,
                f"the boundary needs {total} characters of WKT, more than a download query may "
                f"carry ({limits.max_wkt_chars}); use a simpler boundary",
            )
        description = {
            "service": "gbif",
            "method": "download",
            "query": query.describe(),
            "area": list(area.wkt),
        }
        state = RunState.open(store, description)
        report = FetchReport(SERVICE, "download", state.key, resumed=state.resumed)
        report.warnings += area.notes()
        report.queries = 1
        key = state.get("download_key")
        if key is None:
            if progress is not None:
                progress("requesting a GBIF download", 0.0)
            key = client.call(
                "POST",
                limits.request_path,
                read_download_key,
                json_body=request_body(query, area.wkt, credentials),
                auth=credentials.auth(),
                ok=(200, 201),
            )
            state.set("download_key", key)
        report.download_key = key
        try:
            meta = wait_for_download(client, key, poll, progress)
        except DownloadFailed:
            state.set("download_key", None)
            raise
        state.set("download", {k: meta.get(k) for k in ("doi", "created", "totalRecords")})
        archive = state.path(f"{key}.zip")
        if archive.is_file():
            report.pages_reused = 1
        else:

            def moved(done: int, size: int | None) -> None:
                if progress is not None and size:
                    progress("downloading the archive", 0.1 + (FETCH_SHARE - 0.1) * done / size)

            client.download(meta["downloadLink"], archive, check=check_archive, progress=moved)
            report.pages_fetched = 1
        report.requests, report.retries = client.stats.requests, client.stats.retries
        result = import_fetched(
            archive,
            store,
            state,
            report,
            info=download_info(meta, name),
            label=f"gbif-download-{key}",
            format="dwca",
            progress=progress,
        )
        assert result is not None
        report.received = result.dataset.rows_read
        if meta.get("totalRecords") not in (None, report.received):
            report.warnings.append(
                f"GBIF announced {meta['totalRecords']} records; the archive held {report.received}"
            )
        return report
    finally:
        if own_client:
            client.close()
