"""Occurrence file formats: how to recognise each one and how its columns become stored fields.

Every format turns its input into a `PreparedSource`: one UTF-8 table DuckDB can read, the
source column(s) of each stored field, and what the file says about its own citation. The
registry `FORMATS` maps the names used on the command line to the formats.
"""

from __future__ import annotations

import csv
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from localgbf.frameworks.limits import zip_problem
from localgbf.species.eml import DatasetInfo, read_eml
from localgbf.species.errors import SpeciesDataError
from localgbf.species.metafile import ArchiveMeta, TableDef, parse_meta
from localgbf.species.reference import formats as format_reference
from localgbf.species.tables import (
    TableSpec,
    first_record,
    needs_transcoding,
    transcode_to_utf8,
)

OCCURRENCE_ROW_TYPE = "Occurrence"


@dataclass(frozen=True)
class FieldSource:
    """Where a stored field comes from: a column (by position), a constant default, or both."""

    index: int | None
    column: str
    default: str | None = None


@dataclass
class PreparedSource:
    format: str
    table: TableSpec
    fields: dict[str, tuple[FieldSource, ...]]
    info: DatasetInfo = field(default_factory=DatasetInfo)
    warnings: list[str] = field(default_factory=list)
    extensions: list[tuple[str, TableSpec]] = field(default_factory=list)


# -- archives ---------------------------------------------------------------------------------


ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError)
"""What Python's zipfile raises on a damaged archive: a bad header, a corrupt deflate stream,
a cut-off member, an unknown compression method, a bad CRC."""


