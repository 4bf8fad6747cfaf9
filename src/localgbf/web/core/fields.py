"""A model field for text in several languages, stored as JSON: {"en": ..., "zh-hans": ...}.

Adding Arabic, Spanish, French or Russian text needs no schema change: it is one more key.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.text import UN_LANGUAGES, Text


def validate_translated(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Expected a mapping of language codes to text."))
    unknown = set(value) - set(UN_LANGUAGES) - {"official"}
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."), params={"codes": ", ".join(sorted(unknown))}
        )
    if not str(value.get("en") or "").strip() and not str(value.get("zh-hans") or "").strip():
        raise ValidationError(_("Give the text in English or Chinese at least."))


class TranslatedField(models.JSONField):
    """JSON mapping language -> text, validated on save through forms and full_clean."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("validators", [validate_translated])
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[Any, Any, Any, Any]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("default") is dict:
            kwargs.pop("default")
        return name, path, args, kwargs


def as_text(value: dict[str, Any] | None) -> Text | None:
    """A stored translated mapping as a framework `Text`, or None when it holds no text."""
    if not value:
        return None
    values = {k: v for k, v in value.items() if k in UN_LANGUAGES and isinstance(v, str) and v}
    if not values:
        return None
    official = frozenset(o for o in value.get("official") or [] if o in values)
    return Text(values=values, official=official)
