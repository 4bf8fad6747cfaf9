"""GBIF occurrence search for a boundary, paged within GBIF's limits, imported in one step.

GBIF's search returns at most 300 records per request and 100,000 per query (offset + limit;
see `data/services.yaml` for the sources). A query is therefore planned before it is paged:
the boundary becomes one or more counter-clockwise WKT polygons (`polygons.py`), each polygon
is counted, and a polygon with more records than the cap is split into year ranges, halving
until every range fits. A single year that still does not fit is an error that points to the
asynchronous download API (`gbif_download.py`), which has no such cap.

Records are reduced to the Darwin Core fields the species importer reads, de-duplicated on
gbifID (a record on the seam of two polygons comes back twice), clipped to the exact boundary
and handed to the importer as records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx
from shapely.geometry.base import BaseGeometry

from localgbf.species.connectors.errors import ConnectorError
from localgbf.species.connectors.http import (
    Clock,
    HttpClient,
    MalformedResponse,
    RetryPolicy,
    read_json,
)
from localgbf.species.connectors.polygons import AreaBudget, QueryArea, prepare_area
from localgbf.species.connectors.reference import GbifService, services, taxon_keys
from localgbf.species.connectors.runs import (
    FetchReport,
    fetch_progress,
    import_fetched,
    inside,
    licence_of,
    unique_by,
)
from localgbf.species.connectors.state import RunState
from localgbf.species.eml import DatasetInfo
from localgbf.species.engine import Progress
from localgbf.species.formats import record_columns
from localgbf.species.reference import quality_reference, taxon_groups
from localgbf.species.store import Store

SERVICE = "GBIF"
ID_FIELD = "gbifID"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
YearRange = tuple[int, int]


@dataclass(frozen=True, kw_only=True)
class GbifQuery:
    """The filters of a GBIF fetch besides the boundary.

    `groups` are taxon group ids of the species package (vascular_plants, birds, arthropods);
    `basis_of_record` uses GBIF's enumeration (HUMAN_OBSERVATION, PRESERVED_SPECIMEN, ...).
    """

    years: YearRange | None = None
    groups: tuple[str, ...] = ()
    basis_of_record: tuple[str, ...] = ()
    has_coordinate: bool = True
    no_geospatial_issue: bool = True

    def __post_init__(self) -> None:
        if self.years is not None and self.years[0] > self.years[1]:
            raise ConnectorError(
                SERVICE, f"the first year {self.years[0]} comes after the last {self.years[1]}"
            )
        known = set(quality_reference().basis_of_record.values())
        for value in self.basis_of_record:
            if value not in known:
                raise ConnectorError(
                    SERVICE,
                    f"basis of record {value!r} is not one of GBIF's values "
                    f"({', '.join(sorted(known))})",
                )

    def taxon_keys(self) -> list[int]:
        return group_keys(self.groups, "gbif")

    def describe(self) -> dict[str, Any]:
        return {
            "years": list(self.years) if self.years else None,
            "groups": sorted(self.groups),
            "basis_of_record": sorted(self.basis_of_record),
            "has_coordinate": self.has_coordinate,
            "no_geospatial_issue": self.no_geospatial_issue,
        }


def group_keys(groups: tuple[str, ...], service: str) -> list[int]:
    """The taxon keys of a service for species-package group ids (data/taxon_keys.yaml)."""
    known = taxon_groups().ids()
    keys: list[int] = []
    for group in groups:
        if group not in known:
            raise ConnectorError(
                service, f"{group!r} is not a taxon group; use one of {', '.join(known)}"
            )
        mapped = taxon_keys().groups.get(group)
        found = getattr(mapped, service, ()) if mapped is not None else ()
        if not found:
            raise ConnectorError(service, f"taxon group {group!r} has no {service} taxon key")
        keys.extend(found)
    return keys


def gbif_service() -> GbifService:
    return services().gbif


def gbif_client(
    *,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    retry: RetryPolicy | None = None,
    draw: Callable[[], float] | None = None,
) -> HttpClient:
    """An HTTP client for api.gbif.org with the service's rate (none published)."""
    service = gbif_service()
    return HttpClient(
        SERVICE,
        service.base_url,
        transport=transport,
        clock=clock,
        retry=retry,
        requests_per_second=service.requests_per_second,
        draw=draw,
    )


def search_budget() -> AreaBudget:
    limits = gbif_service().search
    return AreaBudget(max_vertices=limits.max_vertices, max_chars=limits.max_wkt_chars)


