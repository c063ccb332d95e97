"""The read-only open-data API, /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from .routers import indicators, plans, surveys

api = NinjaAPI(
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
