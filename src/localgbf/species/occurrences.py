"""Importing occurrence records into a store, all or nothing.

An import reads the source once with DuckDB into a typed staging table, checks every value
(an out-of-range latitude fails the whole import and the message names the line), gives each
distinct name an id, sets aside rows that cannot be used (no name, no coordinates, absences,
duplicates) with the reason, and writes the kept records as Parquet. Nothing reaches the store
until every step has succeeded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from localgbf.species.eml import DatasetInfo
from localgbf.species.engine import EngineSettings, Progress, connect, watched
from localgbf.species.errors import SpeciesDataError, readable
from localgbf.species.formats import (
    FORMATS,
    FieldSource,
    PreparedSource,
    detect_format,
    prepare_records,
)
from localgbf.species.names import parse_name
from localgbf.species.reference import establishment, formats, quality_reference
from localgbf.species.store import (
    DatasetRecord,
    Staging,
    Store,
    content_id,
    sha256_of_tree,
)
from localgbf.species.tables import (
    ValueGetter,
    ValueRule,
    first_bad_value,
    iter_rows,
    read_csv_sql,
    sql_identifier,
    sql_literal,
    sql_trim,
)

TEXT_FIELDS = (
    "occurrence_id",
    "scientific_name",
    "accepted_name",
    "kingdom",
    "phylum",
    "class",
    "iconic_taxon",
    "event_date",
    "license",
    "recorded_by",
    "source_dataset",
)
NAME_FIELDS = ("scientific_name", "accepted_name", "kingdom", "phylum", "class", "iconic_taxon")


@dataclass(frozen=True)
class ImportResult:
    """The stored data set's description; `already_present` when the same content was there."""

    dataset: DatasetRecord
    already_present: bool = False


def value_rules() -> list[ValueRule]:
    return [
        ValueRule(field=name, low=r.low, high=r.high, integer=r.integer)
        for name, r in formats().ranges.items()
    ]


def field_sql(sources: tuple[FieldSource, ...]) -> str:
    """The first filled source column (trimmed), else the first default, as SQL."""
    parts: list[str] = []
    for source in sources:
        if source.index is not None:
            parts.append(f"NULLIF({sql_trim(f'c{source.index}')}, '')")
        if source.default:
            parts.append(sql_literal(source.default))
    if not parts:
        return "NULL::VARCHAR"
    return parts[0] if len(parts) == 1 else f"COALESCE({', '.join(parts)})"


def _in_list(expr: str, values: Iterable[str]) -> str:
    items = ", ".join(sql_literal(v.lower()) for v in values)
    return f"COALESCE(lower({expr}) IN ({items}), false)"


def basis_of_record(raw: str) -> str:
    """The GBIF enumeration for a basisOfRecord as written ("HumanObservation" ->
    HUMAN_OBSERVATION); values the vocabulary does not know are kept in upper case."""
    key = raw.lower().replace(" ", "")
    return quality_reference().basis_of_record.get(key, raw.upper())


def _basis_map(con: duckdb.DuckDBPyConnection, cand: str) -> None:
    """Table `basis_map(raw, basis)` for the few distinct values of the source, so that the
    mapping runs once per value rather than once per row."""
    raws = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT basis_raw FROM read_parquet({sql_literal(cand)}) "
            "WHERE basis_raw IS NOT NULL"
        ).fetchall()
    ]
    con.register(
        "basis_found",
        {
            "raw": np.array(raws, dtype=object),
            "basis": np.array([basis_of_record(r) for r in raws], dtype=object),
        },
    )
    con.execute(
        "CREATE TEMP TABLE basis_map AS "
        "SELECT raw::VARCHAR AS raw, basis::VARCHAR AS basis FROM basis_found"
    )
    con.unregister("basis_found")


RAW_NUMBERS = ("latitude", "longitude", "coordinate_uncertainty_m", "year")