def search_params(query: GbifQuery, wkt: str, years: YearRange | None) -> list[tuple[str, str]]:
    """The query string of an occurrence search (repeated keys are OR-ed by GBIF)."""
    params: list[tuple[str, str]] = [
        ("geometry", wkt),
        ("occurrenceStatus", gbif_service().occurrence_status),
    ]
    if query.has_coordinate:
        params.append(("hasCoordinate", "true"))
    if query.no_geospatial_issue:
        params.append(("hasGeospatialIssue", "false"))
    params += [("taxonKey", str(key)) for key in query.taxon_keys()]
    params += [("basisOfRecord", value) for value in query.basis_of_record]
    span = years or query.years
    if span is not None:
        params.append(("year", f"{span[0]},{span[1]}"))
    return params


def read_search_page(response: httpx.Response) -> dict[str, Any]:
    data = read_json(response)
    if not isinstance(data, dict):
        raise MalformedResponse("the body is not a JSON object")
    if not isinstance(data.get("results"), list) or not isinstance(data.get("count"), int):
        raise MalformedResponse("no `results` list or `count`")
    return data


def count_records(client: HttpClient, params: list[tuple[str, str]]) -> int:
    path = gbif_service().search.path
    page = client.call("GET", path, read_search_page, params=[*params, ("limit", "0")])
    return int(page["count"])


@dataclass(frozen=True)
class Slice:
    """One query of a plan: a polygon (by index), an optional year range, its record count."""

    polygon: int
    years: YearRange | None
    count: int

    def as_json(self) -> dict[str, Any]:
        return {"polygon": self.polygon, "years": self.years, "count": self.count}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slice:
        span = data["years"]
        years = (int(span[0]), int(span[1])) if span else None
        return cls(int(data["polygon"]), years, int(data["count"]))


def split_years(
    count: Callable[[YearRange | None], int],
    years: YearRange | None,
    *,
    cap: int,
    first_year: int,
    last_year: int,
    advice: str,
    total: int | None = None,
    service: str = SERVICE,
) -> list[tuple[YearRange | None, int]]:
    """Year ranges whose counts are each at most `cap`, by halving; empty ranges dropped.

    The whole query (`years`, possibly None) is counted first unless `total` gives its count.
    Only when it is over the cap is its span split; with `years` None the span is
    `first_year`..`last_year`, so records without a year are then out of reach.
    """
    whole = count(years) if total is None else total
    if whole <= cap:
        return [(years, whole)] if whole else []
    out: list[tuple[YearRange | None, int]] = []

    def halve(lo: int, hi: int, known: int | None) -> None:
        n = count((lo, hi)) if known is None else known
        if n == 0:
            return
        if n <= cap:
            out.append(((lo, hi), n))
            return
        if lo == hi:
            raise ConnectorError(
                service,
                f"{n} records in {lo} alone, more than one query may page ({cap}); {advice}",
            )
        middle = (lo + hi) // 2
        halve(lo, middle, None)
        halve(middle + 1, hi, None)

    if years is not None:
        halve(years[0], years[1], whole)
    else:
        halve(first_year, last_year, None)
    return out


def _counter(client: HttpClient, query: GbifQuery, wkt: str) -> Callable[[YearRange | None], int]:
    def count(years: YearRange | None) -> int:
        return count_records(client, search_params(query, wkt, years))

    return count


