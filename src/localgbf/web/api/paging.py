"""Pages of a list: `?page=` and `?page_size=`, with the total and the neighbours' addresses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Schema

MAX_PAGE_SIZE = 200
# Identifiers are 64-bit database keys: a larger number cannot name anything.
MAX_ID = 2**63 - 1
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any],
    paging: Paging,
    serialize: Callable[[Sequence[Any]], list[dict[str, Any]]],
) -> dict[str, Any]:
    """One page of `rows` (already ordered), its items made by `serialize`."""
    count = rows.count()
    start = (paging.page - 1) * paging.page_size
    chunk = _page(rows, start, paging.page_size) if start < count else []
    last = max(1, -(-count // paging.page_size))
    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "next": _link(request, paging.page + 1) if start + paging.page_size < count else None,
        "previous": _link(request, min(paging.page - 1, last)) if paging.page > 1 else None,
        "items": serialize(chunk),
    }


def _page(rows: QuerySet[Any], start: int, size: int) -> list[Any]:
    """The rows `start` to `start + size`: their keys first, then those rows with their joins.

    A database skips an OFFSET by producing the rows before it; producing keys only is cheap,
    while producing whole rows with their joined tables made page 200 of the actions 15 times
    slower than page 1 (benchmarks/portal.py)."""
    keys = list(rows.values_list("pk", flat=True)[start : start + size])
    found = {row.pk: row for row in rows.filter(pk__in=keys)}
    return [found[key] for key in keys if key in found]
