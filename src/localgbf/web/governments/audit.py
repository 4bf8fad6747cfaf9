"""Writing to the audit log: one call per change, with the values before and after."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from localgbf.web.governments.models import AuditEntry, Government


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe copy of a record's field values, for the before/after columns."""
    data = model_to_dict(instance, fields=fields)
    return dict(json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str)))


def record(
    actor: Any,
    action: str,
    instance: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    government: Government | None = None,
) -> AuditEntry:
    if government is None:
        government = (
            instance if isinstance(instance, Government) else getattr(instance, "government", None)
        )
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        government=government,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
    )
