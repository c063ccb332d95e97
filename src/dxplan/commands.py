"""What dxplan's management commands share: the acting user, and what a command that writes says
when the database cannot be written. It stands below every app but accounts (the acting user),
so the commands of every app may use it (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections

from dxplan.accounts.actors import CommandActor
from dxplan.accounts.policy import Refused

# Why a database cannot be written, by SQLite's error name (its prefix) and PostgreSQL's SQLSTATE.
READ_ONLY = ("読み取り専用です", "it is read-only")
FULL = ("ディスクまたはデータベースの容量が足りません", "the disk or the database is full")
DISK = ("ディスクの読み書きに失敗しました", "the disk failed to read or write")
CANNOT_OPEN = ("開けないか、接続できません", "it cannot be opened or reached")
BUSY = (
    "別の処理が書き込み中です。終わってから、もう一度実行してください",
    "another process is writing to it; try again when it has finished",
)
NOT_SET_UP = (
    "表がまだ作られていません。dxplan migrate を実行してください",
    "its tables have not been created yet: run `dxplan migrate`",
)
SQLITE = {
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_PERM": READ_ONLY,
    "SQLITE_FULL": FULL,
    "SQLITE_IOERR": DISK,
    "SQLITE_CANTOPEN": CANNOT_OPEN,
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
}
POSTGRESQL = {
    "25006": READ_ONLY,  # read_only_sql_transaction: a standby, or default_transaction_read_only
    "42501": READ_ONLY,  # insufficient_privilege: the user may not write
    "53": FULL,  # insufficient resources: disk_full, out_of_memory, too_many_connections
    "58": DISK,  # system error: io_error
    "08": CANNOT_OPEN,  # connection exception
    "57P": CANNOT_OPEN,  # the server is shutting down or starting
    "55P03": BUSY,  # lock_not_available
    "40": BUSY,  # serialization_failure, deadlock_detected
    "42P01": NOT_SET_UP,  # undefined_table
}


ACTOR_HELP = (
    "act as this user: the access policy applies their role and departments, and the history "
    "names them (without it, the command acts as the operator, with every right)"
)


def actor(username: str | None, command: str) -> CommandActor:
    """The command as it acts: as the operator (every right) without --actor, else as that
    user, whose rights the access policy applies (accounts/policy.py)."""
    if not username:
        return CommandActor(command)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"利用者 {username} はいません。 / No user {username}.")
    return CommandActor(command, user)


def why_not_written(error: DatabaseError) -> tuple[str, str] | None:
    """Why the database could not be written (Japanese, English), if the database said so:
    read-only, full, a disk error, cannot be opened or reached, busy, or without its tables
    (never migrated). None for anything
    else, which is a bug to show in full."""
    cause = error.__cause__
    name = getattr(cause, "sqlite_errorname", None)
    if name == "SQLITE_ERROR" and str(cause).startswith("no such table"):
        return NOT_SET_UP
    if name:
        return next((why for prefix, why in SQLITE.items() if name.startswith(prefix)), None)
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state:
        return next((why for prefix, why in POSTGRESQL.items() if state.startswith(prefix)), None)
    if isinstance(error, OperationalError) and type(cause).__module__.startswith("psycopg"):
        return CANNOT_OPEN  # no SQLSTATE: the server was not reached
    return None


def database_name(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database as its settings name it: the SQLite file, or name@host for a server."""
    database = connections[using].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return str(database["NAME"])
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"{database['NAME']}@{host}{port}"


@contextmanager
def database_writes() -> Iterator[None]:
    """A database that cannot be written ends the command with one clear bilingual message
    (exit status 1) instead of a traceback. The commands write in one transaction each, so
    nothing was changed."""
    try:
        yield
    except DatabaseError as error:
        why = why_not_written(error)
        if why is None:
            raise
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        where = database_name()
        raise CommandError(
            f"データベース {where} に書き込めません: {why[0]}（{detail}）。"
            f"何も変更していません。 / "
            f"Cannot write to the database {where}: {why[1]} ({detail}). Nothing was changed."
        ) from None


class WritingCommand(BaseCommand):
    """A command that writes to the database: see `database_writes`."""

    def execute(self, *args: Any, **options: Any) -> Any:
        with database_writes():
            try:
                return super().execute(*args, **options)
            except Refused as refused:  # --actor without the right: nothing was changed
                raise CommandError(
                    f"{refused.ja} 何も変更していません。 / {refused.en} Nothing was changed."
                ) from None
