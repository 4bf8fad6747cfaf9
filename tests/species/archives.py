"""Small Darwin Core Archives built in a test's temporary folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

TERMS = "http://rs.tdwg.org/dwc/terms/"


def meta_xml(
    fields: list[tuple[int | None, str, str | None]],
    *,
    row_type: str = "Occurrence",
    encoding: str = "UTF-8",
    delimiter: str = "\\t",
    quote: str = "",
    header_lines: int = 1,
    location: str = "occurrence.txt",
    extensions: str = "",
) -> str:
    lines = []
    for index, term, default in fields:
        attrs = f' term="{TERMS}{term}"'
        if index is not None:
            attrs = f' index="{index}"' + attrs
        if default is not None:
            attrs += f' default="{default}"'
        lines.append(f"    <field{attrs}/>")
    body = "\n".join(lines)
    return (
        '<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">\n'
        f'  <core encoding="{encoding}" fieldsTerminatedBy="{delimiter}" linesTerminatedBy="\\n" '
        f'fieldsEnclosedBy="{quote}" ignoreHeaderLines="{header_lines}" '
        f'rowType="{TERMS}{row_type}">\n'
        f"    <files><location>{location}</location></files>\n"
        '    <id index="0"/>\n'
        f"{body}\n  </core>\n{extensions}</archive>\n"
    )


EML = """<eml:eml xmlns:eml="eml://ecoinformatics.org/eml-2.1.1" packageId="x">
<dataset><title>City bird survey 2022</title>
<alternateIdentifier>https://doi.org/10.15468/abc123</alternateIdentifier>
<intellectualRights><para>This work is licensed under a
<ulink url="http://creativecommons.org/licenses/by/4.0/legalcode"><citetitle>CC-BY 4.0</citetitle></ulink>.</para>
</intellectualRights></dataset>
<additionalMetadata><metadata><gbif><citation>City (2022) Bird survey.</citation></gbif></metadata>
</additionalMetadata></eml:eml>"""

OCCURRENCE_FIELDS: list[tuple[int | None, str, str | None]] = [
    (0, "occurrenceID", None),
    (1, "scientificName", None),
    (2, "class", None),
    (3, "decimalLatitude", None),
    (4, "decimalLongitude", None),
    (5, "eventDate", None),
    (None, "basisOfRecord", "HumanObservation"),
    (None, "kingdom", "Animalia"),
]


def build_archive(
    folder: Path,
    rows: list[list[str]],
    *,
    meta: str | None = None,
    zipped: bool = True,
    encoding: str = "utf-8",
    header: list[str] | None = None,
    extra: dict[str, bytes] | None = None,
    name: str = "archive.zip",
) -> Path:
    """An archive with `rows` (tab-separated) as occurrence.txt."""
    header = header or ["id", "scientificName", "class", "lat", "lon", "eventDate"]
    text = "\n".join("\t".join(r) for r in [header, *rows]) + "\n"
    files = {
        "meta.xml": (meta or meta_xml(OCCURRENCE_FIELDS)).encode("utf-8"),
        "eml.xml": EML.encode("utf-8"),
        "occurrence.txt": text.encode(encoding),
        **(extra or {}),
    }
    if not zipped:
        target = folder / name.removesuffix(".zip")
        target.mkdir()
        for file, data in files.items():
            (target / file).write_bytes(data)
        return target
    target = folder / name
    with zipfile.ZipFile(target, "w") as archive:
        for file, data in files.items():
            archive.writestr(file, data)
    return target
