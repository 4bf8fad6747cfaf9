"""Errors as JSON `{"detail": ...}`, and the statuses each kind of endpoint may answer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from localgbf.web.api.schemas import ErrorOut

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 403: ErrorOut, 409: ErrorOut}


class Problem(Exception):
    """An answer other than success, with its status and what to tell the caller."""

    def __init__(self, status: int, detail: str | list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def invalid(errors: ValidationError | dict[str, Any] | str) -> Problem:
    """A 422 naming each field that was refused and why."""
    if isinstance(errors, str):
        return Problem(422, errors)
    if isinstance(errors, ValidationError):
        if hasattr(errors, "error_dict"):
            return Problem(
                422,
                [
                    {"loc": ["body", field], "msg": " ".join(str(m) for m in messages)}
                    for field, messages in errors.message_dict.items()
                ],
            )
        return Problem(422, " ".join(errors.messages))
    return Problem(
        422,
        [
            {"loc": ["body", field], "msg": " ".join(str(m["message"]) for m in messages)}
            for field, messages in errors.items()
        ],
    )


STALE = (
    "The record changed since you read it: the If-Match header does not match its ETag. "
    "Read it again (GET gives the current ETag) and send your change with that one."
)


def conflict(message: str) -> Problem:
    return Problem(409, message)
