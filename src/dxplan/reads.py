"""Middleware for reading: one state of the plan per response, and browsers that ask again.

Pages and API answers are cached on the server (Django's cache middleware, forgotten on every
change: dxplan/freshness.py); these two pieces make what is cached, and what browsers keep,
right.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

SAFE = ("GET", "HEAD")


def consistent_reads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer a GET from one snapshot of the database, never half an import before and half
    after it: a read-only transaction (REPEATABLE READ on PostgreSQL; on SQLite a transaction
    reads one snapshot from its first query on)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE or connection.in_atomic_block:  # (already one snapshot)
            return get_response(request)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return get_response(request)

    return middleware


def browsers_revalidate(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """The server keeps cached pages until the data changes; browsers and proxies must ask
    again each time (they cannot know of a change), so an import shows at the next reload."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.method in SAFE and "private" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-cache"
            if "Expires" in response:
                del response["Expires"]
        return response

    return middleware
