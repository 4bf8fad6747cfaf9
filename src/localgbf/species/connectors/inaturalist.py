"""iNaturalist observations for a boundary, within the service's rate and result window.

The API is asked for the boundary's bounding box (research grade by default), ordered by id so
that pages do not shift while new observations arrive, 200 per page, at about one request per
second. A query may not page past 10,000 results, so a larger one is split into date ranges,
halving until each fits (sources in `data/services.yaml`). The observations are clipped to the
exact boundary and written as an iNaturalist CSV export, which the species importer reads with
every field it needs: quality grade, geoprivacy, whether the coordinates are obscured, and the
iconic taxon. Records keyed by Darwin Core terms would lose those.

Obscured and generalised locations are counted by cause, because a point moved at random inside
a 0.2 degree cell says nothing about where in the city the organism was.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from shapely.geometry.base import BaseGeometry

from localgbf.species.connectors.errors import ConnectorError
from localgbf.species.connectors.gbif import group_keys
from localgbf.species.connectors.http import (
    Clock,
    HttpClient,
    MalformedResponse,
    RetryPolicy,
    read_json,
)
from localgbf.species.connectors.polygons import bounding_box
from localgbf.species.connectors.reference import services, taxon_keys
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
from localgbf.species.reference import quality_reference
from localgbf.species.store import Store

SERVICE = "iNaturalist"
CSV_FORMAT = "inat-csv"
COLUMNS = (
    "id",
    "url",
    "scientific_name",
    "taxon_id",
    "iconic_taxon_name",
    "taxon_kingdom_name",
    "taxon_phylum_name",
    "taxon_class_name",
    "latitude",
    "longitude",
    "positional_accuracy",
    "public_positional_accuracy",
    "observed_on",
    "time_observed_at",
    "quality_grade",
    "geoprivacy",
    "taxon_geoprivacy",
    "coordinates_obscured",
    "captive_cultivated",
    "license",
    "user_login",
    "user_name",
)
RESEARCH = "research"
DateRange = tuple[date, date]


@dataclass(frozen=True, kw_only=True)
class INatQuery:
    """The filters of an iNaturalist fetch besides the boundary."""

    years: tuple[int, int] | None = None
    groups: tuple[str, ...] = ()
    research_grade: bool = True

    def __post_init__(self) -> None:
        if self.years is not None and self.years[0] > self.years[1]:
            raise ConnectorError(
                SERVICE, f"the first year {self.years[0]} comes after the last {self.years[1]}"
            )

    def dates(self) -> DateRange | None:
        if self.years is None:
            return None
        return date(self.years[0], 1, 1), date(self.years[1], 12, 31)

    def describe(self) -> dict[str, Any]:
        return {
            "years": list(self.years) if self.years else None,
            "groups": sorted(self.groups),
            "research_grade": self.research_grade,
        }


def inaturalist_client(
    *,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    retry: RetryPolicy | None = None,
    draw: Callable[[], float] | None = None,
) -> HttpClient:
    """An HTTP client for api.inaturalist.org, limited to the service's request rate."""
    service = services().inaturalist
    return HttpClient(
        SERVICE,
        service.base_url,
        transport=transport,
        clock=clock,
        retry=retry,
        requests_per_second=service.requests_per_second,
        draw=draw,
    )


def observation_params(
    query: INatQuery, box: tuple[float, float, float, float], dates: DateRange | None
) -> list[tuple[str, str]]:
    south, west, north, east = box
    params = [
        ("swlat", f"{south:.6f}"),
        ("swlng", f"{west:.6f}"),
        ("nelat", f"{north:.6f}"),
        ("nelng", f"{east:.6f}"),
        ("order_by", "id"),
        ("order", "asc"),
    ]
    if query.research_grade:
        params.append(("quality_grade", RESEARCH))
    keys = group_keys(query.groups, "inaturalist")
    if keys:
        params.append(("taxon_id", ",".join(str(k) for k in keys)))
    span = dates or query.dates()
    if span is not None:
        params += [("d1", span[0].isoformat()), ("d2", span[1].isoformat())]
    return params


