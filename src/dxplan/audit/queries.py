"""Reading the history: events of a plan, of one record, since a date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from .models import AuditEvent

CHUNK = 900  # ids per query: under SQLite's 999 parameters


def history(scope: str | None = None, since: datetime | None = None) -> QuerySet[AuditEvent]:
    """Events oldest first; `scope` is ORG/PLAN and keeps working after the plan is deleted."""
    events = AuditEvent.objects.select_related("group", "content_type").order_by("time", "id")
    if scope:
        events = events.filter(scope=scope)
    if since:
        events = events.filter(time__gte=since)
    return events


def last_public_change(plan: Any) -> datetime | None:
    """When what the public sees of the plan last changed: its latest history event, leaving
    out drafts and waiting corrections of figures, which no public page shows. One walk down
    the (scope, time) index to the first such event."""
    from .actions import scope_of  # here: actions reads this module

    verb = AuditEvent.Verb
    # The history records a figure's state as it was written; the public one is the state
    # Observation.objects.public() selects (indicators/models.py), asked of the model by name,
    # since the indicators app imports this one.
    observation: Any = apps.get_model("indicators", "Observation")
    public = observation.objects.public_state()
    # a figure's event is public when it publishes (figure_published; or, from plan files and
    # the admin, created published), or changes or deletes a published figure by a plain write;
    # the workflow's other steps (entered, submitted … a correction waiting) are not
    published = (
        Q(verb=verb.FIGURE_PUBLISHED)
        | Q(verb=verb.CREATE, changes__state__1=public)
        | Q(verb__in=[verb.UPDATE, verb.DELETE, verb.RESTORE], state__state=public)
        | Q(verb=verb.UPDATE, changes__state__1=public)
    )
    return (
        AuditEvent.objects.filter(scope=scope_of(plan))
        .filter(~Q(object_type="observation") | published)
        .order_by("-time")
        .values_list("time", flat=True)
        .first()
    )


def readable_changes(events: Sequence[AuditEvent]) -> dict[int, dict[str, list[Any]]]:
    """Each event's changes as people read them: a reference by the key of the record it
    points to (`parent: 2025-2027/policy/1`), not by its database id.

    Keys come from the history itself, so a reference to a deleted record still reads; a record
    with no history keeps its id (#12).
    """
    relations = {e.pk: _relations(e) for e in events}
    wanted: dict[type[models.Model], set[str]] = {}
    for event in events:
        for name, (_, target) in relations[event.pk].items():
            for value in event.changes.get(name, ()):
                for pk in value if isinstance(value, list) else [value]:
                    if pk is not None:
                        wanted.setdefault(target, set()).add(str(pk))
    keys = {model: _keys(model, pks) for model, pks in wanted.items()}
    out = {}
    for event in events:
        readable: dict[str, list[Any]] = {}
        for name, pair in (event.changes or {}).items():
            if name not in relations[event.pk] or not isinstance(pair, list):
                readable[name] = pair
                continue
            field_name, target = relations[event.pk][name]
            readable[field_name] = [_read(value, keys[target]) for value in pair]
        out[event.pk] = readable
    return out


def _relations(event: AuditEvent) -> dict[str, tuple[str, type[models.Model]]]:
    """{stored name: (field name, model referred to)} of the event's record type.

    A creation stores a reference by its column (`parent_id`), an edit by its field (`parent`).
    """
    model = event.content_type.model_class() if event.content_type else None
    if model is None:
        return {}
    out: dict[str, tuple[str, type[models.Model]]] = {}
    for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if f.is_relation and isinstance(f.related_model, type):
            out[f.name] = out[f.attname] = (f.name, f.related_model)
    return out


def _keys(model: type[models.Model], pks: Iterable[str]) -> dict[str, str]:
    content_type = ContentType.objects.get_for_model(model)
    found: dict[str, str] = {}
    ids = sorted(pks)
    for start in range(0, len(ids), CHUNK):
        rows = (
            AuditEvent.objects.filter(
                content_type=content_type, object_pk__in=ids[start : start + CHUNK]
            )
            .exclude(object_key="")
            .order_by("time", "id")
            .values_list("object_pk", "object_key")
        )
        found.update(rows)  # the latest key of each record wins
    return found


def key_of_record(model: type[models.Model], pk: Any) -> str:
    """The key a record had in the history (it may be deleted), or its id."""
    return _read(pk, _keys(model, [str(pk)]))


def _read(value: Any, keys: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [_read(v, keys) for v in value]
    if value is None:
        return None
    return keys.get(str(value), f"#{value}")


def as_json(event: AuditEvent, changes: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    """The documented shape of `dxplan history --format json`; `changes` as readable_changes."""
    return {
        "id": event.pk,
        "time": event.time.isoformat(),
        "actor": event.actor_name,
        "verb": event.verb,
        "object": {"type": event.object_type or event.verb, "key": event.object_key},
        "changes": event.changes if changes is None else changes,
        "part_of": event.group_id,
    }
