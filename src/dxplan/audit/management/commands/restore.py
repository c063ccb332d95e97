"""dxplan restore EVENT: bring a record back to its state after that history event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from dxplan.audit.actions import RestoreRefused, restore
from dxplan.audit.models import AuditEvent
from dxplan.commands import ACTOR_HELP, WritingCommand, actor


class Command(WritingCommand):
    help = (
        "Restore a record to the state recorded by a history event (see `dxplan history`); "
        "a deleted record is recreated. The restore is itself in the history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", type=int, help="the event number (#id in `dxplan history`)")
        parser.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args: Any, event: int, **options: Any) -> None:
        past = AuditEvent.objects.select_related("content_type").filter(pk=event).first()
        if past is None:
            raise CommandError(f"履歴 #{event} はありません。 / No history event #{event}.")
        try:
            done = restore(past, actor=actor(options["actor"], "dxplan restore"))
        except RestoreRefused as refused:
            raise CommandError(f"{refused.ja} / {refused.en}") from None
        except ValueError:
            raise CommandError(
                f"履歴 #{event} には復元できる状態がありません。 / "
                f"History event #{event} holds no state to restore."
            ) from None
        self.stdout.write(
            f"復元しました / Restored: {done.object_type} {done.object_key} (#{done.pk})"
        )