def read_page(response: httpx.Response) -> dict[str, Any]:
    data = read_json(response)
    if not isinstance(data, dict):
        raise MalformedResponse("the body is not a JSON object")
    if not isinstance(data.get("results"), list) or not isinstance(data.get("total_results"), int):
        raise MalformedResponse("no `results` list or `total_results`")
    return data


def split_dates(
    count: Callable[[DateRange | None], int],
    dates: DateRange | None,
    *,
    cap: int,
    first: date,
    last: date,
    total: int | None = None,
) -> list[tuple[DateRange | None, int]]:
    """Date ranges whose counts are each at most `cap`, by halving; empty ranges dropped.

    The whole query is counted first unless `total` is given; only if it is over the cap is its
    span (`first`..`last` when `dates` is None) split. A single day over the cap is an error.
    """
    whole = count(dates) if total is None else total
    if whole <= cap:
        return [(dates, whole)] if whole else []
    out: list[tuple[DateRange | None, int]] = []

    def halve(lo: date, hi: date, known: int | None) -> None:
        n = count((lo, hi)) if known is None else known
        if n == 0:
            return
        if n <= cap:
            out.append(((lo, hi), n))
            return
        if lo == hi:
            raise ConnectorError(
                SERVICE,
                f"{n} observations on {lo.isoformat()} alone, more than one query may page "
                f"({cap}); use iNaturalist's export tool for this day and import the CSV",
            )
        middle = lo + timedelta(days=(hi - lo).days // 2)
        halve(lo, middle, None)
        halve(middle + timedelta(days=1), hi, None)

    if dates is not None:
        halve(dates[0], dates[1], whole)
    else:
        halve(first, last, None)
    return out


# -- observations to CSV rows -----------------------------------------------------------------


def _point(observation: Mapping[str, Any]) -> tuple[float | None, float | None]:
    geojson = observation.get("geojson") or {}
    coords = geojson.get("coordinates") if isinstance(geojson, dict) else None
    if isinstance(coords, list) and len(coords) == 2:
        return float(coords[1]), float(coords[0])
    location = observation.get("location")
    if isinstance(location, str) and "," in location:
        lat, lon = location.split(",", 1)
        return float(lat), float(lon)
    return None, None


def _ranks(taxon: Mapping[str, Any]) -> dict[str, str]:
    known = taxon_keys().inaturalist_ranks
    out: dict[str, str] = {}
    for ancestor in [*(taxon.get("ancestor_ids") or ()), taxon.get("id")]:
        ranked = known.get(ancestor) if isinstance(ancestor, int) else None
        if ranked is not None:
            out.setdefault(f"taxon_{ranked.rank}_name", ranked.name)
    return out


def _flag(value: Any) -> str:
    return "" if value is None else str(bool(value)).lower()


def _utc(value: Any) -> str:
    """An API timestamp ("2018-09-05T14:06:00+02:00") as the CSV export writes it
    ("2018-09-05 12:06:00 UTC")."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def observation_row(observation: Mapping[str, Any]) -> dict[str, str]:
    """One observation of the API (v1) as a row of iNaturalist's CSV export."""
    taxon = observation.get("taxon") or {}
    user = observation.get("user") or {}
    lat, lon = _point(observation)
    identifier = observation.get("id")
    url = observation.get("uri") or services().inaturalist.observations.observation_url.format(
        id=identifier
    )
    row = {
        "id": _text(identifier),
        "url": _text(url),
        "scientific_name": _text(taxon.get("name")),
        "taxon_id": _text(taxon.get("id")),
        "iconic_taxon_name": _text(taxon.get("iconic_taxon_name")),
        "latitude": _text(lat),
        "longitude": _text(lon),
        "positional_accuracy": _text(observation.get("positional_accuracy")),
        "public_positional_accuracy": _text(observation.get("public_positional_accuracy")),
        "observed_on": _text(observation.get("observed_on")),
        "time_observed_at": _utc(observation.get("time_observed_at")),
        "quality_grade": _text(observation.get("quality_grade")),
        "geoprivacy": _text(observation.get("geoprivacy")),
        "taxon_geoprivacy": _text(observation.get("taxon_geoprivacy")),
        "coordinates_obscured": _flag(observation.get("obscured")),
        "captive_cultivated": _flag(observation.get("captive")),
        "license": _text(observation.get("license_code")).upper(),
        "user_login": _text(user.get("login")),
        "user_name": _text(user.get("name")),
    }
    row.update(_ranks(taxon))
    return {column: row.get(column, "") for column in COLUMNS}


def obscured_counts(rows: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """Observations whose point is not where the organism was, by cause (one may have several).

    `obscured`: iNaturalist says the coordinates are obscured; `geoprivacy` / `taxon_geoprivacy`:
    the observer or the taxon's status hides the location; `coarse_accuracy`: the public
    accuracy is worse than the species package's coordinate-uncertainty threshold. `any` counts
    observations with at least one cause.
    """
    hidden = set(quality_reference().obscured.geoprivacy_values)
    limit = quality_reference().defaults.max_coordinate_uncertainty_m
    counts: Counter[str] = Counter()
    for row in rows:
        causes = []
        if row["coordinates_obscured"] == "true":
            causes.append("obscured")
        if row["geoprivacy"].lower() in hidden:
            causes.append("geoprivacy")
        if row["taxon_geoprivacy"].lower() in hidden:
            causes.append("taxon_geoprivacy")
        accuracy = row["public_positional_accuracy"] or row["positional_accuracy"]
        if limit is not None and accuracy and float(accuracy) > limit:
            causes.append("coarse_accuracy")
        counts.update(causes)
        counts["any"] += bool(causes)
    return {cause: counts[cause] for cause in ("any", "obscured", "geoprivacy",
                                               "taxon_geoprivacy", "coarse_accuracy")}  # fmt: skip


def write_export(rows: Sequence[Mapping[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# -- the run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateSlice:
    dates: DateRange | None
    count: int

    def as_json(self) -> dict[str, Any]:
        span = [d.isoformat() for d in self.dates] if self.dates else None
        return {"dates": span, "count": self.count}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DateSlice:
        span = data["dates"]
        dates = (date.fromisoformat(span[0]), date.fromisoformat(span[1])) if span else None
        return cls(dates, int(data["count"]))


def _get_page(
    client: HttpClient, params: list[tuple[str, str]], page: int, per_page: int
) -> tuple[dict[str, Any], int]:
    data = client.call(
        "GET",
        services().inaturalist.observations.path,
        read_page,
        params=[*params, ("page", str(page)), ("per_page", str(per_page))],
    )
    rows = [observation_row(o) for o in data["results"]]
    served = int(data.get("per_page") or per_page)
    payload = {"records": rows, "returned": len(rows), "per_page": served}
    return payload, int(data["total_results"])


def _count(
    client: HttpClient, query: INatQuery, box: tuple[float, float, float, float]
) -> Callable[[DateRange | None], int]:
    def count(dates: DateRange | None) -> int:
        params = observation_params(query, box, dates)
        data = client.call(
            "GET",
            services().inaturalist.observations.path,
            read_page,
            params=[*params, ("per_page", "0")],
        )
        return int(data["total_results"])

    return count


def _plan(
    client: HttpClient,
    state: RunState,
    query: INatQuery,
    box: tuple[float, float, float, float],
    today: date,
    report: FetchReport,
) -> tuple[list[DateSlice], list[str]]:
    limits = services().inaturalist.observations
    params = observation_params(query, box, None)
    first, total = _get_page(client, params, 1, limits.per_page)
    report.pages_fetched += 1
    if total <= limits.max_results:
        if not total:
            return [], []
        state.save_page(0, 1, first)
        return [DateSlice(query.dates(), total)], []
    parts = split_dates(
        _count(client, query, box),
        query.dates(),
        cap=limits.max_results,
        first=date(services().split_from_year, 1, 1),
        last=today,
        total=total,
    )
    covered = sum(n for _, n in parts)
    notes = []
    if total > covered:
        notes.append(
            f"{total - covered} observations without a date (or before "
            f"{services().split_from_year}) were not fetched, because the query had to be "
            "split by date"
        )
    return [DateSlice(d, n) for d, n in parts], notes


def _fetch_pages(
    client: HttpClient,
    state: RunState,
    query: INatQuery,
    box: tuple[float, float, float, float],
    slices: list[DateSlice],
    report: FetchReport,
    progress: Progress | None,
) -> None:
    limits = services().inaturalist.observations
    update = fetch_progress(progress)
    total_pages = sum(-(-min(s.count, limits.max_results) // limits.per_page) for s in slices)
    done = 0
    for slice_id, part in enumerate(slices):
        params = observation_params(query, box, part.dates)
        reachable = min(part.count, limits.max_results)
        seen = 0
        page = 1
        while seen < reachable:
            if state.has_page(slice_id, page):
                payload = state.load_page(slice_id, page)
                report.pages_reused += state.reused(slice_id, page)
            else:
                payload, _ = _get_page(client, params, page, limits.per_page)
                state.save_page(slice_id, page, payload)
                report.pages_fetched += 1
            done += 1
            update("fetching", done, max(total_pages, done))
            if not payload["returned"]:
                break
            seen = page * int(payload["per_page"])
            page += 1


def inaturalist_citation(today: date) -> str:
    base = services().inaturalist
    return (
        f"iNaturalist contributors ({today.year}). iNaturalist observations, retrieved from "
        f"{base.base_url}{base.observations.path} on {today.isoformat()}"
    )


def fetch_inaturalist(
    boundary: BaseGeometry,
    store: Store,
    *,
    query: INatQuery | None = None,
    client: HttpClient | None = None,
    name: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> FetchReport:
    """Fetch iNaturalist observations inside `boundary` (WGS 84 lon/lat) into `store`.

    Resumes an unfinished run of the same query from the pages saved in the store folder.
    Raises ConnectorError (NetworkUnavailable when the service cannot be reached) or the
    importer's SpeciesDataError; in both cases nothing is imported.
    """
    query = query or INatQuery()
    today = today or datetime.now(UTC).date()
    own_client = client is None
    client = client or inaturalist_client()
    try:
        box = bounding_box(boundary)
        description = {
            "service": "inaturalist",
            "method": "observations",
            "query": query.describe(),
            "box": [round(v, 6) for v in box],
        }
        state = RunState.open(store, description)
        report = FetchReport(SERVICE, "observations", state.key, resumed=state.resumed)
        if progress is not None:
            progress("planning", 0.0)
        planned = state.get("plan")
        if planned is None:
            state.clear_pages()
            slices, notes = _plan(client, state, query, box, today, report)
            state.set("plan", {"slices": [s.as_json() for s in slices], "notes": notes})
        else:
            slices = [DateSlice.from_json(s) for s in planned["slices"]]
            notes = list(planned["notes"])
        report.warnings += notes
        report.queries = len(slices)
        _fetch_pages(client, state, query, box, slices, report, progress)
        pages = list(state.pages())
        report.received = sum(len(p["records"]) for p in pages)
        rows, report.duplicates = unique_by((r for p in pages for r in p["records"]), "id")
        kept, report.outside_boundary = inside(rows, boundary, "longitude", "latitude")
        kept_rows = [{k: str(v) for k, v in r.items()} for r in kept]
        report.obscured = obscured_counts(kept_rows)
        report.requests, report.retries = client.stats.requests, client.stats.retries
        grade = "research-grade " if query.research_grade else ""
        info = DatasetInfo(
            title=f"iNaturalist {grade}observations{f' for {name}' if name else ''}",
            citation=inaturalist_citation(today),
            licence=licence_of(kept_rows, "license"),
            rights="Each observation keeps its observer's licence; an empty licence means all "
            "rights reserved.",
            publisher="iNaturalist",
        )
        source: Path | list[Mapping[str, Any]] = []
        if kept_rows:
            source = write_export(kept_rows, state.path(f"inaturalist-{state.key}.csv"))
        import_fetched(
            source, store, state, report, info=info, label=f"inaturalist-{state.key}",
            format=CSV_FORMAT, records=kept_rows, id_field="id", progress=progress,
        )  # fmt: skip
        return report
    finally:
        if own_client:
            client.close()
