"""The records an indicator counts: quality rules, survey periods and the boundary applied.

One pass over each data set: DuckDB applies the quality rules, the periods and the boundary's
bounding box, places each record in a cell of a grid over the boundary (`clip.cell_status`)
and counts the records of cells wholly inside per name and period. Records in cells the outline
crosses come back one by one and are tested exactly. Every record left out is counted under its
reason. What comes back is per taxon, never per record, so memory does not grow with the data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from localgbf.species.clip import EDGE, INSIDE, OUTSIDE, cell_status
from localgbf.species.engine import EngineSettings, connect
from localgbf.species.errors import SpeciesDataError
from localgbf.species.matching import ChecklistIndex, Unlisted
from localgbf.species.reference import quality_reference
from localgbf.species.store import DatasetRecord, Store
from localgbf.species.tables import sql_literal
from localgbf.species.taxa import Taxon, TaxonBuilder

KEPT = "kept"
# Exclusion reasons in the order they are tested (the first that applies is counted).
REASONS = (KEPT, "basis_of_record", "not_research_grade", "coordinate_uncertainty", "captive",
           "obscured", "no_year", "outside_period", "outside_boundary")  # fmt: skip
NO_FIRST = np.iinfo(np.int64).max


@dataclass(frozen=True, kw_only=True)
class QualityRules:
    """Which stored records count. Defaults come from `data/quality.yaml`."""

    research_grade_only: bool
    max_coordinate_uncertainty_m: float | None
    basis_of_record: tuple[str, ...] | None
    exclude_captive: bool
    obscured_in_city: bool
    obscured_in_builtup: bool

    @classmethod
    def default(cls) -> QualityRules:
        return cls(**quality_reference().defaults.model_dump())

    def as_dict(self) -> dict[str, object]:
        return {
            "research_grade_only": self.research_grade_only,
            "max_coordinate_uncertainty_m": self.max_coordinate_uncertainty_m,
            "basis_of_record": None if self.basis_of_record is None else list(self.basis_of_record),
            "exclude_captive": self.exclude_captive,
            "obscured_in_city": self.obscured_in_city,
            "obscured_in_builtup": self.obscured_in_builtup,
        }


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise SpeciesDataError(
                "years", f"a period cannot start ({self.start}) after it ends ({self.end})"
            )

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Periods:
    """The survey period counted and the previous one it is compared with (both optional)."""

    current: Period | None = None
    previous: Period | None = None

    def __post_init__(self) -> None:
        if self.previous is not None and self.current is None:
            raise SpeciesDataError("years", "a previous period needs a survey period")
        if self.previous and self.current and self.previous.end >= self.current.start:
            raise SpeciesDataError(
                "years",
                f"the previous period ({self.previous.label}) must end before the survey "
                f"period ({self.current.label}) starts",
            )

    @classmethod
    def from_years(
        cls, years: tuple[int, int] | None, previous: tuple[int, int] | None = None
    ) -> Periods:
        """`years` is the survey period; by default the previous period is the one of the
        same length that ends the year before it starts."""
        if years is None:
            return cls()
        current = Period(*years)
        if previous is None:
            length = current.end - current.start + 1
            previous = (current.start - length, current.start - 1)
        return cls(current, Period(*previous))

    def all(self) -> list[Period]:
        return [p for p in (self.current, self.previous) if p is not None]


@dataclass(frozen=True)
class Points:
    """Positions of some records: taxon code, longitude, latitude, period slot, obscured."""

    taxon: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    slot: np.ndarray
    obscured: np.ndarray

    @classmethod
    def empty(cls) -> Points:
        none = np.zeros(0, dtype=np.float64)
        return cls(np.zeros(0, np.int32), none, none, np.zeros(0, np.int8), np.zeros(0, bool))

    @classmethod
    def join(cls, parts: list[Points]) -> Points:
        if not parts:
            return cls.empty()
        return cls(
            *(np.concatenate([getattr(p, f) for p in parts]) for f in cls.__dataclass_fields__)
        )

    def where(self, mask: np.ndarray) -> Points:
        return Points(self.taxon[mask], self.lon[mask], self.lat[mask], self.slot[mask],
                      self.obscured[mask])  # fmt: skip


@dataclass
class Selection:
    """Per taxon and period ("slot"), what the counted records say.

    Slot 0 is the survey period (or every year when none is given), slot 1 the previous
    period. `counts[t, s]` is the number of records of taxon `t` in slot `s`; `first[t, s]`
    names one of them as `dataset << 32 | row` (row in that data set's records.parquet), or -1.
    `sample` holds the positions of a 1-in-`every` sample of the records of the taxa asked
    for; `points` fetches all of them.
    """

    taxa: list[Taxon]
    slots: tuple[Period | None, ...]
    counts: np.ndarray
    first: np.ndarray
    obscured: np.ndarray
    datasets: list[DatasetRecord]
    excluded: dict[str, int]
    sample: Points
    source: _Source

    def present(self, slot: int) -> np.ndarray:
        """Per taxon: True if it has a counted record in `slot`."""
        return self.counts[:, slot] > 0

    def has_slot(self, slot: int) -> bool:
        return slot < len(self.slots)

    def points(self, taxa: np.ndarray, slot: int) -> Points:
        """Positions of every counted record in `slot` of the taxa marked in `taxa`."""
        return self.source.points(taxa, slot)


def _reason_sql(rules: QualityRules, periods: Periods, bounds: tuple[float, ...]) -> str:
    """SQL giving the index in REASONS of the first rule a record breaks (0 when kept)."""
    quality = quality_reference()
    code = {name: i for i, name in enumerate(REASONS)}
    cases = []
    if rules.basis_of_record is not None:
        accepted = ", ".join(sql_literal(b) for b in rules.basis_of_record) or "NULL"
        cases.append(
            f"WHEN basis_of_record IS NOT NULL AND basis_of_record NOT IN ({accepted}) "
            f"THEN {code['basis_of_record']}"
        )
    if rules.research_grade_only:
        grade = sql_literal(quality.research_grade_value)
        cases.append(
            f"WHEN quality_grade IS NOT NULL AND quality_grade <> {grade} "
            f"THEN {code['not_research_grade']}"
        )
    if rules.max_coordinate_uncertainty_m is not None:
        cases.append(
            f"WHEN coordinate_uncertainty_m > {float(rules.max_coordinate_uncertainty_m)!r} "
            f"THEN {code['coordinate_uncertainty']}"
        )
    if rules.exclude_captive:
        cases.append(f"WHEN captive THEN {code['captive']}")
    if not rules.obscured_in_city:
        cases.append(f"WHEN obscured THEN {code['obscured']}")
    if periods.all():
        within = " OR ".join(f"year BETWEEN {p.start} AND {p.end}" for p in periods.all())
        cases.append(f"WHEN year IS NULL THEN {code['no_year']}")
        cases.append(f"WHEN NOT ({within}) THEN {code['outside_period']}")
    minx, miny, maxx, maxy = bounds
    cases.append(
        f"WHEN longitude < {minx!r} OR longitude > {maxx!r} OR latitude < {miny!r} "
        f"OR latitude > {maxy!r} THEN {code['outside_boundary']}"
    )
    return "(CASE " + " ".join(cases) + " ELSE 0 END)::UTINYINT"


def _slot_sql(periods: Periods) -> str:
    if periods.current is None:
        return "0::UTINYINT"
    cases = " ".join(
        f"WHEN year BETWEEN {p.start} AND {p.end} THEN {i}" for i, p in enumerate(periods.all())
    )
    return f"(CASE {cases} ELSE 0 END)::UTINYINT"


def _grid(boundary: BaseGeometry, cells: int) -> tuple[dict[str, np.ndarray], str]:
    """The cells table (edge and inside cells only) and SQL giving a record's cell number."""
    status, (minx, miny, maxx, maxy) = cell_status(boundary, cells)
    flat = status.ravel()
    chosen = np.flatnonzero(flat != OUTSIDE)
    table: dict[str, np.ndarray] = {
        "cell": chosen.astype(np.int32),
        "status": flat[chosen].astype(np.uint8),
    }
    width = (maxx - minx) / cells or 1.0
    height = (maxy - miny) / cells or 1.0
    col = f"least(floor((longitude - {minx!r}) / {width!r}), {cells - 1})::INTEGER"
    row = f"least(floor(({maxy!r} - latitude) / {height!r}), {cells - 1})::INTEGER"
    return table, f"({row} * {cells} + {col})"


def _records(store: Store, dataset: DatasetRecord) -> str:
    return sql_literal(str(store.entry_dir("occurrences", dataset.id) / "records.parquet"))


def _ids(remap: np.ndarray, taxa: np.ndarray) -> np.ndarray:
    """Name ids of one data set whose taxon is marked in `taxa`."""
    if remap.size == 0 or taxa.size == 0:
        return np.zeros(0, dtype=np.int32)
    return np.flatnonzero((remap >= 0) & taxa[np.maximum(remap, 0)]).astype(np.int32)


@dataclass
class _Source:
    """How to query the store again for the same selection (on the same connection, which
    holds the `cells` table; DuckDB closes it when the selection is dropped)."""

    store: Store
    boundary: BaseGeometry
    datasets: list[DatasetRecord]
    remaps: list[np.ndarray]
    reason: str
    slot: str
    cell: str
    con: duckdb.DuckDBPyConnection

    def points(self, taxa: np.ndarray, slot: int) -> Points:
        parts = []
        for number, dataset in enumerate(self.datasets):
            ids = _ids(self.remaps[number], taxa)
            if ids.size == 0:
                continue
            self.con.register("wanted", {"name_id": ids})
            found = self.con.execute(
                f"""
                SELECT r.name_id, r.longitude, r.latitude, r.obscured, c.status
                FROM read_parquet({_records(self.store, dataset)}) r
                SEMI JOIN wanted USING (name_id)
                JOIN cells c ON c.cell = {self.cell}
                WHERE {self.reason} = 0 AND {self.slot} = {slot}
                """
            ).fetchnumpy()
            self.con.unregister("wanted")
            parts.append(self._inside(found, self.remaps[number], slot))
        return Points.join(parts)

    def _inside(self, found: dict[str, np.ndarray], remap: np.ndarray, slot: int) -> Points:
        lon = np.asarray(found["longitude"], dtype=np.float64)
        lat = np.asarray(found["latitude"], dtype=np.float64)
        status = np.asarray(found["status"])
        keep = status == INSIDE
        edge = np.flatnonzero(status == EDGE)
        if edge.size:
            keep[edge] = shapely.intersects_xy(self.boundary, lon[edge], lat[edge])
        taxon = remap[np.asarray(found["name_id"], dtype=np.int64)]
        slots = np.full(lon.shape, slot, dtype=np.int8)
        points = Points(taxon, lon, lat, slots, np.asarray(found["obscured"], dtype=bool))
        return points.where(keep)


def select_records(
    store: Store,
    *,
    boundary: BaseGeometry,
    index: ChecklistIndex,
    rules: QualityRules | None = None,
    periods: Periods | None = None,
    unlisted: Unlisted = "unmatched",
    sample_taxa: Callable[[list[Taxon]], np.ndarray] | None = None,
    sample_every: int = 16,
    settings: EngineSettings | None = None,
    cells: int = 1024,
) -> Selection:
    """Count the stored records that pass `rules`, per taxon and period, inside `boundary`
    (a polygon in WGS 84 longitude / latitude).

    `sample_taxa` marks the taxa whose record positions a later step needs (indicator 3):
    the records of the survey period whose row number is a multiple of `sample_every` come
    back with their positions, so that most taxa are settled without a second pass.
    """
    rules = rules or QualityRules.default()
    periods = periods or Periods()
    settings = settings or EngineSettings()
    datasets = store.datasets()
    builder = TaxonBuilder(index, unlisted)
    reason = _reason_sql(rules, periods, tuple(float(b) for b in boundary.bounds))
    slot = _slot_sql(periods)
    table, cell = _grid(boundary, cells)
    con = connect(settings)
    remaps = [
        builder.remap(con, store.entry_dir("occurrences", d.id) / "names.parquet") for d in datasets
    ]
    taxa = builder.finish()
    wanted = sample_taxa(taxa) if sample_taxa else np.zeros(len(taxa), dtype=bool)
    source = _Source(store, boundary, datasets, remaps, reason, slot, cell, con)
    tally = _Tally(len(taxa), len(periods.all()) or 1)
    con.register("cells", table)
    for number, dataset in enumerate(datasets):
        con.register("sampled", {"name_id": _ids(remaps[number], wanted)})
        found = con.execute(_pass_sql(store, dataset, reason, slot, cell, sample_every))
        tally.add(found.fetchnumpy(), remaps[number], number, source)
        con.unregister("sampled")
    return Selection(
        taxa=taxa,
        slots=tuple(periods.all()) or (None,),
        counts=tally.counts,
        first=np.where(tally.first == NO_FIRST, -1, tally.first),
        obscured=tally.obscured,
        datasets=datasets,
        excluded={k: int(v) for k, v in sorted(tally.excluded.items()) if v},
        sample=Points.join(tally.sample),
        source=source,
    )


def _pass_sql(
    store: Store, dataset: DatasetRecord, reason: str, slot: str, cell: str, every: int
) -> str:
    """Grouped rows: one per (reason, name, slot, cell status) for the records in cells wholly
    inside or outside, one per record for records in edge cells or in the sample."""
    return f"""
    WITH r AS (
      SELECT file_row_number AS row, name_id, longitude, latitude, obscured,
             {reason} AS reason, {slot} AS slot
      FROM read_parquet({_records(store, dataset)}, file_row_number = true)
    ), q AS (
      SELECT r.*, coalesce(c.status, {OUTSIDE}) AS status,
             (r.reason = 0 AND r.slot = 0 AND r.row % {every} = 0
              AND r.name_id IN (SELECT name_id FROM sampled)) AS pick
      FROM r LEFT JOIN cells c ON c.cell = CASE WHEN r.reason = 0 THEN {cell} END
    )
    SELECT reason, name_id, slot, status,
           CASE WHEN status = {EDGE} OR pick THEN row ELSE -1 END AS single_row,
           any_value(longitude) AS longitude, any_value(latitude) AS latitude,
           bool_or(pick) AS pick, count(*) AS n, min(row) AS first,
           count(*) FILTER (WHERE obscured) AS obscured
    FROM q GROUP BY ALL
    """


class _Tally:
    """Adds the grouped rows of each data set into per-taxon tables."""

    def __init__(self, taxa: int, slots: int) -> None:
        self.counts = np.zeros((taxa, slots), dtype=np.int64)
        self.first = np.full((taxa, slots), NO_FIRST, dtype=np.int64)
        self.obscured = np.zeros(slots, dtype=np.int64)
        self.excluded: Counter[str] = Counter()
        self.sample: list[Points] = []

    def add(
        self, found: dict[str, np.ndarray], remap: np.ndarray, number: int, source: _Source
    ) -> None:
        f = {k: np.asarray(v) for k, v in found.items()}
        n = f["n"].astype(np.int64)
        reason = f["reason"].astype(np.int64)
        for code in np.unique(reason[reason > 0]):
            self.excluded[REASONS[code]] += int(n[reason == code].sum())
        kept = reason == 0
        status = f["status"]
        self.excluded["outside_boundary"] += int(n[kept & (status == OUTSIDE)].sum())
        inside = kept & (status == INSIDE)
        edge = np.flatnonzero(kept & (status == EDGE))
        if edge.size:
            hit = shapely.intersects_xy(source.boundary, f["longitude"][edge], f["latitude"][edge])
            self.excluded["outside_boundary"] += int(n[edge[~hit]].sum())
            inside[edge[hit]] = True
        taxon = np.full(n.shape, -1, dtype=np.int64)
        taxon[inside] = remap[f["name_id"][inside].astype(np.int64)]
        self.excluded["not_species"] += int(n[inside & (taxon < 0)].sum())
        rows = np.flatnonzero(inside & (taxon >= 0))
        slot = f["slot"][rows].astype(np.int64)
        np.add.at(self.counts, (taxon[rows], slot), n[rows])
        encoded = (np.int64(number) << 32) | f["first"][rows].astype(np.int64)
        np.minimum.at(self.first, (taxon[rows], slot), encoded)
        np.add.at(self.obscured, slot, f["obscured"][rows].astype(np.int64))
        picked = rows[f["pick"][rows].astype(bool)]
        self.sample.append(
            Points(
                taxon[picked].astype(np.int32),
                f["longitude"][picked].astype(np.float64),
                f["latitude"][picked].astype(np.float64),
                f["slot"][picked].astype(np.int8),
                f["obscured"][picked].astype(bool),
            )
        )