def _candidates_sql(prepared: PreparedSource) -> str:
    """One pass over the source: typed fields, the name's hash, the first invalid field and
    the reason a row cannot be kept (NULL when it can)."""
    f = {name: field_sql(prepared.fields.get(name, ())) for name in _all_fields()}
    quality = quality_reference()
    obscured = quality.obscured
    texts = ",\n      ".join(f"{f[name]} AS {sql_identifier(name)}" for name in TEXT_FIELDS)
    raws = ",\n      ".join(f"{f[name]} AS raw_{name}" for name in RAW_NUMBERS)
    numbers = ",\n    ".join(f"TRY_CAST(raw_{n} AS DOUBLE) AS num_{n}" for n in RAW_NUMBERS)
    rules = value_rules()
    bad = " ".join(
        f"WHEN {r.sql_invalid(f'raw_{r.field}', f'num_{r.field}')} THEN {sql_literal(r.field)}"
        for r in rules
    )
    withheld = sql_literal("(?i)" + obscured.withheld_pattern)
    absent = ", ".join(sql_literal(v) for v in sorted(establishment().absent_status))
    names = ", ".join(sql_identifier(c) for c in NAME_FIELDS)
    return f"""
SELECT * EXCLUDE (raw_latitude, raw_longitude, raw_coordinate_uncertainty_m, raw_year,
                  num_latitude, num_longitude, num_coordinate_uncertainty_m, num_year),
  num_latitude AS latitude,
  num_longitude AS longitude,
  num_coordinate_uncertainty_m AS coordinate_uncertainty_m,
  COALESCE(CASE WHEN isfinite(num_year) AND num_year = floor(num_year)
                     AND abs(num_year) < 32768 THEN num_year::SMALLINT END,
           TRY_CAST(regexp_extract(event_date, '^([0-9]{{4}})', 1) AS SMALLINT)) AS year,
  hash({names}) AS name_hash,
  CASE {bad} END AS bad_field,
  CASE WHEN scientific_name IS NULL THEN 'no_name'
       WHEN num_latitude IS NULL OR num_longitude IS NULL THEN 'no_coordinates'
       WHEN num_latitude = 0 AND num_longitude = 0 THEN 'zero_coordinates'
       WHEN occurrence_status IN ({absent}) THEN 'absent' END AS reason
FROM (
  SELECT *, {numbers}
  FROM (
    SELECT
      {texts},
      {raws},
      {f["basis_of_record"]} AS basis_raw,
      lower({f["occurrence_status"]}) AS occurrence_status,
      lower({f["quality_grade"]}) AS quality_grade,
      {_in_list(f["establishment_means"], quality.captive_values)} AS captive,
      ({_in_list(f["geoprivacy"], obscured.geoprivacy_values)}
       OR {_in_list(f["taxon_geoprivacy"], obscured.geoprivacy_values)}
       OR COALESCE(lower({f["coordinates_obscured"]}) = 'true', false)
       OR COALESCE(regexp_matches({f["information_withheld"]}, {withheld}), false)
       OR {f["data_generalizations"]} IS NOT NULL) AS obscured_flag
    FROM {read_csv_sql(prepared.table)}
  )
)
"""


def _all_fields() -> set[str]:
    names = set(TEXT_FIELDS) | set(formats().ranges)
    for spec in formats().formats.values():
        names |= set(spec.fields) | set(spec.constants)
    return names


def _locate(prepared: PreparedSource) -> SpeciesDataError | None:
    """Scan the source in Python for the first line DuckDB could not accept."""
    getters = {
        name: ValueGetter([(s.index, s.column, s.default) for s in sources])
        for name, sources in prepared.fields.items()
    }
    try:
        return first_bad_value(
            iter_rows(prepared.table), getters, value_rules(), prepared.table.label
        )
    except SpeciesDataError as exc:
        return exc


def _duckdb_problem(exc: duckdb.Error) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return "; ".join(lines[:3])


def _names_table(con: duckdb.DuckDBPyConnection, cand: str, label: str) -> dict[str, np.ndarray]:
    """Distinct name tuples of the usable rows, numbered in name order; a name that does not
    parse gets id -1 (its rows are set aside as `no_name`)."""
    columns = ", ".join(sql_identifier(c) for c in NAME_FIELDS)
    rows = con.execute(
        f"SELECT name_hash, {columns} FROM read_parquet({sql_literal(cand)}) "
        f"WHERE reason IS NULL GROUP BY ALL"
    ).fetchall()
    if len({row[0] for row in rows}) != len(rows):
        raise SpeciesDataError(label, "two different names share an internal key; please report")
    rows.sort(key=lambda row: [value or "" for value in row[1:]])
    ids = np.full(len(rows), -1, dtype=np.int32)
    next_id = 0
    for position, row in enumerate(rows):
        if parse_name(row[1]) is not None:
            ids[position] = next_id
            next_id += 1
    table: dict[str, np.ndarray] = {
        name: np.array([row[i + 1] for row in rows], dtype=object)
        for i, name in enumerate(NAME_FIELDS)
    }
    table["name_hash"] = np.array([row[0] for row in rows], dtype=np.uint64)
    table["name_id"] = ids
    return table


