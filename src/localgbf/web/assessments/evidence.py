"""Evidence for an indicator entry: files (kept once in the datasets' file store), links, notes.

The engine's model records a file by name and checksum; the bytes live in the content-addressed
store of `localgbf.web.datasets`, so a file already uploaded as a dataset is not stored again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from localgbf.index import assessment as si
from localgbf.web.assessments.models import Assessment
from localgbf.web.assessments.services import change
from localgbf.web.datasets.models import Dataset, file_store


def attach_evidence(
    row: Assessment,
    indicator: int,
    *,
    note: str = "",
    link: str = "",
    upload: UploadedFile | None = None,
    dataset: Dataset | None = None,
    expected_version: int,
    user: Any,
) -> Assessment:
    """Add the given evidence to one entry; a new file is removed again if the change fails."""
    items: list[si.Evidence] = []
    created: list[Path] = []
    try:
        if upload is not None:
            name = Path(upload.name or "evidence").name
            stored = file_store().put(upload, name, max_bytes=settings.LOCALGBF_MAX_UPLOAD_BYTES)
            if stored.created:
                created.append(stored.path)
            items.append(si.Evidence(kind="file", text=name, sha256=stored.sha256))
        if dataset is not None:
            items.append(si.Evidence(kind="file", text=dataset.filename, sha256=dataset.sha256))
        if link.strip():
            items.append(si.Evidence(kind="link", text=link.strip()))
        if note.strip():
            items.append(si.Evidence(kind="note", text=note.strip()))
        return change(
            row,
            lambda a: si.add_evidence(a, indicator, *items),
            expected_version=expected_version,
            user=user,
            action="evidence",
            indicator=indicator,
        )
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


def evidence_file(pure: si.Assessment, sha256: str) -> tuple[str, Path] | None:
    """The name and stored path of an evidence file of the assessment, by checksum."""
    for entry in pure.entries:
        for item in entry.evidence:
            if item.kind == "file" and item.sha256 == sha256:
                path = file_store().path_for(sha256, item.text)
                return (item.text, path) if path.is_file() else None
    return None
