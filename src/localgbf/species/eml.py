"""Who to cite for a data set: title, citation, DOI and licence from its EML metadata.

GBIF downloads and IPT archives describe themselves in EML (Ecological Metadata Language,
GBIF profile: https://ipt.gbif.org/manual/en/ipt/latest/gbif-metadata-profile). Metadata is
not data: an unreadable EML file gives a warning, never a failed import.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pydantic import BaseModel, ConfigDict

_DOI = re.compile(r"(10\.\d{4,9}/[^\s\"<>]+)")
_LICENCE_URL = re.compile(r"https?://(creativecommons\.org|opendatacommons\.org)/[^\s\"<>]+")


class DatasetInfo(BaseModel):
    """What a stored data set says about itself; every field may be missing."""

    model_config = ConfigDict(frozen=True)

    title: str | None = None
    citation: str | None = None
    doi: str | None = None
    licence: str | None = None
    rights: str | None = None
    publisher: str | None = None

    def merged_over(self, other: DatasetInfo) -> DatasetInfo:
        """This info, with the gaps filled from `other`."""
        mine = self.model_dump()
        theirs = other.model_dump()
        return DatasetInfo(**{k: mine[k] if mine[k] else theirs[k] for k in mine})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join(" ".join(element.itertext()).split())
    return text or None


def _first(root: ET.Element, *path: str) -> ET.Element | None:
    """The first element reached by following local tag names, at any depth for the first."""
    for candidate in root.iter():
        if _local(candidate.tag) != path[0]:
            continue
        node: ET.Element | None = candidate
        for name in path[1:]:
            node = (
                next((c for c in node if _local(c.tag) == name), None) if node is not None else None
            )
        if node is not None:
            return node
    return None


def doi_in(text: str | None) -> str | None:
    """The first DOI in a text, bare ("10.15468/dl.abc"), without URL or "doi:" prefix."""
    if not text:
        return None
    match = _DOI.search(text)
    return match.group(1).rstrip(".,;)") if match else None


def read_eml(data: bytes) -> tuple[DatasetInfo, list[str]]:
    """Parse EML bytes into a DatasetInfo and the warnings met on the way."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return DatasetInfo(), [
            f"the metadata file is not well-formed XML ({exc}); no citation read"
        ]
    dataset = _first(root, "dataset")
    scope = dataset if dataset is not None else root
    title = _text(_first(scope, "title"))
    citation_el = _first(root, "gbif", "citation")
    if citation_el is None:
        citation_el = _first(root, "citation")
    citation = _text(citation_el)
    doi = None
    for alt in (e for e in root.iter() if _local(e.tag) == "alternateIdentifier"):
        doi = doi_in(_text(alt))
        if doi:
            break
    if doi is None and citation_el is not None:
        doi = doi_in(citation_el.get("identifier")) or doi_in(citation)
    if doi is None:
        doi = doi_in(root.get("packageId"))
    rights_el = _first(scope, "intellectualRights")
    rights = _text(rights_el)
    licence = None
    if rights_el is not None:
        for node in rights_el.iter():
            url = node.get("url")
            if url and _LICENCE_URL.match(url):
                licence = url
                break
    if licence is None and rights:
        match = _LICENCE_URL.search(rights)
        licence = match.group(0) if match else None
    publisher = _text(_first(scope, "publisher", "organizationName")) or _text(
        _first(scope, "creator", "organizationName")
    )
    return (
        DatasetInfo(
            title=title,
            citation=citation,
            doi=doi,
            licence=licence,
            rights=rights,
            publisher=publisher,
        ),
        [],
    )
