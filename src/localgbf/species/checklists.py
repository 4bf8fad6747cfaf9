"""Checklists: which taxa are native, introduced or invasive where the city is.

Two formats: a Darwin Core checklist archive (Taxon core with the Distribution extension's
establishmentMeans / occurrenceStatus and the Species Profile extension's isInvasive, as GRIIS
publishes them) and a plain CSV (scientificName, establishment, optional group). Checklists are
small, so they are read row by row in Python, which gives exact line numbers in every error.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np

from localgbf.species.eml import DatasetInfo, read_eml
from localgbf.species.errors import SpeciesDataError, readable
from localgbf.species.formats import Archive, table_spec
from localgbf.species.metafile import TableDef, parse_meta
from localgbf.species.names import parse_name
from localgbf.species.reference import Establishment, establishment, formats, taxon_groups
from localgbf.species.store import ChecklistRecord, Store, content_id, sha256_of_tree
from localgbf.species.tables import TableSpec, first_record, iter_rows, sql_literal

TAXON_ROW_TYPE = "Taxon"
DISTRIBUTION_ROW_TYPE = "Distribution"
PROFILE_ROW_TYPE = "SpeciesProfile"
ENTRY_COLUMNS = (
    "taxon_id",
    "scientific_name",
    "accepted_name",
    "kingdom",
    "phylum",
    "class",
    "taxon_rank",
    "taxonomic_status",
    "establishment",
    "is_invasive",
    "category",
    "group",
    "location",
    "line",
)


@dataclass(frozen=True)
class ChecklistEntry:
    """One taxon of a checklist, with its establishment read into a category."""

    scientific_name: str
    category: str
    line: int
    taxon_id: str | None = None
    accepted_name: str | None = None
    kingdom: str | None = None
    phylum: str | None = None
    class_: str | None = None
    taxon_rank: str | None = None
    taxonomic_status: str | None = None
    establishment: str | None = None
    is_invasive: bool = False
    group: str | None = None
    location: str | None = None


@dataclass
class ParsedChecklist:
    format: str
    entries: list[ChecklistEntry]
    info: DatasetInfo = field(default_factory=DatasetInfo)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChecklistImportResult:
    checklist: ChecklistRecord
    already_present: bool = False


# -- reading values ---------------------------------------------------------------------------


def category_of(
    raw: str | None, label: str, line: int, column: str, vocabulary: Establishment | None = None
) -> str:
    """The category (native, introduced, invasive, uncertain) an establishment value means."""
    vocabulary = vocabulary or establishment()
    key = (raw or "").strip().lower()
    if key not in vocabulary.establishment_means:
        known = ", ".join(sorted(vocabulary.establishment_means))
        shown = repr(raw) if raw else "an empty value"
        raise SpeciesDataError(
            label, f"{shown} is not a known establishment value ({known})", line=line, field=column
        )
    return vocabulary.establishment_means[key]


def invasive_flag(raw: str | None, label: str, line: int, column: str) -> bool:
    vocabulary = establishment()
    key = (raw or "").strip().lower()
    if key in vocabulary.invasive_true:
        return True
    if key in vocabulary.invasive_false:
        return False
    known = ", ".join(sorted(vocabulary.invasive_true | vocabulary.invasive_false - {""}))
    raise SpeciesDataError(
        label, f"{raw!r} is not a known isInvasive value ({known})", line=line, field=column
    )


def _fit(values: Sequence[str], vocabulary: frozenset[str]) -> float | None:
    filled = [v.strip().lower() for v in values if v.strip()]
    if not filled:
        return None
    return sum(v in vocabulary for v in filled) / len(filled)


def detect_swaps(columns: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Pairs of columns whose values each belong to the other's vocabulary.

    GRIIS Singapore v1.2 publishes establishment values under occurrenceStatus and "Present"
    under establishmentMeans, and taxonomic status under taxonRank: such pairs are read swapped.
    """
    vocabulary = establishment()
    swapped = []
    threshold = vocabulary.swap_threshold
    for first, second in vocabulary.swap_pairs:
        if first not in columns or second not in columns:
            continue
        own_a = _fit(columns[first], vocabulary.swap_vocabularies[first])
        own_b = _fit(columns[second], vocabulary.swap_vocabularies[second])
        cross_a = _fit(columns[first], vocabulary.swap_vocabularies[second])
        cross_b = _fit(columns[second], vocabulary.swap_vocabularies[first])
        if own_a is None or own_b is None or cross_a is None or cross_b is None:
            continue
        if min(cross_a, cross_b) >= threshold and max(own_a, own_b) < threshold:
            swapped.append((first, second))
    return swapped


