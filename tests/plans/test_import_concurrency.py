"""Two `dxplan load`s at once: the second waits for the first, then diffs against what it wrote.

Real processes on a database of their own: a SQLite file in a temporary data folder, and, when
the suite runs on PostgreSQL (DATABASE_URL), a PostgreSQL database created for the test.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dxplan.locks import advisory_key
from tests import world
from tests.io.test_plan_files import edit

# `dxplan load` whose diff takes `%s` seconds more: loads started together then surely overlap
# between reading the database and writing to it, however the processes' start-up varies.
SLOW_DIFF = """
import time
import dxplan.core.diff

real = dxplan.core.diff.diff


def slow(*args, **options):
    found = real(*args, **options)
    time.sleep(%s)
    return found


dxplan.core.diff.diff = slow
from dxplan.cli import main

main()
"""
BUSY = "Another import of this database is running; try again when it has finished"
BUSY_JA = "別の取り込みが実行中です"


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@dataclass
class Database:
    """A migrated database of its own, and the environment that points `dxplan` at it."""

    vendor: str
    env: dict[str, str]
    path: Path | None = None  # the SQLite file
    url: str = ""  # the PostgreSQL database
    held: list[Any] = field(default_factory=list)

    def run(self, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "dxplan", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            **options,
        )

    def start(self, *args: str, slow_diff: float = 0) -> subprocess.Popen[str]:
        command = ["-c", SLOW_DIFF % slow_diff] if slow_diff else ["-m", "dxplan"]
        return subprocess.Popen(
            [sys.executable, *command, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def history(self) -> list[dict[str, Any]]:
        result = self.run("history", "--format", "json", check=True)
        return json.loads(result.stdout)

    def hold_the_import_lock(self) -> None:
        """What a running import holds: SQLite's write lock, or PostgreSQL's advisory lock."""
        if self.vendor == "sqlite":
            holder = sqlite3.connect(self.path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            holder = psycopg.connect(self.url, autocommit=True)
            holder.execute("SELECT pg_advisory_lock(%s, %s)", advisory_key("import"))
        self.held.append(holder)

    def release(self) -> None:
        for holder in self.held:
            if self.vendor == "sqlite":
                holder.execute("ROLLBACK")
            holder.close()
        self.held.clear()


def subprocess_env(**extra: str) -> dict[str, str]:
    """This environment without dxplan's settings, as the other subprocess tests do; a fixed
    secret key keeps the checks quiet."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE="dxplan.settings", DXPLAN_SECRET_KEY="only-for-tests")
    env.update(extra)
    return env


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    data = tmp_path / "data"
    data.mkdir()
    database = Database(
        "sqlite", subprocess_env(DXPLAN_DATA_DIR=str(data)), data / "dxplan.sqlite3"
    )
    database.run("migrate", "-v0", check=True)
    yield database
    database.release()


@pytest.fixture
def postgresql_database(tmp_path: Path) -> Iterator[Database]:
    """A database of its own on the suite's PostgreSQL server, dropped afterwards: never the
    suite's test database (its tests run in transactions) nor the one DATABASE_URL names."""
    if not on_postgresql():
        pytest.skip("the suite does not run on PostgreSQL (DATABASE_URL)")
    import psycopg

    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"dxplan_subprocess_{uuid.uuid4().hex[:12]}"
    admin_url = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = server._replace(path=f"/{name}").geturl()
    env = subprocess_env(DXPLAN_DATA_DIR=str(tmp_path), DATABASE_URL=url)
    database = Database("postgresql", env, url=url)
    try:
        database.run("migrate", "-v0", check=True)
        yield database
    finally:
        database.release()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue(f"{request.param}_database")


def together(
    database: Database, *folders: Path, slow_diff: float = 0
) -> list[tuple[int, str, str]]:
    """Start one `dxplan load` per folder at the same moment; (status, out, err) of each."""
    loads = [database.start("load", str(folder), slow_diff=slow_diff) for folder in folders]
    results = []
    for load in loads:
        out, err = load.communicate(timeout=120)
        results.append((load.returncode, out, err))
    return results


