"""Requests whose parameters hold a NUL character (0x00) are refused before any view runs.

PostgreSQL text cannot hold NUL, so a filter or a field carrying one would end in a database
error (a 500) on PostgreSQL while SQLite stores it. No legitimate input of the platform holds
one: the request is a 400 that says which parameter is at fault (JSON for the API).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _offending(items: Iterable[tuple[str, list[str]]]) -> str | None:
    for key, values in items:
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "\\0")
    return None


def _in_json(body: bytes) -> bool:
    """A NUL in a JSON body, raw or escaped; an unreadable body is the view's to refuse."""
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body:
        return False
    try:
        return _holds_nul(json.loads(body))
    except ValueError:
        return False


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def nul_problem(request: HttpRequest) -> str | None:
    if NUL in request.path:
        return "the address holds a NUL character (0x00)"
    key = _offending(request.GET.lists())
    if key is not None:
        return f"parameter {key!r} holds a NUL character (0x00)"
    if request.method in ("POST", "PUT", "PATCH"):
        if request.content_type in FORM_TYPES:
            key = _offending(request.POST.lists())
            if key is not None:
                return f"field {key!r} holds a NUL character (0x00)"
        elif request.content_type == "application/json" and _in_json(request.body):
            return "the JSON body holds a NUL character (0x00)"
    return None


class RefuseNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = nul_problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": problem}, status=400)
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
