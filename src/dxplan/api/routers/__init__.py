"""One router per resource, each a `Router` from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ninja
from ninja.types import TCallable


class Router(ninja.Router):
    """A ninja router whose GET operations also answer HEAD, as Django's own views do: every
    general-purpose server must support GET and HEAD (RFC 9110, section 9.1). The OpenAPI
    document lists the GET only (api.OpenDataAPI)."""

    def get(self, path: str, **options: Any) -> Callable[[TCallable], TCallable]:
        return self.api_operation(["GET", "HEAD"], path, **options)