@dataclass
class _Table:
    """A checklist table read whole: values by term name, line numbers, ids."""

    label: str
    lines: list[int]
    ids: list[str]
    values: dict[str, list[str]]
    swapped: list[tuple[str, str]]

    def get(self, term: str, row: int) -> str | None:
        column = self.values.get(term)
        if column is None:
            return None
        value = column[row].strip()
        return value or None

    def column_name(self, term: str) -> str:
        for first, second in self.swapped:
            if term == first:
                return f"{term} (read from the {second} column)"
            if term == second:
                return f"{term} (read from the {first} column)"
        return term


def _read_table(archive: Archive, table: TableDef, meta_member: str, workdir: Path) -> _Table:
    spec = table_spec(archive, table, meta_member, workdir)
    lines: list[int] = []
    ids: list[str] = []
    values: dict[str, list[str]] = {f.name: [] for f in table.fields}
    for line, row in iter_rows(spec):
        lines.append(line)
        ids.append(row[table.id_index].strip() if table.id_index is not None else str(line))
        for item in table.fields:
            raw = row[item.index] if item.index is not None else ""
            values[item.name].append(raw if raw.strip() else (item.default or ""))
    swapped = detect_swaps(values)
    for first, second in swapped:
        values[first], values[second] = values[second], values[first]
    return _Table(spec.label, lines, ids, values, swapped)


# -- Darwin Core checklist archives -----------------------------------------------------------


def read_dwc_checklist(path: Path, workdir: Path, default_category: str | None) -> ParsedChecklist:
    archive = Archive(path)
    try:
        meta_member = archive.find("meta.xml")
        if meta_member is None:
            raise SpeciesDataError(
                path.name, "holds no meta.xml, so it is not a Darwin Core Archive"
            )
        meta_label = archive.label(meta_member)
        meta = parse_meta(archive.read_bytes(meta_member), meta_label)
        if meta.core.row_type_name != TAXON_ROW_TYPE:
            raise SpeciesDataError(
                meta_label,
                f"the core is {meta.core.row_type_name}; a checklist has a Taxon core",
                line=meta.core.line,
                field="rowType",
            )
        if meta.core.field_named("scientificName") is None:
            raise SpeciesDataError(
                meta_label,
                "the Taxon core declares no scientificName field",
                line=meta.core.line,
                field="scientificName",
            )
        taxa = _read_table(archive, meta.core, meta_member, workdir)
        extensions = {
            ext.row_type_name: _read_table(archive, ext, meta_member, workdir)
            for ext in meta.extensions
            if ext.row_type_name in (DISTRIBUTION_ROW_TYPE, PROFILE_ROW_TYPE)
        }
        parsed = ParsedChecklist(format="dwca", entries=[])
        for table in (taxa, *extensions.values()):
            for first, second in table.swapped:
                parsed.warnings.append(
                    f"{table.label}: the {first} and {second} columns hold each other's values; "
                    "they were read swapped"
                )
        if meta.metadata:
            member = archive.resolve(meta.metadata, meta_member)
            if member is not None:
                parsed.info, warnings = read_eml(archive.read_bytes(member))
                parsed.warnings.extend(warnings)
        parsed.entries, dropped = _entries_from_tables(
            taxa,
            extensions.get(DISTRIBUTION_ROW_TYPE),
            extensions.get(PROFILE_ROW_TYPE),
            default_category,
        )
        if dropped:
            parsed.warnings.append(f"{dropped} taxa recorded as absent were left out")
        return parsed
    finally:
        archive.close()


def _rows_by_id(table: _Table | None) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    if table is not None:
        for row, key in enumerate(table.ids):
            out[key].append(row)
    return out


