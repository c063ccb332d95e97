"""When the plans last changed, so that cached pages are forgotten at once after any write.

Every write goes through the audit actions (audit/actions.py); once its transaction commits they
call `changed()`, which replaces one small file in the data folder with a new token. Cached
pages and API answers are stored under the token of their time (`cache_key`), so after a
change no process serves an old one, without any message between the processes: reading the
token costs one small file read. A page rendered while a change commits is stored under the
old token and never served again.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

TOKEN_FILE = "changed"  # noqa: S105 - a file name, not a password


def _path() -> Path:
    return Path(settings.DATA_DIR) / TOKEN_FILE


def token() -> str:
    """The current token; "-" before the first change."""
    try:
        return _path().read_text(encoding="ascii") or "-"
    except OSError:
        return "-"


def changed() -> None:
    """Note a change: a new token, written whole (readers see the old one or the new one)."""
    path = _path()
    if not path.parent.is_dir():  # no data folder (tests, PostgreSQL only): nothing to tell
        return
    temporary = path.with_name(f".{TOKEN_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        temporary.write_text(secrets.token_hex(8), encoding="ascii")
        temporary.chmod(0o600)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def changed_on_commit() -> None:
    """Call `changed()` once the current transaction commits (at once outside one)."""
    transaction.on_commit(changed)


def cache_key(key: str, key_prefix: str, version: int) -> str:
    """Django's cache key, under the current token (settings.CACHES KEY_FUNCTION)."""
    return f"{token()}:{key_prefix}:{version}:{key}"