def _is_junk(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or parts[0] == "__MACOSX" or parts[-1].startswith("._") or name.endswith("/")


class Archive:
    """A Darwin Core Archive as a zip file or as an unpacked folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        if path.is_dir():
            self.names = sorted(
                str(p.relative_to(path).as_posix()) for p in path.rglob("*") if p.is_file()
            )
        else:
            if not zipfile.is_zipfile(path):
                raise SpeciesDataError(path.name, "is not a zip archive (nor a folder)")
            try:
                self.zip = zipfile.ZipFile(path)
                self.names = [n for n in self.zip.namelist() if not _is_junk(n)]
            except ZIP_ERRORS as exc:
                raise SpeciesDataError(path.name, f"is a damaged zip archive ({exc})") from exc
            problem = zip_problem(self.zip)
            if problem is not None:
                self.zip.close()
                raise SpeciesDataError(path.name, problem)

    def label(self, member: str) -> str:
        sep = "/" if self.zip is None else ":"
        return f"{self.path.name}{sep}{member}"

    def find(self, basename: str) -> str | None:
        hits = [n for n in self.names if PurePosixPath(n).name == basename]
        return min(hits, key=lambda n: n.count("/")) if hits else None

    def resolve(self, member: str, relative_to: str) -> str | None:
        parent = PurePosixPath(relative_to).parent
        candidate = str(parent / member) if str(parent) != "." else member
        return candidate if candidate in self.names else None

    def read_bytes(self, member: str) -> bytes:
        if self.zip is not None:
            try:
                return self.zip.read(member)
            except ZIP_ERRORS as exc:
                raise SpeciesDataError(self.label(member), f"cannot be extracted ({exc})") from exc
        return (self.path / member).read_bytes()

    def extract(self, member: str, workdir: Path) -> Path:
        if self.zip is None:
            return self.path / member
        target = workdir / f"{len(list(workdir.iterdir()))}-{PurePosixPath(member).name}"
        try:
            with self.zip.open(member) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
        except ZIP_ERRORS as exc:
            raise SpeciesDataError(self.label(member), f"cannot be extracted ({exc})") from exc
        return target

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _utf8(spec: TableSpec, workdir: Path) -> TableSpec:
    if not needs_transcoding(spec):
        return spec
    return transcode_to_utf8(spec, workdir / f"utf8-{spec.path.name}")


def table_spec(container: Archive, table: TableDef, meta_member: str, workdir: Path) -> TableSpec:
    meta_label = container.label(meta_member)
    if len(table.files) != 1:
        raise SpeciesDataError(
            meta_label,
            f"the {table.row_type_name} table names {len(table.files)} data files; "
            "localgbf reads archives with one file per table",
            line=table.line,
        )
    member = container.resolve(table.files[0], meta_member)
    if member is None:
        raise SpeciesDataError(
            meta_label,
            f"names the data file {table.files[0]!r}, which is not in the archive",
            line=table.line,
        )
    path = container.extract(member, workdir)
    probe = TableSpec(
        path=path,
        label=container.label(member),
        encoding=table.encoding,
        delimiter=table.delimiter,
        quote=table.quote,
        header_lines=table.header_lines,
        columns=(),
    )
    width = len(first_record(path, probe))
    used = [f for f in table.fields if f.index is not None]
    if table.id_index is not None and table.id_index >= width:
        raise SpeciesDataError(
            meta_label,
            f"the id column has index {table.id_index} but {probe.label} has {width} columns",
            line=table.line,
            field="index",
        )
    for item in used:
        if item.index is not None and item.index >= width:
            raise SpeciesDataError(
                meta_label,
                f"{item.name} has index {item.index} but {probe.label} has {width} columns",
                line=item.line,
                field="index",
            )
    names = [f"column {i}" for i in range(width)]
    for item in reversed(used):
        if item.index is not None:
            names[item.index] = item.name
    if table.id_index is not None and names[table.id_index].startswith("column "):
        names[table.id_index] = "id"
    spec = TableSpec(
        path=path,
        label=probe.label,
        encoding=table.encoding,
        delimiter=table.delimiter,
        quote=table.quote,
        header_lines=table.header_lines,
        columns=tuple(names),
    )
    return _utf8(spec, workdir)


def _dwca_fields(table: TableDef, meta_label: str) -> dict[str, tuple[FieldSource, ...]]:
    mapping = format_reference().formats["dwca"].fields
    out: dict[str, tuple[FieldSource, ...]] = {}
    for name, terms in mapping.items():
        sources: list[FieldSource] = []
        for term in terms:
            item = table.field_named(term)
            if item is not None:
                sources.append(FieldSource(item.index, item.name, item.default))
        if name == "occurrence_id" and table.id_index is not None:
            sources.append(FieldSource(table.id_index, "id"))
        if sources:
            out[name] = tuple(sources)
    for name in format_reference().required:
        if name not in out:
            wanted = " or ".join(mapping[name])
            raise SpeciesDataError(
                meta_label,
                f"the core declares no {wanted} field, which localgbf needs",
                line=table.line,
                field=mapping[name][0],
            )
    return out


def prepare_dwca(path: Path, workdir: Path, *, keep_extensions: bool = False) -> PreparedSource:
    container = Archive(path)
    try:
        meta_member = container.find("meta.xml")
        if meta_member is None:
            raise SpeciesDataError(
                path.name, "holds no meta.xml, so it is not a Darwin Core Archive"
            )
        meta_label = container.label(meta_member)
        meta: ArchiveMeta = parse_meta(container.read_bytes(meta_member), meta_label)
        if meta.core.row_type_name != OCCURRENCE_ROW_TYPE:
            raise SpeciesDataError(
                meta_label,
                f"the core is {meta.core.row_type_name}; localgbf imports occurrence-core "
                "archives (checklists go through `localgbf species checklist`)",
                line=meta.core.line,
                field="rowType",
            )
        fields = _dwca_fields(meta.core, meta_label)
        table = table_spec(container, meta.core, meta_member, workdir)
        prepared = PreparedSource(format="dwca", table=table, fields=fields)
        if meta.metadata:
            eml_member = container.resolve(meta.metadata, meta_member)
            if eml_member is None:
                prepared.warnings.append(f"the metadata file {meta.metadata} is missing")
            else:
                prepared.info, warnings = read_eml(container.read_bytes(eml_member))
                prepared.warnings.extend(warnings)
        for extension in meta.extensions:
            if keep_extensions:
                spec = table_spec(container, extension, meta_member, workdir)
                prepared.extensions.append((extension.row_type_name, spec))
            else:
                prepared.warnings.append(f"extension {extension.row_type_name} not kept")
        return prepared
    finally:
        container.close()


# -- delimited text downloads ----------------------------------------------------------------


def _header_spec(path: Path, label: str, delimiter: str, quote: str) -> TableSpec:
    probe = TableSpec(path, label, "utf-8", delimiter, quote, 1, ())
    header = tuple(h.strip() for h in first_record(path, probe))
    return TableSpec(path, label, "utf-8", delimiter, quote, 1, header)


def _csv_fields(spec: TableSpec, format_name: str) -> dict[str, tuple[FieldSource, ...]]:
    config = format_reference().formats[format_name]
    position: dict[str, int] = {}
    for index, name in enumerate(spec.columns):
        position.setdefault(name, index)
    out: dict[str, tuple[FieldSource, ...]] = {}
    for name, columns in config.fields.items():
        sources = tuple(FieldSource(position[c], c) for c in columns if c in position)
        if sources:
            out[name] = sources
    for name, value in config.constants.items():
        out[name] = (*out.get(name, ()), FieldSource(None, name, value))
    missing = [config.fields[n][0] for n in format_reference().required if n not in out]
    if missing:
        raise SpeciesDataError(
            spec.label,
            f"missing required column(s) {', '.join(missing)} in the header",
            line=1,
            field=missing[0],
        )
    return out


def _single_member(path: Path, workdir: Path) -> tuple[Path, str]:
    """A plain file, or the one data file inside a zip (GBIF zips its simple CSV)."""
    if not zipfile.is_zipfile(path):
        return path, path.name
    container = Archive(path)
    try:
        members = [n for n in container.names if n.lower().endswith((".csv", ".txt", ".tsv"))]
        if len(members) != 1:
            raise SpeciesDataError(
                path.name, f"holds {len(members)} data files; expected exactly one"
            )
        return container.extract(members[0], workdir), container.label(members[0])
    finally:
        container.close()


def _prepare_text(format_name: str) -> Callable[..., PreparedSource]:
    def prepare(path: Path, workdir: Path, *, keep_extensions: bool = False) -> PreparedSource:
        config = format_reference().formats[format_name]
        data, label = _single_member(path, workdir)
        spec = _header_spec(data, label, config.delimiter or ",", config.quote or "")
        return PreparedSource(format=format_name, table=spec, fields=_csv_fields(spec, format_name))

    return prepare


# -- records handed over in memory (connectors) ----------------------------------------------


def record_columns() -> tuple[str, ...]:
    """The Darwin Core term names an iterable of records may use (others are ignored)."""
    seen: dict[str, None] = {}
    for terms in format_reference().formats["dwca"].fields.values():
        for term in terms:
            seen.setdefault(term, None)
    return tuple(seen)


def prepare_records(
    records: Iterable[Mapping[str, Any]], workdir: Path, label: str
) -> PreparedSource:
    """Write records keyed by Darwin Core term names to a CSV file and describe it."""
    columns = record_columns()
    target = workdir / "records.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow(["" if record.get(c) is None else str(record.get(c)) for c in columns])
    spec = TableSpec(target, label, "utf-8", ",", '"', 1, columns)
    mapping = format_reference().formats["dwca"].fields
    position = {c: i for i, c in enumerate(columns)}
    fields = {
        name: tuple(FieldSource(position[t], t) for t in terms) for name, terms in mapping.items()
    }
    return PreparedSource(format="records", table=spec, fields=fields)


# -- detection and registry ------------------------------------------------------------------


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.readline(1 << 16)
    return head.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")


def _text_format(line: str) -> str | None:
    for name, config in format_reference().formats.items():
        if not config.signature or config.delimiter is None:
            continue
        header = {h.strip().strip('"') for h in line.split(config.delimiter)}
        if set(config.signature) <= header:
            return name
    return None


def detect_format(path: Path) -> str:
    """The name of the format of `path`, or a SpeciesDataError saying how to name it."""
    if path.is_dir():
        if (path / "meta.xml").is_file():
            return "dwca"
        raise SpeciesDataError(path.name, "is a folder without meta.xml")
    if zipfile.is_zipfile(path):
        container = Archive(path)
        try:
            if container.find("meta.xml"):
                return "dwca"
            members = [n for n in container.names if n.lower().endswith((".csv", ".txt"))]
            if len(members) == 1 and container.zip is not None:
                try:
                    with container.zip.open(members[0]) as handle:
                        line = handle.readline(1 << 16).decode("utf-8", errors="replace")
                except ZIP_ERRORS as exc:
                    raise SpeciesDataError(
                        container.label(members[0]), f"cannot be extracted ({exc})"
                    ) from exc
                found = _text_format(line.lstrip("\ufeff").rstrip("\r\n"))
                if found:
                    return found
        finally:
            container.close()
        raise SpeciesDataError(path.name, "is a zip archive without meta.xml or a known CSV")
    if path.suffix.lower() == ".zip":
        raise SpeciesDataError(path.name, "is not a zip archive")
    found = _text_format(_first_line(path))
    if found is None:
        raise SpeciesDataError(
            path.name,
            f"the format cannot be told from the first line; name it ({', '.join(FORMATS)})",
            line=1,
        )
    return found


FORMATS: dict[str, Callable[..., PreparedSource]] = {
    "dwca": prepare_dwca,
    "gbif-csv": _prepare_text("gbif-csv"),
    "inat-csv": _prepare_text("inat-csv"),
}