def _existing_records(store: Store) -> list[str]:
    return [str(store.entry_dir("occurrences", d.id) / "records.parquet") for d in store.datasets()]


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path, compression: str) -> None:
    con.execute(
        f"COPY ({query}) TO {sql_literal(str(target))} (FORMAT parquet, COMPRESSION {compression})"
    )


def _run(
    prepared: PreparedSource,
    store: Store,
    stage_dir: Path,
    work: Path,
    settings: EngineSettings,
    progress: Progress | None,
) -> dict[str, Any]:
    con = connect(settings, work / "duckdb")
    try:
        return _pipeline(con, prepared, store, stage_dir, work, progress)
    finally:
        con.close()


STORED_COLUMNS = (
    "occurrence_id",
    "name_id",
    "latitude",
    "longitude",
    "coordinate_uncertainty_m",
    "year",
    "event_date",
    "basis_of_record",
    "quality_grade",
    "captive",
    "obscured",
    "license",
    "recorded_by",
    "source_dataset",
)


def _pipeline(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedSource,
    store: Store,
    stage_dir: Path,
    work: Path,
    progress: Progress | None,
) -> dict[str, Any]:
    label = prepared.table.label
    cand = str(work / "candidates.parquet")
    with watched(con, progress, "reading", 0.0, 0.7):
        try:
            _copy(con, _candidates_sql(prepared), Path(cand), "snappy")
        except duckdb.Error as exc:
            located = _locate(prepared)
            raise located or SpeciesDataError(
                label, f"cannot be read: {_duckdb_problem(exc)}"
            ) from exc
    bad, rows_read = con.execute(
        f"SELECT count(bad_field), count(*) FROM read_parquet({sql_literal(cand)})"
    ).fetchone() or (0, 0)
    if bad:
        located = _locate(prepared)
        if located is not None:
            raise located
        field = con.execute(
            f"SELECT any_value(bad_field) FROM read_parquet({sql_literal(cand)}) "
            "WHERE bad_field IS NOT NULL"
        ).fetchone()
        raise SpeciesDataError(
            label, f"{bad} values are invalid", field=field[0] if field else None
        )

    with watched(con, progress, "names", 0.7, 0.75):
        con.register("names_found", _names_table(con, cand, label))
        typed = ", ".join(
            f"{sql_identifier(c)}::VARCHAR AS {sql_identifier(c)}" for c in NAME_FIELDS
        )
        con.execute(
            f"CREATE TEMP TABLE names_map AS SELECT name_hash, name_id, {typed} FROM names_found"
        )
        con.unregister("names_found")
        con.execute(
            f"""
            CREATE TEMP VIEW usable AS
            SELECT c.file_row_number AS row, c.* EXCLUDE (file_row_number)
            FROM read_parquet({sql_literal(cand)}, file_row_number = true) c
            SEMI JOIN (SELECT name_hash FROM names_map WHERE name_id >= 0) USING (name_hash)
            WHERE c.reason IS NULL
            """
        )
    with watched(con, progress, "duplicates", 0.75, 0.82):
        _mark_duplicates(con, _existing_records(store))

    decimals = quality_reference().obscured.max_decimals
    records = stage_dir / "records.parquet"
    renamed = {"name_id": "m.name_id", "basis_of_record": "b.basis AS basis_of_record"}
    columns = ", ".join(
        renamed.get(c, f"u.{sql_identifier(c)}") for c in STORED_COLUMNS if c != "obscured"
    )
    _basis_map(con, cand)
    with watched(con, progress, "writing", 0.82, 0.97):
        _copy(
            con,
            f"""
            SELECT {columns},
                   (u.obscured_flag OR (round(u.latitude, {decimals}) = u.latitude
                       AND round(u.longitude, {decimals}) = u.longitude)) AS obscured
            FROM usable u JOIN names_map m USING (name_hash)
                 LEFT JOIN basis_map b ON b.raw = u.basis_raw
                 ANTI JOIN duplicates d USING (row)
            """,
            records,
            "snappy",
        )
    stored = sql_literal(str(records))
    tally = con.execute(
        f"SELECT name_id, coalesce(license, ''), count(*), count(*) FILTER (WHERE obscured) "
        f"FROM read_parquet({stored}) GROUP BY ALL"
    ).fetchall()
    per_name: dict[int, int] = {}
    licences: dict[str, int] = {}
    for name_id, licence, count, _obscured in tally:
        per_name[name_id] = per_name.get(name_id, 0) + count
        licences[licence] = licences.get(licence, 0) + count
    _write_names(con, stage_dir, per_name)
    rejected = dict(
        con.execute(
            f"""
            SELECT coalesce(c.reason, 'no_name'), count(*)
            FROM read_parquet({sql_literal(cand)}) c LEFT JOIN names_map m USING (name_hash)
            WHERE c.reason IS NOT NULL OR m.name_id < 0 GROUP BY ALL ORDER BY ALL
            """
        ).fetchall()
    )
    duplicates = (con.execute("SELECT count(*) FROM duplicates").fetchone() or (0,))[0]
    if duplicates:
        rejected["duplicate"] = int(duplicates)
    (sources,) = con.execute(
        f"SELECT count(DISTINCT source_dataset) FROM read_parquet({stored})"
    ).fetchone() or (0,)
    extensions = _write_extensions(con, prepared, stage_dir)
    return {
        "rows_read": int(rows_read),
        "records": sum(per_name.values()),
        "rejected": {k: int(v) for k, v in rejected.items()},
        "obscured": int(sum(row[3] for row in tally)),
        "licences": {k: int(v) for k, v in sorted(licences.items()) if k},
        "source_datasets": int(sources),
        "extensions": tuple(extensions),
    }