def _entries_from_tables(
    taxa: _Table,
    distribution: _Table | None,
    profile: _Table | None,
    default_category: str | None,
) -> tuple[list[ChecklistEntry], int]:
    vocabulary = establishment()
    by_taxon = _rows_by_id(distribution)
    profiles = _rows_by_id(profile)
    entries: list[ChecklistEntry] = []
    dropped = 0
    for row, line in enumerate(taxa.lines):
        name = taxa.get("scientificName", row)
        if not name:
            raise SpeciesDataError(taxa.label, "the scientific name is empty", line=line,
                                   field="scientificName")  # fmt: skip
        key = taxa.ids[row]
        categories: set[str] = set()
        raw_means: list[str] = []
        locations: list[str] = []
        absent_rows = 0
        for drow in by_taxon.get(key, []):
            assert distribution is not None
            status = (distribution.get("occurrenceStatus", drow) or "").lower()
            if status in vocabulary.absent_status:
                absent_rows += 1
                continue
            means = distribution.get("establishmentMeans", drow)
            if means is None and default_category is not None:
                categories.add(default_category)
                continue
            categories.add(
                category_of(means, distribution.label, distribution.lines[drow],
                            distribution.column_name("establishmentMeans"))
            )  # fmt: skip
            raw_means.append(means or "")
            place = distribution.get("locationID", drow) or distribution.get("countryCode", drow)
            if place:
                locations.append(place)
        if absent_rows and not categories:
            dropped += 1
            continue
        if not categories:
            if default_category is None:
                raise SpeciesDataError(
                    taxa.label,
                    "the taxon has no establishmentMeans; give the checklist a default category",
                    line=line,
                    field="establishmentMeans",
                )
            categories.add(default_category)
        invasive = any(
            invasive_flag(
                profile.get("isInvasive", p), profile.label, profile.lines[p], "isInvasive"
            )
            for p in profiles.get(key, [])
            if profile is not None
        )
        category = categories.pop() if len(categories) == 1 else "uncertain"
        if category == "introduced" and invasive:
            category = "invasive"
        entries.append(
            ChecklistEntry(
                scientific_name=name,
                category=category,
                line=line,
                taxon_id=taxa.get("taxonID", row) or key,
                accepted_name=taxa.get("acceptedNameUsage", row),
                kingdom=taxa.get("kingdom", row),
                phylum=taxa.get("phylum", row),
                class_=taxa.get("class", row),
                taxon_rank=taxa.get("taxonRank", row),
                taxonomic_status=taxa.get("taxonomicStatus", row),
                establishment="; ".join(sorted(set(raw_means))) or None,
                is_invasive=invasive,
                location="; ".join(sorted(set(locations))) or None,
            )
        )
    return entries, dropped


# -- plain CSV checklists -------------------------------------------------------------------


def _group_id(raw: str | None, label: str, line: int, column: str) -> str | None:
    if not raw or not raw.strip():
        return None
    wanted = raw.strip().lower()
    for group in taxon_groups().groups:
        if wanted in (group.id.lower(), group.label.get("en").lower()):
            return group.id
    known = ", ".join(taxon_groups().ids())
    raise SpeciesDataError(
        label, f"{raw!r} is not a taxon group ({known})", line=line, field=column
    )


def read_csv_checklist(path: Path) -> ParsedChecklist:
    config = formats().checklist_csv
    with path.open("rb") as handle:
        head = handle.readline(1 << 16).decode("utf-8", errors="replace")
    delimiter = max(config.delimiters, key=head.count)
    probe = TableSpec(path, path.name, "utf-8", delimiter, '"', 1, ())
    header = [h.strip() for h in first_record(path, probe)]
    lower = {h.lower(): i for i, h in reversed(list(enumerate(header)))}
    positions: dict[str, tuple[int, str]] = {}
    for key, candidates in config.fields.items():
        for candidate in candidates:
            if candidate.lower() in lower:
                positions[key] = (lower[candidate.lower()], header[lower[candidate.lower()]])
                break
    missing = [config.fields[n][0] for n in config.required if n not in positions]
    if missing:
        raise SpeciesDataError(
            path.name, f"missing required column(s) {', '.join(missing)} in the header",
            line=1, field=missing[0],
        )  # fmt: skip
    spec = TableSpec(path, path.name, "utf-8", delimiter, '"', 1, tuple(header))

    def value(row: list[str], name: str) -> str | None:
        if name not in positions:
            return None
        text = row[positions[name][0]].strip()
        return text or None

    entries = []
    for line, row in iter_rows(spec):
        name = value(row, "scientific_name")
        if not name:
            raise SpeciesDataError(path.name, "the scientific name is empty", line=line,
                                   field=positions["scientific_name"][1])  # fmt: skip
        raw = value(row, "establishment")
        category = category_of(raw, path.name, line, positions["establishment"][1])
        entries.append(
            ChecklistEntry(
                scientific_name=name,
                category=category,
                line=line,
                taxon_id=value(row, "taxon_id"),
                accepted_name=value(row, "accepted_name"),
                kingdom=value(row, "kingdom"),
                phylum=value(row, "phylum"),
                class_=value(row, "class"),
                establishment=raw,
                is_invasive=category == "invasive",
                group=_group_id(
                    value(row, "group"), path.name, line, positions.get("group", (0, "group"))[1]
                ),
            )
        )
    return ParsedChecklist(format="csv", entries=entries)


# -- store ----------------------------------------------------------------------------------


CHECKLIST_FORMATS = ("dwca", "csv")


