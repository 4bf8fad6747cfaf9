"""Storing an upload: the file once in the content-addressed store, a row per government."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from localgbf.web.datasets.models import Dataset, file_store
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import enqueue


@transaction.atomic
def store_upload(
    *, government: Government, upload: UploadedFile, user: Any, fields: dict[str, Any]
) -> tuple[Dataset, bool, Job | None]:
    """Keep the file and queue its inspection. Returns (dataset, created, job).

    Uploading the same bytes again for the same government and kind returns the existing
    dataset: the file is stored once.
    """
    stored = file_store().put(
        upload, upload.name or "upload", max_bytes=settings.LOCALGBF_MAX_UPLOAD_BYTES
    )
    existing = Dataset.objects.filter(
        government=government, kind=fields["kind"], sha256=stored.sha256
    ).first()
    if existing is not None:
        return existing, False, None
    dataset = Dataset.objects.create(
        government=government,
        filename=upload.name or "upload",
        sha256=stored.sha256,
        size=stored.size,
        uploaded_by=user,
        metadata={"status": "queued"},
        **fields,
    )
    audit.record(user, "dataset.upload", dataset, after=audit.snapshot(dataset))
    job = enqueue(
        "datasets.inspect", {"dataset": dataset.pk}, government=government, created_by=user
    )
    return dataset, True, job