def _mark_duplicates(con: duckdb.DuckDBPyConnection, existing: list[str]) -> None:
    """Table `duplicates(row)`: usable rows that repeat a duplicate key of another usable row
    (all but one of each group are listed) or the occurrence id of a stored record.

    Keys are first compared by hash over every row, which is cheap; only the rows whose hash
    repeats are then compared exactly. Within a group the row kept is the smallest by its
    stored values, so the choice does not depend on the order DuckDB reads the file in.
    """
    order = ", ".join(
        f"{sql_identifier(c)} NULLS FIRST"
        for c in ("name_hash", "basis_raw", *STORED_COLUMNS)
        if c not in ("obscured", "name_id", "basis_of_record")
    )
    key_fields = {"name": "name_hash"}
    parts = []
    for number, key in enumerate(quality_reference().duplicate_keys):
        columns = ", ".join(sql_identifier(key_fields.get(c, c)) for c in key)
        filled = " AND ".join(f"{sql_identifier(key_fields.get(c, c))} IS NOT NULL" for c in key)
        con.execute(
            f"CREATE TEMP TABLE repeated_{number} AS SELECT hash({columns}) AS h FROM usable "
            f"WHERE {filled} GROUP BY h HAVING count(*) > 1"
        )
        parts.append(
            f"SELECT row FROM (SELECT row, row_number() OVER (PARTITION BY {columns} "
            f"ORDER BY {order}) AS k FROM usable WHERE {filled} "
            f"AND hash({columns}) IN (SELECT h FROM repeated_{number})) WHERE k > 1"
        )
    if existing:
        files = "[" + ", ".join(sql_literal(p) for p in existing) + "]"
        parts.append(
            f"SELECT row FROM usable SEMI JOIN (SELECT occurrence_id FROM read_parquet({files}) "
            f"WHERE occurrence_id IS NOT NULL) e USING (occurrence_id)"
        )
    con.execute(f"CREATE TEMP TABLE duplicates AS {' UNION '.join(parts)}")


def _write_names(con: duckdb.DuckDBPyConnection, stage_dir: Path, per_name: dict[int, int]) -> None:
    """names.parquet: the names of the kept records with their record counts."""
    con.register(
        "name_counts",
        {
            "name_id": np.array(list(per_name), dtype=np.int32),
            "records": np.array(list(per_name.values()), dtype=np.int64),
        },
    )
    columns = ", ".join(f"m.{sql_identifier(c)}" for c in NAME_FIELDS)
    _copy(
        con,
        f"SELECT m.name_id, {columns}, r.records FROM names_map m "
        "JOIN name_counts r USING (name_id) ORDER BY m.name_id",
        stage_dir / "names.parquet",
        "snappy",
    )
    con.unregister("name_counts")