def detect_checklist_format(path: Path) -> str:
    if path.is_dir() or path.suffix.lower() == ".zip":
        return "dwca"
    return "csv"


def _write_entries(entries: list[ChecklistEntry], target: Path) -> None:
    def col(getter: str) -> np.ndarray:
        return np.array([getattr(e, getter) for e in entries], dtype=object)

    data = {name: col("class_" if name == "class" else name) for name in ENTRY_COLUMNS}
    data["line"] = np.array([e.line for e in entries], dtype=np.int64)
    data["is_invasive"] = np.array([e.is_invasive for e in entries], dtype=np.bool_)
    con = duckdb.connect()
    try:
        con.register("entries_found", data)
        typed = ", ".join(
            f'"{c}"::VARCHAR AS "{c}"' if c not in ("line", "is_invasive") else f'"{c}"'
            for c in ENTRY_COLUMNS
        )
        con.execute(
            f"COPY (SELECT {typed} FROM entries_found) TO {sql_literal(str(target))} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
    finally:
        con.close()


def import_checklist(
    path: Path | str,
    store: Store,
    *,
    format: str | None = None,
    scope: str | None = None,
    default_category: str | None = None,
    info: DatasetInfo | None = None,
    imported_at: datetime | None = None,
) -> ChecklistImportResult:
    """Import a checklist file into `store` (all or nothing; the same file twice is a no-op).

    `scope` says how far the list reaches (local, regional, national, global; by default
    national for a Darwin Core archive and local for a plain CSV). `default_category` is the
    category of taxa a Darwin Core checklist gives no establishmentMeans for.
    """
    source = Path(path)
    if not source.exists():
        raise SpeciesDataError(str(source), "does not exist")
    vocabulary = establishment()
    name = format or detect_checklist_format(source)
    if name not in CHECKLIST_FORMATS:
        raise SpeciesDataError(
            source.name, f"unknown checklist format {name!r}; use {' or '.join(CHECKLIST_FORMATS)}"
        )
    chosen_scope = scope or ("national" if name == "dwca" else "local")
    if chosen_scope not in vocabulary.scopes:
        raise SpeciesDataError(
            source.name,
            f"unknown scope {chosen_scope!r}; use one of {', '.join(vocabulary.scopes)}",
        )
    if default_category is not None and default_category not in vocabulary.category_ids():
        raise SpeciesDataError(
            source.name,
            f"unknown category {default_category!r}; use one of "
            f"{', '.join(vocabulary.category_ids())}",
        )
    sha256 = sha256_of_tree(source)
    entry_id = content_id(sha256)
    if store.has("checklists", entry_id):
        return ChecklistImportResult(store.checklist(entry_id), already_present=True)
    with tempfile.TemporaryDirectory(prefix="localgbf-checklist-") as tmp, readable(source.name):
        if name == "dwca":
            parsed = read_dwc_checklist(source, Path(tmp), default_category)
        else:
            parsed = read_csv_checklist(source)
    if not parsed.entries:
        raise SpeciesDataError(source.name, "holds no checklist entries")
    for entry in parsed.entries:
        if parse_name(entry.scientific_name) is None:
            raise SpeciesDataError(
                source.name, f"{entry.scientific_name!r} is not a scientific name",
                line=entry.line, field="scientificName",
            )  # fmt: skip
    counts = Counter(e.category for e in parsed.entries)
    record = ChecklistRecord(
        id=entry_id,
        format=parsed.format,
        scope=chosen_scope,
        source_name=source.name,
        source_sha256=sha256,
        imported_at=(imported_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        info=(info or DatasetInfo()).merged_over(parsed.info),
        entries=len(parsed.entries),
        by_category={k: counts[k] for k in vocabulary.category_ids() if counts[k]},
        flagged_invasive=sum(e.is_invasive for e in parsed.entries),
        warnings=tuple(parsed.warnings),
    )
    with store.staging("checklists") as area:
        _write_entries(parsed.entries, area.path / "entries.parquet")
        store.write_description(area.path, "checklist.json", record)
        area.commit(entry_id)
    return ChecklistImportResult(record)


def load_entries(store: Store, checklist_id: str) -> list[ChecklistEntry]:
    """The entries of one stored checklist, in source order."""
    path = store.entry_dir("checklists", checklist_id) / "entries.parquet"
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"SELECT * FROM read_parquet({sql_literal(str(path))}) ORDER BY line"
        ).fetchall()
        names = [d[0] for d in con.description or ()]
    finally:
        con.close()
    out = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        values["class_"] = values.pop("class")
        out.append(ChecklistEntry(**values))
    return out
