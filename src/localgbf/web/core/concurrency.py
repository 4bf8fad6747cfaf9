"""Optimistic locking for edit forms: two people editing one record cannot overwrite each other.

An edit form carries, in a hidden `revision` field, a fingerprint of the record's values as the
editor saw them. On save the fingerprint of the values now in the database is compared with
it: when someone else saved in between, the form is shown again with a message listing their
values, and the hidden field now holds the new fingerprint, so saving again replaces their
values knowingly. No schema change is needed, and a change by anyone (web, API, admin) counts.

Add `RevisionMixin` first among a `ModelForm`'s bases. For the API, `fingerprint()` is the ETag
a client sends back in `If-Match`.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REVISION_FIELD = "revision"


def digest(values: Any) -> str:
    text = json.dumps(values, cls=_Encoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def fingerprint(instance: models.Model, fields: list[str] | None = None) -> str:
    """A short digest of the record's stored values (all editable fields unless named)."""
    return digest(model_to_dict(instance, fields=fields))


class _Encoder(DjangoJSONEncoder):
    """Equal values give equal text: 21473 and 21473.00 as read back from the database."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return format(o.normalize(), "f")
        if isinstance(o, models.Model):
            return o.pk
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _shown(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


class RevisionMixin:
    """A hidden revision field and the check against the record's values now stored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[REVISION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.stored_revision = self.current_revision()
        self.fields[REVISION_FIELD].initial = self.stored_revision

    def current_revision(self) -> str:
        """The revision of what the form edits, as stored now; "" for something new. A form
        that is not a ModelForm says what it edits by overriding this."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return ""
        return fingerprint(instance, self.revision_fields())

    def revision_fields(self) -> list[str] | None:
        """The fields compared: every editable field of the record, not only the form's, since
        forms often write fields they do not show as such (a name in two languages, a file)."""
        return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        sent = self.data.get(self.add_prefix(REVISION_FIELD)) or ""
        if self.stored_revision and sent and sent != self.stored_revision:
            theirs = []
            for name, field in self.fields.items():
                if name == REVISION_FIELD or isinstance(field, forms.FileField):
                    continue
                stored = self.get_initial_for_field(field, name)
                if name in cleaned and cleaned[name] != stored:
                    theirs.append(f"{field.label or name}: {_shown(stored)}")
            self.data = self.data.copy()
            self.data[self.add_prefix(REVISION_FIELD)] = self.stored_revision
            message = gettext(
                "Someone else saved this record after you opened it. Nothing was saved. "
                "Your changes are kept in the form; save again to replace their values."
            )
            if theirs:
                message += " " + gettext("Their values: %(values)s.") % {
                    "values": "; ".join(theirs)
                }
            raise ValidationError(message, code="edit_conflict")
        return cleaned

    def save(self, commit: bool = True) -> Any:
        """Save, having checked under a row lock that nobody saved since the form was read."""
        instance = getattr(self, "instance", None)
        if not self.stored_revision or instance is None:
            return super().save(commit)  # type: ignore[misc]
        with transaction.atomic():
            current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
            if fingerprint(current, self.revision_fields()) != self.stored_revision:
                raise EditConflict(instance)
            return super().save(commit)  # type: ignore[misc]


class EditConflict(Exception):
    """Someone saved the record between the check of the form and its save (a rare race)."""

    def __init__(self, instance: models.Model) -> None:
        super().__init__(f"{instance._meta.label} {instance.pk} changed while it was being saved")


class EditConflictMiddleware:
    """Answers an `EditConflict` with 409 and a message instead of a server error."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, EditConflict):
            return None
        return render(
            request,
            "core/conflict.html",
            {"message": CONFLICT_MESSAGE},
            status=409,
        )


CONFLICT_MESSAGE = _(
    "Someone else saved this record at the same moment. Nothing of yours was saved: go back, "
    "reload the record to see what changed, and make your change again."
)


def etag(instance: models.Model) -> str:
    return f'"{fingerprint(instance)}"'


def if_match_fails(request: HttpRequest, instance: models.Model) -> bool:
    """True when the request says which version it changes (If-Match) and that is not this one."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return False
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag(instance) not in wanted