def reduce_record(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields the importer reads (empty ones dropped), with gbifID always set."""
    out = {name: record[name] for name in fields if record.get(name) not in (None, "")}
    if ID_FIELD not in out and record.get("key") is not None:
        out[ID_FIELD] = str(record["key"])
    return out


def _kept_fields() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*record_columns(), ID_FIELD)))


def _get_page(
    client: HttpClient, params: list[tuple[str, str]], offset: int, limit: int
) -> tuple[dict[str, Any], int]:
    """One search page as saved in the run state, and the count GBIF gave with it."""
    data = client.call(
        "GET",
        gbif_service().search.path,
        read_search_page,
        params=[*params, ("limit", str(limit)), ("offset", str(offset))],
    )
    fields = _kept_fields()
    records = [reduce_record(r, fields) for r in data["results"]]
    payload = {"records": records, "returned": len(records), "end": bool(data["endOfRecords"])}
    return payload, int(data["count"])


def plan_search(
    client: HttpClient,
    state: RunState,
    query: GbifQuery,
    area: QueryArea,
    today: date,
    report: FetchReport,
) -> tuple[list[Slice], list[str]]:
    """The slices of the fetch: each polygon's first page is fetched at once (its count tells
    whether the polygon fits the cap, and the page is kept); a polygon over the cap is split
    by years with count-only requests."""
    limits = gbif_service().search
    slices: list[Slice] = []
    notes: list[str] = []
    for index, wkt in enumerate(area.wkt):
        params = search_params(query, wkt, None)
        first, total = _get_page(client, params, 0, min(limits.page_size, limits.max_records))
        report.pages_fetched += 1
        if total <= limits.max_records:
            if total:
                state.save_page(len(slices), 0, first)
                slices.append(Slice(index, query.years, total))
            continue
        parts = split_years(
            _counter(client, query, wkt),
            query.years,
            cap=limits.max_records,
            first_year=services().split_from_year,
            last_year=today.year,
            advice="fetch these records with a GBIF download (--download) instead",
            total=total,
        )
        slices += [Slice(index, years, n) for years, n in parts]
        covered = sum(n for _, n in parts)
        if total > covered:
            notes.append(
                f"polygon {index + 1}: {total - covered} records without a year (or before "
                f"{services().split_from_year}) were not fetched, because the query had to be "
                "split by year"
            )
    return slices, notes


def fetch_pages(
    client: HttpClient,
    state: RunState,
    query: GbifQuery,
    area: QueryArea,
    slices: list[Slice],
    report: FetchReport,
    progress: Progress | None,
) -> None:
    """Page every slice into the run's state, skipping pages already saved."""
    limits = gbif_service().search
    update = fetch_progress(progress)
    total_pages = sum(-(-min(s.count, limits.max_records) // limits.page_size) for s in slices)
    done = 0
    for slice_id, part in enumerate(slices):
        params = search_params(query, area.wkt[part.polygon], part.years)
        reachable = min(part.count, limits.max_records)
        offset = page = 0
        while offset < reachable:
            if state.has_page(slice_id, page):
                payload = state.load_page(slice_id, page)
                report.pages_reused += state.reused(slice_id, page)
            else:
                limit = min(limits.page_size, reachable - offset)
                payload, _ = _get_page(client, params, offset, limit)
                state.save_page(slice_id, page, payload)
                report.pages_fetched += 1
            done += 1
            update("fetching", done, max(total_pages, done))
            offset += int(payload["returned"])
            page += 1
            if payload["end"] or not payload["returned"]:
                break


def search_citation(today: date) -> str:
    return (
        f"GBIF.org ({today.day} {MONTHS[today.month - 1]} {today.year}) GBIF Occurrence Search "
        f"{gbif_service().base_url}{gbif_service().search.path}"
    )


def fetch_gbif_search(
    boundary: BaseGeometry,
    store: Store,
    *,
    query: GbifQuery | None = None,
    client: HttpClient | None = None,
    name: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> FetchReport:
    """Fetch GBIF's records inside `boundary` (WGS 84 lon/lat) and import them into `store`.

    Resumes an unfinished run of the same query from the pages saved in the store folder.
    Raises ConnectorError (NetworkUnavailable when the service cannot be reached) or the
    importer's SpeciesDataError; in both cases nothing is imported.
    """
    query = query or GbifQuery()
    today = today or datetime.now(UTC).date()
    own_client = client is None
    client = client or gbif_client()
    try:
        area = prepare_area(boundary, search_budget())
        description = {
            "service": "gbif",
            "method": "search",
            "query": query.describe(),
            "area": list(area.wkt),
        }
        state = RunState.open(store, description)
        report = FetchReport(SERVICE, "search", state.key, resumed=state.resumed)
        report.warnings += area.notes()
        if progress is not None:
            progress("planning", 0.0)
        planned = state.get("plan")
        if planned is None:
            state.clear_pages()
            slices, notes = plan_search(client, state, query, area, today, report)
            state.set("plan", {"slices": [s.as_json() for s in slices], "notes": notes})
        else:
            slices = [Slice.from_json(s) for s in planned["slices"]]
            notes = list(planned["notes"])
        report.warnings += notes
        report.queries = len(slices)
        fetch_pages(client, state, query, area, slices, report, progress)
        pages = list(state.pages())
        records, report.duplicates = unique_by((r for p in pages for r in p["records"]), ID_FIELD)
        report.received = sum(len(p["records"]) for p in pages)
        kept, report.outside_boundary = inside(
            records, boundary, "decimalLongitude", "decimalLatitude"
        )
        report.requests, report.retries = client.stats.requests, client.stats.retries
        report.warnings.append(
            "an occurrence search has no DOI; to publish results, cite a GBIF download "
            "(fetch with --download) or register a derived dataset at GBIF"
        )
        info = DatasetInfo(
            title=f"GBIF occurrence search{f' for {name}' if name else ''}",
            citation=search_citation(today),
            licence=licence_of(kept, "license"),
            rights="Each record keeps the licence its publisher gave it (see the licence counts).",
            publisher="GBIF.org",
        )
        import_fetched(
            list(kept),
            store,
            state,
            report,
            info=info,
            label=f"gbif-search-{state.key}",
            records=kept,
            id_field=ID_FIELD,
            progress=progress,
        )
        return report
    finally:
        if own_client:
            client.close()
