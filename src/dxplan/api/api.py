"""The read-only open-data API, /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from . import errors
from .routers import figures, indicators, plans, progress, surveys


class OpenDataAPI(NinjaAPI):
    """The API, which reads open data and, with a department's token, writes that department's
    figures (routers/figures.py); it answers every error in JSON (errors.py), and its OpenAPI
    document lists every status it answers with: besides each operation's own, the 400, 405
    and 500 that can come before or after any operation runs."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """Every URL of the API, the OpenAPI document and the docs included, is read-only, but
        the figures' (errors.writable: never cached, since they answer a token)."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                route = str(pattern.pattern)
                if route.startswith(errors.WRITABLE_PREFIX):
                    pattern.callback = errors.writable(
                        pattern.callback, errors.write_methods(route)
                    )
                else:
                    pattern.callback = errors.read_only(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for url, path in schema["paths"].items():
            documented = errors.documented(url)
            # HEAD is GET without the body (routers.Router), not an operation of its own
            path.pop("head", None)
            for operation in path.values():
                for status, response in documented.items():
                    operation["responses"].setdefault(status, response)
        return schema


api = OpenDataAPI(
    title="dxplan open data API",
    version="1.0.0",
    description=(
        "Read-only access to municipal DX plans: organisations, plans, versions and their node "
        "trees, outcome indicators, published survey results and version mappings. Fiscal years "
        "are integers (2024 = 令和6年度, April 2024 to March 2025). Indicator values are in the "
        "indicator's own unit as published; survey shares are fractions of the question's base. "
        "Lists that can grow are paginated: follow `next`. The `figures` operations write: with "
        "a department's token (Authorization: Bearer), its systems enter, submit and withdraw "
        "the figures of the indicators the department owns; nothing is public until the DX "
        "office publishes it."
    ),
    urls_namespace="api-1",
)
api.add_router("", plans.router)
api.add_router("", indicators.router)
api.add_router("", surveys.router)
api.add_router("", progress.router)
api.add_router("", figures.router)
