"""Request checks that apply to the whole site."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from dxplan.api import errors
from dxplan.api.middleware import API_PREFIX


def reject_nul_bytes(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL character in a path or parameter is never meaningful, and PostgreSQL refuses it
    in text comparisons: answer 400 instead of letting it reach a query."""

    def middleware(request: HttpRequest) -> HttpResponse:
        raw = unquote(request.get_full_path())
        if "\x00" in raw or "\x00" in request.path:
            if request.path.startswith(API_PREFIX):
                return errors.error(400, "NUL characters are not allowed.")
            return HttpResponseBadRequest("NUL characters are not allowed.")
        return get_response(request)

    return middleware
