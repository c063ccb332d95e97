"""`dxplan round`: the yearly reporting round from the command line.

    dxplan round open nagasaki --fiscal-year R7 --due 2026-06-30 --version dx-plan/2025-2027
    dxplan round remind [--date 2026-06-23] [--dry-run]     # daily, by cron

`remind` sends each department editor with figures outstanding at most one e-mail a day, a week
and a day before the due date and when overdue (docs/rounds.md); running it twice a day sends
nothing the second time. It prints how many it sent, never who (names and addresses are
personal data, kept out of logs).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from dxplan.commands import ACTOR_HELP, WritingCommand, actor
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.plans.models import Organisation, PlanVersion
from dxplan.rounds.actions import open_round, send_reminders


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"日付 {text} が読めません（例: 2026-06-30）。 / Cannot read the date {text} "
            f"(e.g. 2026-06-30)."
        ) from None


class Command(WritingCommand):
    help = "Open a reporting round, or send its reminders (daily, by cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        opening = actions.add_parser("open", help="ask the departments for a year's figures")
        opening.add_argument("organisation", help="the city's slug (e.g. nagasaki)")
        opening.add_argument("--fiscal-year", required=True, help="e.g. R7, 2025, 令和7年度")
        opening.add_argument("--due", required=True, help="the due date, e.g. 2026-06-30")
        opening.add_argument(
            "--version",
            action="append",
            required=True,
            help="PLAN/VERSION covered (repeat for several), e.g. dx-plan/2025-2027",
        )
        opening.add_argument("--actor", help=ACTOR_HELP)
        remind = actions.add_parser("remind", help="send today's reminders")
        remind.add_argument("--date", help="as if today were this day (YYYY-MM-DD)")
        remind.add_argument("--dry-run", action="store_true", help="send nothing, say who")
        remind.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "open":
            self._open(options)
        else:
            self._remind(options)

    def _open(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"自治体 {options['organisation']} はありません。 / "
                f"No city {options['organisation']}."
            )
        try:
            year = parse_fiscal_year(options["fiscal_year"])
        except BilingualError as error:
            raise CommandError(f"{error.ja} / {error.en}") from None
        versions = []
        for written in options["version"]:
            plan, _, slug = written.partition("/")
            found = PlanVersion.objects.filter(
                plan__organisation=organisation, plan__slug=plan, slug=slug
            ).first()
            if found is None:
                raise CommandError(f"版 {written} はありません。 / No version {written}.")
            versions.append(found)
        made = open_round(
            organisation,
            year,
            _date(options["due"]),
            versions,
            actor=actor(options["actor"], "dxplan round open"),
        )
        self.stdout.write(f"開始しました / Opened: {made} (due {made.due.isoformat()})")

    def _remind(self, options: dict[str, Any]) -> None:
        today = _date(options["date"]) if options["date"] else timezone.localdate()
        done = send_reminders(
            today,
            actor=actor(options["actor"], "dxplan round remind"),
            dry_run=options["dry_run"],
        )
        prefix = "[dry run] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{today.isoformat()}: 送信 {done.sent}・送信せず {done.skipped} / "
            f"{done.sent} sent, {done.skipped} not sent"
        )
