"""dxplan history [ORG/PLAN] [--since DATE] [--format json]: who changed what, and how."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dxplan.audit.queries import as_json, history, readable_changes


def parse_since(value: str) -> datetime:
    """A date (2026-12-01, read in the site's time zone) or an ISO date and time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"日付「{value}」が読めません（例: 2026-12-01）。 / "
            f"Cannot read the date '{value}' (e.g. 2026-12-01)."
        ) from None
    if len(value) <= 10:
        moment = datetime.combine(moment.date(), time.min)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Print the history of changes, oldest first (all plans, or one: nagasaki/dx-plan)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", nargs="?", help="organisation slug / plan slug")
        parser.add_argument("--since", help="only events from this date or time on")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(
        self, *args: Any, plan: str | None, since: str | None, format: str, **options: Any
    ) -> None:
        events = list(history(plan, parse_since(since) if since else None))
        readable = readable_changes(events)
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [as_json(e, readable[e.pk]) for e in events], ensure_ascii=False, indent=2
                )
            )
            return
        for event in events:
            local = timezone.localtime(event.time)
            part = f" (#{event.group_id})" if event.group_id else ""
            self.stdout.write(
                f"#{event.pk} {local:%Y-%m-%d %H:%M:%S} {event.actor_name} {event.verb} "
                f"{event.object_type} {event.object_key}{part}".rstrip()
            )
            for name, pair in readable[event.pk].items():
                if isinstance(pair, list) and len(pair) == 2:
                    self.stdout.write(f"    {name}: {_short(pair[0])} → {_short(pair[1])}")


def _short(value: object) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:77] + "…"
