"""The read-only open-data API, /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from .routers import indicators, plans, surveys

NUL_REFUSED = {
    "description": "Bad Request: the path or a parameter contains a NUL character",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class OpenDataAPI(NinjaAPI):
    """The API, whose OpenAPI document lists every status it answers with: the site refuses a
    NUL character anywhere in a request with 400 before any operation runs."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema["paths"].values():
            for operation in path.values():
                operation["responses"].setdefault("400", NUL_REFUSED)
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
