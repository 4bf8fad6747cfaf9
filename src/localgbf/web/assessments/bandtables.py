"""Importing a band table (YAML or CSV) as a new version for its edition.

The file is read by the engine's one loader (`localgbf.index.bands.load_band_table`) from a
private temporary copy named like the upload, so that its messages name the user's file; only
a table that loads completely is kept, with the file in the content-addressed store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from localgbf.index.bands import default_band_table, load_band_table
from localgbf.index.errors import BandTableError
from localgbf.web.assessments.models import BandTableVersion
from localgbf.web.assessments.services import current_band_table
from localgbf.web.datasets.models import file_store
from localgbf.web.datasets.store import UploadTooLarge
from localgbf.web.governments import audit

SUFFIXES = (".yaml", ".yml", ".csv")


class BandImportError(ValueError):
    """A band-table upload that is refused; the message names the file and, if known, line."""


def _safe_name(name: str) -> str:
    base = Path(name or "bands.yaml").name.strip() or "bands.yaml"
    return base.replace("\x00", "")


def import_band_table(upload: UploadedFile, *, user: Any) -> BandTableVersion:
    name = _safe_name(upload.name or "")
    if Path(name).suffix.lower() not in SUFFIXES:
        raise BandImportError(
            _("%(file)s: a band table is a YAML (.yaml) or CSV (.csv) file.") % {"file": name}
        )
    with tempfile.TemporaryDirectory(prefix="localgbf-bands-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            loaded = load_band_table(path)
        except BandTableError as exc:
            where = f"{name}, line {exc.line}" if exc.line is not None else name
            raise BandImportError(f"{where}: {exc.problem}") from exc
        if (
            BandTableVersion.objects.filter(edition=loaded.edition, version=loaded.version).exists()
            or loaded.version == default_band_table(loaded.edition).version
        ):
            raise BandImportError(
                _(
                    "%(file)s: version %(version)s of the %(edition)s band table already exists; "
                    "give the new table a version of its own."
                )
                % {"file": name, "version": loaded.version, "edition": loaded.edition}
            )
        effective = current_band_table(loaded.edition).overlay(loaded)
        with path.open("rb") as source:
            try:
                stored = file_store().put(
                    source, name, max_bytes=settings.LOCALGBF_MAX_UPLOAD_BYTES
                )
            except UploadTooLarge as exc:
                raise BandImportError(str(exc)) from exc
    with transaction.atomic():
        row = BandTableVersion.objects.create(
            edition=loaded.edition,
            version=loaded.version,
            source=loaded.source,
            indicators=list(loaded.banded()),
            table=effective.model_dump(mode="json"),
            filename=name,
            sha256=stored.sha256,
            size=stored.size,
            imported_by=user,
        )
        audit.record(
            user,
            "bandtable.import",
            row,
            after={
                "edition": row.edition,
                "version": row.version,
                "indicators": row.indicators,
                "extends": effective.extends,
                "sha256": row.sha256,
            },
        )
    return row


def stored_path(row: BandTableVersion) -> Path:
    return file_store().path_for(row.sha256, row.filename)