def assert_each_finished_or_was_told_to_wait(results: list[tuple[int, str, str]]) -> int:
    """Each load succeeded, or gave up with the clear message; how many changed something."""
    for status, _, err in results:
        assert "Traceback" not in err
        assert status == 0 or (status == 1 and BUSY in err and BUSY_JA in err), err
    return sum(1 for status, out, _ in results if status == 0 and "no changes" not in out)


def assert_each_change_once(history: list[dict[str, Any]]) -> None:
    """No record change twice in the history, and each change filed under one import."""
    imports = {e["id"] for e in history if e["verb"] == "import"}
    changes = [e for e in history if e["verb"] != "import"]
    seen = Counter(
        (e["verb"], e["object"]["type"], e["object"]["key"], json.dumps(e["changes"]))
        for e in changes
    )
    assert [change for change, n in seen.items() if n > 1] == []
    assert {e["part_of"] for e in changes} <= imports


def test_loads_of_a_new_plan_started_together_create_it_once(database):
    results = together(database, world.NAGASAKI, world.NAGASAKI, world.NAGASAKI)
    assert assert_each_finished_or_was_told_to_wait(results) == 1
    history = database.history()
    assert [e["object"]["key"] for e in history if e["verb"] == "import"] == ["nagasaki/dx-plan"]
    assert_each_change_once(history)


def test_loads_of_one_edit_started_together_apply_it_once(database, tmp_path):
    database.run("load", str(world.MINATO), check=True)
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "en: Digital procedures", "en: Online procedures")
    edit(folder / "plan.yaml", "en: Minato Town}", "en: Minato}")
    results = together(database, folder, folder, slow_diff=2)
    assert assert_each_finished_or_was_told_to_wait(results) == 1
    history = database.history()
    assert_each_change_once(history)
    updates = [(e["object"]["type"], e["object"]["key"]) for e in history if e["verb"] == "update"]
    assert sorted(updates) == [
        ("node", "minato/smart-town/second/measure/1-1"),
        ("organisation", "999991"),
    ]


def test_loads_of_two_plans_of_one_organisation_change_it_once(database, tmp_path):
    """Both plans' files rename the organisation: it is renamed, and audited, once."""
    database.run("load", str(world.MINATO), check=True)
    first = world.copy_of_minato(tmp_path)
    edit(first / "plan.yaml", "en: Minato Town}", "en: Minato}")
    second = shutil.copytree(first, tmp_path / "second")
    edit(second / "plan.yaml", "slug: smart-town\n", "slug: smart-town-2\n")
    results = together(database, first, second, slow_diff=2)
    # the second plan's first load changes something; the first plan's, only if it came first
    assert assert_each_finished_or_was_told_to_wait(results) in (1, 2)
    history = database.history()
    assert_each_change_once(history)
    assert "minato/smart-town-2" in {e["object"]["key"] for e in history if e["verb"] == "import"}
    renamed = [
        e for e in history if e["verb"] == "update" and e["object"]["type"] == "organisation"
    ]
    assert [e["changes"] for e in renamed] == [{"name_en": ["Minato Town", "Minato"]}]


def test_a_load_waits_for_the_import_that_runs(database):
    database.hold_the_import_lock()
    load = database.start("load", str(world.MINATO))
    time.sleep(2)
    assert load.poll() is None  # still waiting: it has read nothing yet
    database.release()
    out, err = load.communicate(timeout=120)
    assert load.returncode == 0, err
    assert "+ plan smart-town" in out


def test_a_load_that_waits_too_long_says_so_and_changes_nothing(database):
    database.hold_the_import_lock()
    started = time.monotonic()
    result = database.run("load", "--wait", "0.5", str(world.MINATO))
    waited = time.monotonic() - started
    database.release()
    assert result.returncode == 1
    assert BUSY in result.stderr and BUSY_JA in result.stderr
    assert "Nothing was changed" in result.stderr and "何も変更していません" in result.stderr
    assert "Traceback" not in result.stderr
    assert waited >= 0.5
    assert database.history() == []
