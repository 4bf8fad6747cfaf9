"""Checks on every uploaded file before anything reads it: size, and bytes that match the name.

A file named `.tif` must start with a TIFF header, a `.zip` / `.xlsx` / Darwin Core Archive
with the ZIP signature, a `.gpkg` with SQLite's, a `.geojson` with a JSON value, a `.csv` must
be text. A renamed or damaged file is then refused with a message naming it, instead of
reaching an importer that would fail on it in a less readable way. Attach `check_upload` as a
validator of a form's `FileField`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 8192


@dataclass(frozen=True)
class Family:
    label: str
    signatures: tuple[bytes, ...] = ()
    json: bool = False
    text: bool = False


TIFF = Family("TIFF / GeoTIFF", (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"))
ZIP = Family("ZIP", (b"PK",))
SQLITE = Family("GeoPackage (SQLite)", (b"SQLite format 3\x00",))
PDF = Family("PDF", (b"%PDF-",))
PNG = Family("PNG", (b"\x89PNG\r\n\x1a\n",))
JPEG = Family("JPEG", (b"\xff\xd8\xff",))
OLE = Family("Excel 97-2003", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",))
JSON = Family("JSON", json=True)
TEXT = Family("text", text=True)

FAMILIES: dict[str, Family] = {
    ".tif": TIFF,
    ".tiff": TIFF,
    ".zip": ZIP,
    ".xlsx": ZIP,
    ".docx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".gpkg": SQLITE,
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".xls": OLE,
    ".json": JSON,
    ".geojson": JSON,
    ".csv": TEXT,
    ".tsv": TEXT,
    ".txt": TEXT,
    ".yaml": TEXT,
    ".yml": TEXT,
}


def family_of(filename: str) -> Family | None:
    name = filename.lower()
    dot = name.rfind(".")
    return FAMILIES.get(name[dot:]) if dot >= 0 else None


def _looks_like(family: Family, head: bytes) -> bool:
    if family.signatures:
        return head.startswith(family.signatures)
    if family.json:
        stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
        return stripped[:1] in (b"{", b"[")
    if family.text:
        return b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return True


def _size_text(size: int) -> str:
    if size >= 2**30:
        return f"{size / 2**30:.1f} GiB"
    return f"{size / 2**20:.1f} MiB"


def read_head(upload: UploadedFile) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    return head if isinstance(head, bytes) else head.encode()


def check_upload(upload: UploadedFile) -> None:
    """Refuse a file over `LOCALGBF_MAX_UPLOAD_BYTES` or whose first bytes contradict its name."""
    name = upload.name or "upload"
    limit = settings.LOCALGBF_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest file accepted is %(limit)s."),
            code="too_large",
            params={"name": name, "size": _size_text(upload.size), "limit": _size_text(limit)},
        )
    family = family_of(name)
    if family is None:
        return
    head = read_head(upload)
    if not head:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    if not _looks_like(family, head):
        raise ValidationError(
            _(
                "“%(name)s” is not a %(kind)s file, although its name says so: its first bytes "
                "do not match. Check that the file was not renamed or damaged."
            ),
            code="content_mismatch",
            params={"name": name, "kind": family.label},
        )
