"""Request checks that apply to the whole site."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse


def reject_nul_bytes(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL character in a path or parameter is never meaningful, and PostgreSQL refuses it
    in text comparisons: answer 400 instead of letting it reach a query."""

    def middleware(request: HttpRequest) -> HttpResponse:
        raw = unquote(request.get_full_path())
        if "\x00" in raw or "\x00" in request.path:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "NUL characters are not allowed."}, status=400)
            return HttpResponseBadRequest("NUL characters are not allowed.")
        return get_response(request)

    return middleware
