"""A database that cannot be written: the command says so in both languages, exits 1, writes
nothing, and prints no traceback.

The SQLite cases are real SQLite errors in a real `dxplan` process: the file opened read-only
(which stops root too, unlike a chmod), a read-only folder (where chmod stops the user), and a
full database (`PRAGMA max_page_count`). On PostgreSQL, a read-only session.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, OperationalError

from dxplan.commands import why_not_written
from tests import world
from tests.plans import test_import_concurrency as concurrency

sqlite_database = concurrency.sqlite_database
postgresql_database = concurrency.postgresql_database

# `dxplan` whose every SQLite connection may not grow the file: the database is full.
FULL = """
from django.db.backends.signals import connection_created


def full(sender, connection, **kwargs):
    connection.connection.execute("PRAGMA max_page_count = 1")  # no more than it has now


connection_created.connect(full, weak=False)
from dxplan.cli import main

main()
"""


def assert_said_plainly(result: subprocess.CompletedProcess[str], *reasons: str) -> None:
    assert result.returncode == 1, result.stderr
    err = result.stderr
    assert "Traceback" not in err
    assert "に書き込めません" in err and "Cannot write to the database" in err
    assert "何も変更していません" in err and "Nothing was changed" in err
    for reason in reasons:
        assert reason in err


def dxplan(env: dict[str, str], *args: str, python: list[str] | None = None) -> Any:
    return subprocess.run(
        [sys.executable, *(python or ["-m", "dxplan"]), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_only(database: concurrency.Database) -> dict[str, str]:
    """The same SQLite file, opened read-only by SQLite itself (a URI filename)."""
    return {**database.env, "DATABASE_URL": f"sqlite:///file:{database.path}%3Fmode%3Dro"}


def test_loading_into_a_read_only_database_says_so(sqlite_database):
    result = dxplan(read_only(sqlite_database), "load", str(world.MINATO))
    assert_said_plainly(result, "読み取り専用", "read-only", "attempt to write a readonly database")
    assert str(sqlite_database.path) in result.stderr
    assert sqlite_database.history() == []


def test_loading_into_a_read_only_data_folder_says_so(sqlite_database):
    path: Path = sqlite_database.path
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("this user writes read-only files (root): see the test above")
        result = dxplan(sqlite_database.env, "load", str(world.MINATO))
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert_said_plainly(result)
    assert sqlite_database.history() == []


def test_loading_into_a_full_database_says_so(sqlite_database):
    result = dxplan(sqlite_database.env, "load", str(world.MINATO), python=["-c", FULL])
    assert_said_plainly(result, "容量が足りません", "is full", "database or disk is full")
    assert sqlite_database.history() == []


def test_loading_into_a_read_only_postgresql_database_says_so(postgresql_database):
    env = {
        **postgresql_database.env,
        "DATABASE_URL": postgresql_database.url
        + "?options=-c%20default_transaction_read_only%3Don",
    }
    result = dxplan(env, "load", str(world.MINATO))
    assert_said_plainly(result, "読み取り専用", "read-only", "read-only transaction")
    assert postgresql_database.history() == []


@pytest.mark.parametrize(
    "command",
    ["load", "restore", "delete_plan", "change_organisation_code"],
)
def test_every_command_that_writes_says_so(sqlite_database, command):
    sqlite_database.run("load", str(world.MINATO), check=True)
    before = sqlite_database.history()
    args = {
        "load": ["load", str(world.NAGASAKI)],
        "restore": ["restore", str(before[1]["id"])],
        "delete_plan": ["delete_plan", "minato/smart-town", "--yes"],
        "change_organisation_code": ["change_organisation_code", "999991", "999993"],
    }[command]
    result = dxplan(read_only(sqlite_database), *args)
    assert_said_plainly(result, "attempt to write a readonly database")
    assert sqlite_database.history() == before


def error(kind: type[Exception], **attributes: Any) -> Exception:
    """A Django database error as Django raises it: from the driver's, with its error code."""
    cause = Exception("the driver's message")
    cause.__dict__.update(attributes)
    wrapped = kind("the driver's message")
    wrapped.__cause__ = cause
    return wrapped


@pytest.mark.parametrize(
    ("raised", "english"),
    [
        (error(OperationalError, sqlite_errorname="SQLITE_READONLY_DIRECTORY"), "read-only"),
        (error(OperationalError, sqlite_errorname="SQLITE_FULL"), "full"),
        (
            error(OperationalError, sqlite_errorname="SQLITE_CANTOPEN"),
            "cannot be opened or reached",
        ),
        (error(OperationalError, sqlite_errorname="SQLITE_BUSY"), "another process is writing"),
        (error(OperationalError, sqlstate="25006"), "read-only"),
        (error(OperationalError, sqlstate="53100"), "full"),
        (error(OperationalError, sqlstate="08006"), "cannot be opened or reached"),
        (error(OperationalError, sqlite_errorname="SQLITE_ERROR"), None),
        (error(IntegrityError, sqlstate="23505"), None),
    ],
)
def test_only_a_database_that_cannot_be_written_is_said_so(raised, english):
    why = why_not_written(raised)
    if english is None:
        assert why is None
    else:
        assert why is not None and english in why[1]


def test_loading_into_a_database_never_migrated_says_to_migrate(tmp_path):
    env = {**os.environ, "DXPLAN_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    assert dxplan(env, "init").returncode == 0
    result = dxplan(env, "load", str(world.MINATO))
    assert_said_plainly(result, "dxplan migrate を実行してください", "run `dxplan migrate`")


def test_a_missing_table_on_postgresql_is_the_same_plain_message():
    class Undefined(Exception):
        sqlstate = "42P01"

    error = OperationalError("relation does not exist")
    error.__cause__ = Undefined()
    assert why_not_written(error) == (
        "表がまだ作られていません。dxplan migrate を実行してください",
        "its tables have not been created yet: run `dxplan migrate`",
    )
