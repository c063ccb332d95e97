"""Reading the history: events of a plan, of one record, since a date."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from .models import AuditEvent


def history(scope: str | None = None, since: datetime | None = None) -> QuerySet[AuditEvent]:
    """Events oldest first; `scope` is ORG/PLAN and keeps working after the plan is deleted."""
    events = AuditEvent.objects.select_related("group").order_by("time", "id")
    if scope:
        events = events.filter(scope=scope)
    if since:
        events = events.filter(time__gte=since)
    return events


def as_json(event: AuditEvent) -> dict[str, Any]:
    """The documented shape of `dxplan history --format json`."""
    return {
        "id": event.pk,
        "time": event.time.isoformat(),
        "actor": event.actor_name,
        "verb": event.verb,
        "object": {"type": event.object_type or event.verb, "key": event.object_key},
        "changes": event.changes,
        "part_of": event.group_id,
    }
