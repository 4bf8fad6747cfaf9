"""Reading what a form posted, and framing the engine's messages in the page's language."""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import gettext as _


def posted_version(request: HttpRequest) -> int:
    """The version of the assessment the posted form was made from."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise SuspiciousOperation("the form carries no assessment version") from None


def framed(number: int | None, exc: Exception) -> str:
    """An engine message (English, precise) inside a sentence in the page's language."""
    if number is None:
        return _("Not saved: %(message)s") % {"message": exc}
    return _("Indicator %(number)s was not saved: %(message)s") % {
        "number": number,
        "message": exc,
    }