def _write_extensions(
    con: duckdb.DuckDBPyConnection, prepared: PreparedSource, stage_dir: Path
) -> list[str]:
    written = []
    for row_type, spec in prepared.extensions:
        folder = stage_dir / "extensions"
        folder.mkdir(exist_ok=True)
        seen: dict[str, int] = {}
        columns = []
        for index, name in enumerate(spec.columns):
            seen[name] = seen.get(name, 0) + 1
            unique = name if seen[name] == 1 else f"{name}_{seen[name]}"
            columns.append(f"c{index} AS {sql_identifier(unique)}")
        try:
            _copy(
                con,
                f"SELECT {', '.join(columns)} FROM {read_csv_sql(spec)}",
                folder / f"{row_type}.parquet",
                "snappy",
            )
        except duckdb.Error as exc:
            raise SpeciesDataError(spec.label, f"cannot be read: {_duckdb_problem(exc)}") from exc
        written.append(row_type)
    return written


def import_occurrences(
    source: Path | str | Iterable[Mapping[str, Any]],
    store: Store,
    *,
    format: str | None = None,
    info: DatasetInfo | None = None,
    label: str | None = None,
    keep_extensions: bool = False,
    settings: EngineSettings | None = None,
    progress: Progress | None = None,
    imported_at: datetime | None = None,
) -> ImportResult:
    """Import a file (Darwin Core Archive, GBIF simple CSV, iNaturalist CSV) or an iterable of
    records keyed by Darwin Core term names into `store`.

    `format` is detected when omitted. `info` fills in or overrides the citation, DOI and
    licence the source gives about itself. Raises SpeciesDataError naming the file, line and
    field on bad input, in which case the store is left exactly as it was.
    """
    settings = settings or EngineSettings()
    when = (imported_at or datetime.now(UTC)).isoformat(timespec="seconds")
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise SpeciesDataError(str(path), "does not exist")
        with readable(path.name):
            return _import_file(
                path, store, format, info, keep_extensions, settings, progress, when
            )
    return _import_records(source, store, info, label, settings, progress, when)


def _import_file(
    path: Path,
    store: Store,
    format: str | None,
    info: DatasetInfo | None,
    keep_extensions: bool,
    settings: EngineSettings,
    progress: Progress | None,
    when: str,
) -> ImportResult:
    sha256 = sha256_of_tree(path)
    entry_id = content_id(sha256)
    if store.has("occurrences", entry_id):
        return ImportResult(store.dataset(entry_id), already_present=True)
    name = format or detect_format(path)
    if name not in FORMATS:
        raise SpeciesDataError(
            path.name, f"unknown format {name!r}; use one of {', '.join(FORMATS)}"
        )
    with store.staging("occurrences") as area:
        work = _work_dir(area)
        prepared = FORMATS[name](path, work, keep_extensions=keep_extensions)
        record = _finish(
            prepared,
            store,
            area,
            work,
            settings,
            progress,
            entry_id,
            path.name,
            sha256,
            path.stat().st_size if path.is_file() else 0,
            info,
            when,
        )
    return ImportResult(record)


def _import_records(
    source: Iterable[Mapping[str, Any]],
    store: Store,
    info: DatasetInfo | None,
    label: str | None,
    settings: EngineSettings,
    progress: Progress | None,
    when: str,
) -> ImportResult:
    with store.staging("occurrences") as area:
        work = _work_dir(area)
        prepared = prepare_records(source, work, label or "records")
        sha256 = sha256_of_tree(prepared.table.path)
        entry_id = content_id(sha256)
        if store.has("occurrences", entry_id):
            return ImportResult(store.dataset(entry_id), already_present=True)
        record = _finish(
            prepared,
            store,
            area,
            work,
            settings,
            progress,
            entry_id,
            label or "records",
            sha256,
            prepared.table.path.stat().st_size,
            info,
            when,
        )
    return ImportResult(record)


def _work_dir(area: Staging) -> Path:
    work = area.path / ".work"
    work.mkdir()
    (work / "duckdb").mkdir()
    return work


def _finish(
    prepared: PreparedSource,
    store: Store,
    area: Staging,
    work: Path,
    settings: EngineSettings,
    progress: Progress | None,
    entry_id: str,
    source_name: str,
    sha256: str,
    size: int,
    info: DatasetInfo | None,
    when: str,
) -> DatasetRecord:
    counts = _run(prepared, store, area.path, work, settings, progress)
    record = DatasetRecord(
        id=entry_id,
        format=prepared.format,
        source_name=source_name,
        source_sha256=sha256,
        source_bytes=size,
        imported_at=when,
        info=(info or DatasetInfo()).merged_over(prepared.info),
        warnings=tuple(prepared.warnings),
        **counts,
    )
    _remove_tree(work)
    store.write_description(area.path, "dataset.json", record)
    area.commit(entry_id)
    if progress is not None:
        progress("done", 1.0)
    return record


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)
