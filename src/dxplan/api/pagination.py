"""Pages with `next` and `previous` links, so clients follow links instead of building URLs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class LinkPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="Items per page (at most 1000).")
        offset: int = Field(0, ge=0, description="Items to skip.")

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        items = list(queryset)
        start, limit = pagination.offset, pagination.limit
        return {
            "count": len(items),
            "next": _link(request, start + limit, limit) if start + limit < len(items) else None,
            "previous": _link(request, max(start - limit, 0), limit) if start > 0 else None,
            "results": items[start : start + limit],
        }


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
