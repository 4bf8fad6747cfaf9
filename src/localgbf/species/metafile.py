"""The `meta.xml` descriptor of a Darwin Core Archive, read with line numbers for every error.

The Darwin Core text guide (https://dwc.tdwg.org/text/) defines the descriptor: one `core` and
any number of `extension` elements, each naming its data files, their encoding, delimiters,
quoting and header lines, and mapping column indexes (or constant defaults) to term URIs.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from xml.parsers import expat

from localgbf.species.errors import SpeciesDataError

# Defaults of the Darwin Core text guide, section 2.2.
_DEFAULTS = {
    "encoding": "UTF-8",
    "fieldsTerminatedBy": ",",
    "linesTerminatedBy": "\\n",
    "fieldsEnclosedBy": '"',
    "ignoreHeaderLines": "0",
}
_ESCAPES = {"\\t": "\t", "\\n": "\n", "\\r": "\r", "\\\\": "\\", "\\'": "'", '\\"': '"'}


@dataclass(frozen=True)
class FieldDef:
    """One `<field>`: a term read from a column, or a constant default, or both."""

    term: str
    index: int | None
    default: str | None
    line: int

    @property
    def name(self) -> str:
        """The term's local name (`.../dwc/terms/scientificName` -> scientificName)."""
        return self.term.rstrip("/").replace("#", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class TableDef:
    """A `<core>` or `<extension>` element."""

    row_type: str
    files: tuple[str, ...]
    encoding: str
    delimiter: str
    quote: str
    header_lines: int
    id_index: int | None
    fields: tuple[FieldDef, ...]
    line: int
    is_core: bool

    @property
    def row_type_name(self) -> str:
        return self.row_type.rstrip("/").rsplit("/", 1)[-1]

    def field_named(self, name: str) -> FieldDef | None:
        for item in self.fields:
            if item.name == name:
                return item
        return None


@dataclass(frozen=True)
class ArchiveMeta:
    core: TableDef
    extensions: tuple[TableDef, ...]
    metadata: str | None


@dataclass
class _Element:
    name: str
    attrs: dict[str, str]
    line: int
    children: list[_Element] = field(default_factory=list)
    text: str = ""

    def find(self, name: str) -> list[_Element]:
        return [c for c in self.children if c.name == name]


def _parse_tree(data: bytes, label: str) -> _Element:
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[_Element] = []
    root: list[_Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        attrs = {k.rsplit(" ", 1)[-1]: v for k, v in attrs.items()}
        element = _Element(local, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text += text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise SpeciesDataError(
            label,
            f"is not well-formed XML ({expat.ErrorString(exc.code)}, column {exc.offset})",
            line=exc.lineno,
        ) from exc
    if not root:
        raise SpeciesDataError(label, "holds no XML element")
    return root[0]


def _unescape(value: str) -> str:
    out = value
    for escaped, plain in _ESCAPES.items():
        out = out.replace(escaped, plain)
    return out


def _int_attr(element: _Element, name: str, label: str, default: str | None = None) -> int | None:
    raw = element.attrs.get(name, default)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise SpeciesDataError(
            label, f"{name}={raw!r} is not a whole number", line=element.line, field=name
        ) from None
    if value < 0:
        raise SpeciesDataError(label, f"{name}={raw!r} is negative", line=element.line, field=name)
    return value


def _table(element: _Element, label: str) -> TableDef:
    attrs = {**_DEFAULTS, **element.attrs}
    row_type = attrs.get("rowType", "").strip()
    if not row_type:
        raise SpeciesDataError(
            label, f"<{element.name}> has no rowType", line=element.line, field="rowType"
        )
    encoding = attrs["encoding"].strip()
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SpeciesDataError(
            label, f"unknown encoding {encoding!r}", line=element.line, field="encoding"
        ) from None
    delimiter = _unescape(attrs["fieldsTerminatedBy"])
    if len(delimiter) != 1:
        raise SpeciesDataError(
            label,
            f"fieldsTerminatedBy must be one character, not {attrs['fieldsTerminatedBy']!r}",
            line=element.line,
            field="fieldsTerminatedBy",
        )
    quote = _unescape(attrs["fieldsEnclosedBy"])
    if len(quote) > 1:
        raise SpeciesDataError(
            label,
            f"fieldsEnclosedBy must be at most one character, not {attrs['fieldsEnclosedBy']!r}",
            line=element.line,
            field="fieldsEnclosedBy",
        )
    header_lines = _int_attr(element, "ignoreHeaderLines", label) or 0

    files = tuple(
        loc.text.strip()
        for files_el in element.find("files")
        for loc in files_el.find("location")
        if loc.text.strip()
    )
    if not files:
        raise SpeciesDataError(
            label, f"<{element.name}> names no data file (<files><location>)", line=element.line
        )

    id_elements = element.find("id") + element.find("coreid")
    id_index = _int_attr(id_elements[0], "index", label) if id_elements else None

    fields: list[FieldDef] = []
    for item in element.find("field"):
        term = item.attrs.get("term", "").strip()
        if not term:
            raise SpeciesDataError(label, "<field> has no term", line=item.line, field="term")
        index = _int_attr(item, "index", label)
        default = item.attrs.get("default")
        if index is None and default is None:
            raise SpeciesDataError(
                label,
                f"<field> for {term} has neither an index nor a default",
                line=item.line,
                field="index",
            )
        fields.append(FieldDef(term=term, index=index, default=default, line=item.line))

    return TableDef(
        row_type=row_type,
        files=files,
        encoding=encoding,
        delimiter=delimiter,
        quote=quote,
        header_lines=header_lines,
        id_index=id_index,
        fields=tuple(fields),
        line=element.line,
        is_core=element.name == "core",
    )


def parse_meta(data: bytes, label: str) -> ArchiveMeta:
    """Parse the bytes of a meta.xml; `label` names it in errors (e.g. "x.zip:meta.xml")."""
    root = _parse_tree(data, label)
    if root.name != "archive":
        raise SpeciesDataError(
            label, f"the root element is <{root.name}>, not <archive>", line=root.line
        )
    cores = root.find("core")
    if len(cores) != 1:
        raise SpeciesDataError(
            label, f"needs exactly one <core> element, found {len(cores)}", line=root.line
        )
    return ArchiveMeta(
        core=_table(cores[0], label),
        extensions=tuple(_table(e, label) for e in root.find("extension")),
        metadata=root.attrs.get("metadata") or None,
    )
