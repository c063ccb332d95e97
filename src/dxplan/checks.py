"""System checks for misconfiguration that would otherwise surface at the first request."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
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


@register()
def check_data_folder(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The data folder and key come from `dxplan init`, never as a side effect of a command."""
    messages: list[CheckMessage] = []
    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if sqlite and not Path(settings.DATA_DIR).is_dir():
        messages.append(
            Error(
                f"データフォルダ {settings.DATA_DIR} がありません。 / "
                f"There is no data folder at {settings.DATA_DIR}.",
                hint="Run `dxplan init` to create it, or set DXPLAN_DATA_DIR to the right folder.",
                id="dxplan.E002",
            )
        )
    if settings.SECRET_KEY_MISSING and not settings.DEBUG:
        messages.append(
            Warning(
                "秘密鍵がありません。 / No secret key: this process uses a temporary one.",
                hint="Run `dxplan init` (it writes the data folder's secret_key), or set "
                "DXPLAN_SECRET_KEY. `dxplan serve` refuses to start without one.",
                id="dxplan.W002",
            )
        )
    return messages
