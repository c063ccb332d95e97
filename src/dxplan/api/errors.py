"""Every error under /api/ is JSON of one shape, `{"detail": "…"}`, with the right status.

Ninja answers its operations' own errors so (404, and 422 whose `detail` lists the invalid
inputs); this module answers the rest: a method other than GET or HEAD (405, with `Allow`), a
path that is no operation (404), a request Django refuses before an operation runs (400: too
many parameters, a Host header not in ALLOWED_HOSTS) and a server error (500). The handlers
for 400 and 500 serve the whole site (dxplan/urls.py): outside /api/ they answer with Django's
pages as before. The OpenAPI document lists these statuses on every operation (`documented`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from .middleware import API_PREFIX

METHODS = ("GET", "HEAD")  # the open data only reads; HEAD is GET without the body
WRITABLE_PREFIX = "figures/"  # a department's figures (routers/figures.py)


def write_methods(route: str) -> tuple[str, ...]:
    """The methods a path of the write API answers: a step (…/submit) is a POST; a figure is
    read, and entered with PUT."""
    return (
        ("POST",)
        if route.rstrip("/").endswith(("submit", "withdraw"))
        else (
            "GET",
            "HEAD",
            "PUT",
        )
    )


def error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of the API: any method but GET and HEAD is a 405. The query is read before the
    view runs, so too many parameters are a 400 on every path, whether its operation reads
    parameters or not. Exempt from CSRF checks: nothing under /api/ changes anything or reads
    a cookie, and a refused POST must be the API's 405, not the CSRF failure page."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in METHODS:
            response = error(405, "Method Not Allowed")
            response["Allow"] = ", ".join(METHODS)
            return response
        _ = request.GET  # parsed here: TooManyFieldsSent is answered by bad_request below
        return view(request, *args, **kwargs)

    return wrapper


def writable(
    view: Callable[..., HttpResponse], methods: tuple[str, ...]
) -> Callable[..., HttpResponse]:
    """A view of the write API: its `methods` (else 405), with a token rather than a cookie
    (so no CSRF check), and never cached anywhere: its answers depend on the token and show
    what is not public (Cache-Control: private, no-store)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse
        if request.method not in methods:
            response = error(405, "Method Not Allowed")
            response["Allow"] = ", ".join(methods)
        else:
            _ = request.GET
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown API paths answer like the API's own 404s, whatever the method."""
    return error(404, "Not Found")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: for a SuspiciousOperation, which Django has logged already."""
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return error(400, f"Too many parameters: at most {limit} are read.")
    return error(400, "Bad Request")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: it must not need the database or templates, which may be what failed."""
    if not request.path.startswith(API_PREFIX):
        return defaults.server_error(request)
    return error(500, "Server Error")


def _documented(description: str, **extra: Any) -> dict[str, Any]:
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"description": description, "content": content, **extra}


def bad_request_documented(reason: str) -> dict[str, Any]:
    """The 400 of an operation that refuses some request of its own: its reason, then those of
    every operation (for `openapi_extra`)."""
    return _documented(f"Bad Request: {reason}; or {_bad_request_reasons()}")


def _bad_request_reasons() -> str:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return (
        f"the path or a parameter contains a NUL character, the request has more than {limit} "
        "parameters, or its Host header names a host this site does not serve"
    )


def documented(route: str = "") -> dict[str, dict[str, Any]]:
    """The responses every operation of `route` can give besides its own, for the OpenAPI
    document."""
    writable = WRITABLE_PREFIX in route
    methods = ", ".join(write_methods(route) if writable else METHODS)
    return {
        "400": _documented(f"Bad Request: {_bad_request_reasons()}"),
        "405": _documented(
            f"Method Not Allowed: this path answers {methods}"
            if writable
            else "Method Not Allowed: the API only reads, with GET and HEAD",
            headers={
                "Allow": {
                    "description": f"The methods the path answers: {methods}",
                    "required": True,
                    "schema": {"type": "string"},
                }
            },
        ),
        "500": _documented("Server Error: the request could not be answered; try again later"),
    }
