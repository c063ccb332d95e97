"""The read-only open-data API, /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from . import errors
from .routers import indicators, plans, progress, surveys


class OpenDataAPI(NinjaAPI):
    """The API, which only reads and answers every error in JSON (errors.py), and whose
    OpenAPI document lists every status it answers with: besides each operation's own, the
    400, 405 and 500 that can come before or after any operation runs."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """Every URL of the API, the OpenAPI document and the docs included, is read-only."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = errors.read_only(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        documented = errors.documented()
        for path in schema["paths"].values():
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
        "Lists that can grow are paginated: follow `next`."
    ),
    urls_namespace="api-1",
)
api.add_router("", plans.router)
api.add_router("", indicators.router)
api.add_router("", surveys.router)
api.add_router("", progress.router)
