"""The shared test world: Nagasaki's real plan, a small fictional town, and staff users."""

from __future__ import annotations

import shutil
from pathlib import Path

from dxplan.io.planfiles import read_plan_folder

ROOT = Path(__file__).resolve().parent.parent
NAGASAKI = ROOT / "data" / "nagasaki"
MINATO = Path(__file__).resolve().parent / "fixtures" / "minato"
SEED_TEXT = (
    Path(__file__).resolve().parent / "fixtures" / "seed" / "nagasaki-dx-plan-revision-draft.txt"
)

NAGASAKI_PLAN = ("nagasaki", "dx-plan")
MINATO_PLAN = ("minato", "smart-town")


def load(directory: Path):  # type: ignore[no-untyped-def]
    from dxplan.plans.actions import load_plan

    return load_plan(read_plan_folder(directory))


def copy_of_minato(tmp_path: Path) -> Path:
    """A writable copy of the town's plan folder, for tests that edit files."""
    target = tmp_path / "minato"
    shutil.copytree(MINATO, target)
    return target


def make_admin():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    return User.objects.create_superuser("dx-office", "dx@example.jp", "correct horse 2024")


def sql_of_request(client, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The SQL statements one GET runs, for pinning query counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in context.captured_queries]
