"""System checks for misconfiguration that would otherwise surface at the first request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register()
def check_hosts(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    if not settings.ALLOWED_HOSTS:
        return [
            Error(
                "DXPLAN_ALLOWED_HOSTS is empty: every request would be refused.",
                hint="Set DXPLAN_ALLOWED_HOSTS to the site's host names, comma-separated.",
                id="dxplan.E001",
            )
        ]
    if "*" in settings.ALLOWED_HOSTS:
        return [
            Warning(
                "DXPLAN_ALLOWED_HOSTS allows any host name.",
                hint="List the real host names to protect against Host header attacks.",
                id="dxplan.W001",
            )
        ]
    return []
