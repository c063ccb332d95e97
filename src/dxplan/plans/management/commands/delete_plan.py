"""dxplan delete_plan ORG/PLAN: remove a plan that is no longer loaded from files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from dxplan.accounts.actors import CommandActor
from dxplan.commands import WritingCommand
from dxplan.plans.actions import delete_plan
from dxplan.plans.models import Plan


class Command(WritingCommand):
    help = "Delete a plan (e.g. nagasaki/dx-plan) with all its versions, indicators and surveys."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="organisation slug / plan slug")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, plan: str, yes: bool, **options: Any) -> None:
        org, _, slug = plan.partition("/")
        found = Plan.objects.filter(organisation__slug=org, slug=slug).first()
        if found is None:
            raise CommandError(f"計画 {plan} はありません。 / No plan {plan}.")
        if not yes:
            answer = input(f"{found.name_ja} ({plan}) を削除しますか / Delete it? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("中止しました。 / Cancelled.")
        counts = delete_plan(found, actor=CommandActor("dxplan delete_plan"))
        self.stdout.write(f"削除しました / Deleted: {plan} {counts}")
