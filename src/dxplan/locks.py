"""One writer at a time for work that reads the database and then writes what it read.

An import diffs the files against the database and writes the difference. Two imports at once
would both diff against the state before either wrote: on SQLite the second then failed half-way,
on PostgreSQL both wrote, and a change was in the history twice. `exclusive(name)` is a
transaction that no other `exclusive(name)` overlaps, in this process or any other, and its lock
is held before the first read, so the second import waits and then diffs against what the first
wrote.

- PostgreSQL: a session-level advisory lock, taken before the transaction begins and released
  after it has ended (committed or rolled back). Taken inside the transaction, the lock would
  come after the snapshot of a REPEATABLE READ transaction; taken outside, the transaction's
  reads come after it at any isolation level.
- SQLite: the lock is the database's own write lock. The transaction's first statement writes
  nothing but takes it (a `BEGIN IMMEDIATE` in effect, whatever the settings' transaction mode),
  so there is no read before it whose snapshot could be stale. SQLite has one writer at a time,
  so `name` does not matter there: an import also waits for any other writer.

Either way a waiter gives up after `wait` seconds with `Busy`, having changed nothing.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections, transaction

WAIT = 60.0  # seconds an import waits for another one before it gives up
NAMESPACE = 0x64787031  # "dxp1": the first key of dxplan's PostgreSQL advisory locks
POLL = 0.05  # seconds between two tries for a PostgreSQL advisory lock
# Writes nothing, but only a writer may run it; the table is there in every migrated database.
TAKE_WRITE_LOCK = 'UPDATE "django_migrations" SET "id" = "id" WHERE 0 = 1'


class Busy(Exception):
    """Another holder kept the lock for longer than the wait; nothing was done."""

    def __init__(self, name: str, wait: float) -> None:
        self.name = name
        self.wait = wait
        super().__init__(f"{name}: the lock was held for more than {wait:g} s")


def advisory_key(name: str) -> tuple[int, int]:
    """The two 32-bit keys of `name`'s PostgreSQL advisory lock."""
    return NAMESPACE, zlib.crc32(name.encode()) & 0x7FFFFFFF


@contextmanager
def exclusive(name: str, *, wait: float = WAIT, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """A transaction (`transaction.atomic`) that holds `name`'s lock from before its first read
    to its end; waits up to `wait` seconds for it, else raises `Busy`. See the module doc."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with _advisory_lock(connection, name, wait), transaction.atomic(using=using):
            yield
    elif connection.vendor == "sqlite":
        with transaction.atomic(using=using):
            _reserve(connection, name, wait)
            yield
    else:  # not a database dxplan supports: one transaction, and no lock
        with transaction.atomic(using=using):
            yield


@contextmanager
def _advisory_lock(connection: Any, name: str, wait: float) -> Iterator[None]:
    key = advisory_key(name)
    deadline = time.monotonic() + wait
    with connection.cursor() as cursor:
        # pg_advisory_lock would wait without end; trying keeps the wait bounded without
        # lock_timeout, whose error would abort a surrounding transaction.
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= deadline:
                raise Busy(name, wait)
            time.sleep(POLL)
    done = False
    try:
        yield
        done = True
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
        except DatabaseError:
            # The session is gone, and its lock with it: say why the work failed, not this.
            if done:
                raise


def _reserve(connection: Any, name: str, wait: float) -> None:
    """Take SQLite's write (RESERVED) lock as the transaction's first statement.

    An UPDATE that matches no row writes nothing but needs the write lock. As the first statement
    of a transaction, SQLite retries it for the busy timeout, here `wait`, while another
    connection writes; after a read it could fail at once instead (a stale snapshot).
    """
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {max(int(wait * 1000), 0)}")
        try:
            cursor.execute(TAKE_WRITE_LOCK)
        except OperationalError as error:
            if _busy(error):
                raise Busy(name, wait) from None
            raise
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {before}")


def _busy(error: OperationalError) -> bool:
    cause = error.__cause__
    code = getattr(cause, "sqlite_errorname", "")
    return code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(error)
