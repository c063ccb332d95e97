"""Pages with `next` and `previous` links, so clients follow links instead of building URLs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


@dataclass(frozen=True)
class PageOf:
    """A list that the database filters, counts and cuts: only one page of it is read and
    serialized (a plan of 5,000 indicators answers `?limit=5` with five)."""

    queryset: QuerySet[Any]
    serialize: Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class SliceOf:
    """A list that is no queryset but knows its length and reads one page of itself, as
    `read(offset, limit)`: a version's nodes in reading order, cut from their ids."""

    count: int
    read: Callable[[int, int], list[Any]]


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
        start, limit = pagination.offset, pagination.limit
        if isinstance(queryset, PageOf):
            count = queryset.queryset.count()
            # past the end, nothing to read (an offset beyond the database's integers included)
            page = list(queryset.queryset[start : start + limit]) if start < count else []
            results = queryset.serialize(page)
        elif isinstance(queryset, SliceOf):
            count = queryset.count
            results = queryset.read(start, limit) if start < count else []
        else:
            items = list(queryset)
            count, results = len(items), items[start : start + limit]
        return {
            "count": count,
            "next": _link(request, start + limit, limit) if start + limit < count else None,
            "previous": _link(request, max(start - limit, 0), limit) if start > 0 else None,
            "results": results,
        }


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return absolute_url(request, f"{request.path}?{query.urlencode()}")


def absolute_url(request: HttpRequest, path: str) -> str:
    """The path on the host and scheme the request came by: https behind the proxy, when the
    proxy says so (settings.SECURE_PROXY_SSL_HEADER)."""
    return request.build_absolute_uri(path)
