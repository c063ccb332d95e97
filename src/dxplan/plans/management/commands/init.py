"""dxplan init: create the data folder, its secret key and the SQLite file, owner-only.

The one step that writes them (importing the settings writes nothing), so that running dxplan
from another folder never silently starts a second, empty database, and two processes starting
at once never make two keys. Running it again repairs the permissions and changes nothing else.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

OWNER_ONLY_FOLDER = 0o700
OWNER_ONLY_FILE = 0o600


class Command(BaseCommand):
    help = (
        "Create the data folder (DXPLAN_DATA_DIR, default ./var) with its secret key and SQLite "
        "database file, readable by their owner only. Safe to run again."
    )
    requires_system_checks: list[str] = []  # the checks report what this command creates

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(settings.DATA_DIR)
        try:
            done = [*_folder(data), *_key(), *_database(), *_folder(Path(settings.STATIC_ROOT))]
        except OSError as error:
            raise CommandError(
                f"{data} を作成できません: {error.strerror} / Cannot create {data}: "
                f"{error.strerror}"
            ) from None
        for line in done:
            self.stdout.write(line)
        self.stdout.write(f"dxplan: データフォルダ / data folder {data} (OK)")


def _folder(path: Path) -> list[str]:
    made = not path.is_dir()
    path.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    path.chmod(OWNER_ONLY_FOLDER)
    return [f"作成 / created {path}/"] if made else []


def _key() -> list[str]:
    """A new key, written only if there is none: of two processes at once, one writes it."""
    if os.environ.get("DXPLAN_SECRET_KEY") or os.environ.get("DXPLAN_SECRET_KEY_FILE"):
        return []
    path = Path(settings.SECRET_KEY_FILE)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    except FileExistsError:
        path.chmod(OWNER_ONLY_FILE)
        return []
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(secrets.token_urlsafe(50))
    return [f"作成 / created {path}"]


def _database() -> list[str]:
    """An empty SQLite file made owner-only; SQLite gives its journal files the same mode."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        return []
    path = Path(database["NAME"])
    made = not path.exists()
    path.touch(mode=OWNER_ONLY_FILE, exist_ok=True)
    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if file.exists():
            file.chmod(OWNER_ONLY_FILE)
    return [f"作成 / created {path}"] if made else []
