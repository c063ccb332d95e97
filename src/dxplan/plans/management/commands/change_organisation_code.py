"""dxplan change_organisation_code OLD NEW: the one way an organisation's code changes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from dxplan.commands import ACTOR_HELP, WritingCommand, actor
from dxplan.core.errors import BilingualError
from dxplan.plans.actions import change_organisation_code, check_organisation_code
from dxplan.plans.models import Organisation


class Command(WritingCommand):
    help = (
        "Change an organisation's 6-digit local government code (imports match organisations "
        "by code and never change it). Recorded in the history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("old")
        parser.add_argument("new")
        parser.add_argument("--actor", help=ACTOR_HELP)
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")

    def handle(self, *args: Any, old: str, new: str, dry_run: bool, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=old).first()
        if organisation is None:
            raise CommandError(f"団体コード {old} はありません。 / No organisation {old}.")
        try:
            if dry_run:
                check_organisation_code(organisation, new)
            else:
                change_organisation_code(
                    organisation,
                    new,
                    actor=actor(options["actor"], "dxplan change_organisation_code"),
                )
        except BilingualError as error:
            raise CommandError(str(error)) from None
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(f"{prefix}{organisation.name_ja}: {old} → {new}")
