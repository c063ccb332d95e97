"""dxplan dump ORG/PLAN DIR: write a plan from the database as a plan folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dxplan.io.plan_dump import dump_plan

from ._common import find_plan


class Command(BaseCommand):
    help = (
        "Write a plan (e.g. nagasaki/dx-plan) from the database to DIR in the documented "
        "plan-file format; `dxplan load DIR` of the result reports no change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="organisation slug / plan slug")
        parser.add_argument("directory")

    def handle(self, *args: Any, plan: str, directory: str, **options: Any) -> None:
        found = find_plan(plan)
        written = dump_plan(found, Path(directory))
        self.stdout.write(
            f"{found.name_ja} ({plan}): {len(written)} 件のファイルを書き出しました / "
            f"wrote {len(written)} file(s) to {directory}"
        )
