"""The one door for writes: create, update, delete and restore a record, each leaving an event.

The apps' actions (plans/actions.py, indicators/actions.py, surveys/actions.py) name the use cases
and check their rules; they write through these functions, so every change has its history.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any, NamedTuple, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from dxplan.accounts import policy
from dxplan.accounts.actors import Actor, CommandActor
from dxplan.accounts.models import ApiToken
from dxplan.core.access import Verb
from dxplan.core.errors import BilingualError
from dxplan.core.numbers import plain
from dxplan.freshness import changed_on_commit
from dxplan.records import model_name

from . import derived, rows
from .models import AuditEvent
from .queries import key_of_record

M = TypeVar("M", bound=models.Model)
SKIPPED = {"created_at", "updated_at"}


def actor_fields(actor: Actor | str | None) -> dict[str, Any]:
    """Who acted, as an event records it: the user (if any) and a name that outlives them.

    A command is named by its name, and by its user's with `--actor`; a bare string is the name
    of a command (older callers and tests)."""
    if actor is None:
        return {"actor": None, "actor_name": "system"}
    if isinstance(actor, str):
        return {"actor": None, "actor_name": actor}
    if isinstance(actor, CommandActor):
        return {"actor": actor.user, "actor_name": actor.get_username()[:150]}
    if isinstance(actor, ApiToken):  # a department's system: named by its key's prefix
        return {"actor": None, "actor_name": actor.get_username()[:150]}
    if not actor.is_authenticated:
        return {"actor": None, "actor_name": "anonymous"}
    return {"actor": actor, "actor_name": actor.get_username()}


def jsonable(value: Any) -> Any:
    """A field value as JSON keeps it exactly: decimals as strings, dates in ISO form."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in SKIPPED]


def snapshot(obj: models.Model) -> dict[str, Any]:
    """Every stored field of a record (foreign keys as ids), to restore it from later."""
    return {f.attname: jsonable(getattr(obj, f.attname)) for f in _fields(type(obj))}


def identity(obj: models.Model) -> tuple[str, Any]:
    """The natural key a reader understands and the plan the record belongs to."""
    key = obj.history_key() if hasattr(obj, "history_key") else str(obj)
    plan = obj.history_plan() if hasattr(obj, "history_plan") else None
    return key, plan


def event(
    verb: str,
    obj: models.Model | None,
    *,
    actor: Actor,
    changes: dict[str, Any] | None = None,
    state: dict[str, Any] | None = None,
    key: str | None = None,
    plan: Any = None,
    group: AuditEvent | None = None,
    detail: dict[str, Any] | None = None,
    save: bool = True,
) -> AuditEvent:
    """One history event. `save=False` returns it unsaved, for a bulk write by an import."""
    if obj is not None and (key is None or plan is None):
        own_key, own_plan = identity(obj)
        key = key if key is not None else own_key
        plan = plan if plan is not None else own_plan
    record = AuditEvent(
        **actor_fields(actor),
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_pk=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_type=model_name(obj) if obj is not None else "",
        object_key=(key or "")[:500],
        plan=plan,
        scope=scope_of(plan),
        changes=changes or {},
        state=state,
        group=group,
        detail=detail or {},
    )
    if save:
        record.save()
        changed_on_commit()
    return record


def write_events(events: Sequence[AuditEvent | PendingEvent]) -> None:
    """Write many unsaved events at once, as an import does (tens of thousands for a large plan).

    Events are append-only rows with no signals or side effects (audit/rows.py).
    """
    fields = rows.columns(AuditEvent)
    rows.insert(AuditEvent, fields, rows.values(events, fields), returning=False)
    changed_on_commit()


def close_group(
    group: AuditEvent,
    events: Sequence[AuditEvent | PendingEvent],
    *,
    plan: Any,
    detail: dict[str, Any],
) -> None:
    """File a batch's events (an import's) under its own event, with the plan they concern."""
    scope = scope_of(plan)
    for e in events:
        if e.plan_id is None:
            e.plan_id, e.scope = plan.pk, scope
        e.group_id = group.pk
    write_events(events)
    group.plan = plan
    group.scope = scope
    group.detail = {**group.detail, **detail}
    group.save(update_fields=["plan", "scope", "detail"])


def scope_of(plan: Any) -> str:
    return f"{plan.organisation.slug}/{plan.slug}" if plan is not None else ""


def create(
    obj: M,
    *,
    actor: Actor,
    key: str | None = None,
    plan: Any = None,
    group=None,
    save=True,
    verb: str = AuditEvent.Verb.CREATE,
) -> tuple[M, AuditEvent]:
    """Save a new record and its creation event (`verb`, if a use case names it), in one
    transaction."""
    with transaction.atomic():
        obj.save()
        derived.touched([obj])
        state = snapshot(obj)
        changes = {name: [None, value] for name, value in state.items() if value not in ("", None)}
        record = event(
            verb,
            obj,
            actor=actor,
            changes=changes,
            # a named creation keeps its whole state, as `state_after` reads only plain ones
            state=state if verb != AuditEvent.Verb.CREATE else None,
            key=key,
            plan=plan,
            group=group,
            save=save,
        )
    return obj, record


def create_many(
    objs: list[M], *, actor: Actor, plan: Any = None, group: AuditEvent | None = None
) -> list[PendingEvent]:
    """Save many new records of one model at once (an import); their events, unsaved.

    The events are returned for the caller to write in one batch with the rest of its events.
    """
    if not objs:
        return []
    model = type(objs[0])
    now = timezone.now()
    fields = rows.columns(model)
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                setattr(obj, f.attname, now)
    with transaction.atomic():
        pks = rows.insert(model, fields, rows.values(objs, fields), returning=True)
        for obj, pk in zip(objs, pks, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = connection.alias
        derived.touched(objs)
    content_type = ContentType.objects.get_for_model(model).pk
    who = actor_fields(actor)
    common = {
        "time": now,
        "actor_id": who["actor"].pk if who["actor"] is not None else None,
        "actor_name": who["actor_name"],
        "verb": AuditEvent.Verb.CREATE,
        "content_type_id": content_type,
        "object_type": model_name(model),
        "group_id": group.pk if group is not None else None,
    }
    events = []
    for obj in objs:
        state = snapshot(obj)
        key, own_plan = identity(obj)
        of_plan = plan if plan is not None else own_plan
        events.append(
            PendingEvent(
                **common,
                object_pk=str(obj.pk),
                object_key=key[:500],
                plan_id=of_plan.pk if of_plan is not None else None,
                scope=scope_of(of_plan),
                changes={n: [None, v] for n, v in state.items() if v not in ("", None)},
            )
        )
    return events


def update(
    obj: M,
    values: dict[str, Any],
    *,
    actor: Actor,
    key: str | None = None,
    plan: Any = None,
    group=None,
    verb: str = AuditEvent.Verb.UPDATE,
    save: bool = True,
    detail: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """Change the given fields (by attribute name) where they differ; None if nothing did."""
    changes: dict[str, list[Any]] = {}
    was = copy.copy(obj)  # as it was, for what derives from it (audit/derived.py)
    for name, value in values.items():
        before = getattr(obj, name)
        if not _same(before, value):
            changes[name] = [jsonable(before), jsonable(value)]
            setattr(obj, name, value)
    if not changes:
        return None
    with transaction.atomic():
        obj.save(update_fields=[*changes, "updated_at"] if _stamped(obj) else list(changes))
        derived.touched([obj], changes, was=[was])
        return event(
            verb,
            obj,
            actor=actor,
            changes=changes,
            state=snapshot(obj),
            key=key,
            plan=plan,
            group=group,
            save=save,
            detail=detail,
        )


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return False
    return bool(a == b)


def _stamped(obj: models.Model) -> bool:
    return any(f.name == "updated_at" for f in obj._meta.concrete_fields)


def set_many(
    obj: models.Model,
    field: str,
    targets: Sequence[models.Model],
    *,
    actor: Actor,
    key: str | None = None,
    plan: Any = None,
    group=None,
    save: bool = True,
) -> AuditEvent | None:
    """Replace a many-to-many relation; an update event only when it changes."""
    manager = getattr(obj, field)
    before = sorted(manager.values_list("pk", flat=True))
    after = sorted(t.pk for t in targets)
    if before == after:
        return None
    with transaction.atomic():
        manager.set(targets)
        return event(
            AuditEvent.Verb.UPDATE,
            obj,
            actor=actor,
            changes={field: [before, after]},
            state={**snapshot(obj), field: after},
            key=key,
            plan=plan,
            group=group,
            save=save,
        )


def delete(
    obj: models.Model,
    *,
    actor: Actor,
    key: str | None = None,
    plan: Any = None,
    group=None,
    save: bool = True,
) -> tuple[Counter[str], AuditEvent]:
    """Delete a record; the event keeps its last state and what went with it by cascade.

    Every record deleted with it gets a delete event of its own, and every record whose
    reference to it is emptied (on_delete=SET_NULL) an update event, in the same group, so that
    each one's history is whole and each can be restored. (Their counts stay on this event.)
    """
    with transaction.atomic():
        state = snapshot(obj)
        if key is None or plan is None:
            own_key, own_plan = identity(obj)
            key, plan = key or own_key, plan or own_plan
        pk = obj.pk
        collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
        collector.collect([obj])
        following = _consequences(collector, obj, key, actor=actor, group=group)
        _, counts = collector.delete()
        # records with a history of their own; what is part of one (a figure's revisions)
        # goes with it unnamed
        recorded = {model_name(m) for m in _WRITERS} | {model_name(obj)}
        deleted: Counter[str] = Counter(
            {
                name: n
                for label, n in counts.items()
                if n and (name := label.split(".")[-1].lower()) in recorded
            }
        )
        obj.pk = pk
        derived.touched([obj])
        cascade = deleted - Counter({model_name(obj): 1})
        record = _deletion(
            obj,
            state,
            actor=actor,
            key=key,
            plan=plan,
            group=group,
            detail={"cascade": dict(cascade)} if cascade else {},
            save=save,
        )
        obj.pk = None
        if following:
            write_events(following)
    return deleted, record


def _deletion(
    obj: models.Model,
    state: dict[str, Any],
    *,
    actor: Actor,
    group: Any,
    detail: dict[str, Any],
    save: bool,
    key: str | None = None,
    plan: Any = None,
) -> AuditEvent:
    """The event of a deletion: every field from its last value to nothing, and that state."""
    return event(
        AuditEvent.Verb.DELETE,
        obj,
        actor=actor,
        changes={name: [value, None] for name, value in state.items()},
        state=state,
        key=key,
        plan=plan,
        group=group,
        detail=detail,
        save=save,
    )


def _consequences(
    collector: Collector, obj: models.Model, key: str, *, actor: Actor, group: Any
) -> list[AuditEvent]:
    """The events of what deleting `obj` deletes with it and the references it empties, read
    before the deletion; only records with actions (`record_actions`) have a history."""
    gone: list[models.Model] = [
        instance
        for instances in collector.data.values()
        for instance in instances
        if not (type(instance) is type(obj) and instance.pk == obj.pk)
    ]
    for queryset in collector.fast_deletes:
        if queryset.model in _WRITERS:
            gone += list(queryset)
    events = []
    for instance in gone:
        if type(instance) not in _WRITERS:
            continue
        events.append(
            _deletion(
                instance,
                snapshot(instance),
                actor=actor,
                group=group,
                detail={"deleted_with": key},
                save=False,
            )
        )
    for (field_, value), targets in collector.field_updates.items():
        for target in targets:  # a queryset, or a list of instances
            for instance in cast(Iterable[models.Model], target):
                if type(instance) not in _WRITERS:
                    continue
                before = jsonable(getattr(instance, field_.attname))
                events.append(
                    event(
                        AuditEvent.Verb.UPDATE,
                        instance,
                        actor=actor,
                        changes={field_.name: [before, jsonable(value)]},
                        group=group,
                        detail={"emptied_by_deleting": key},
                        save=False,
                    )
                )
    return events


def state_after(past: AuditEvent) -> dict[str, Any] | None:
    """The record's fields after the event (before it, for a deletion).

    Creation events keep only the fields that were set; the others were empty.
    """
    if past.state is not None or past.verb != AuditEvent.Verb.CREATE or not past.content_type:
        return past.state
    model = past.content_type.model_class()
    if model is None:
        return None
    empty = {
        f.attname: None if f.null else ("" if f.empty_strings_allowed else None)
        for f in _fields(model)
    }
    return {**empty, **{name: pair[1] for name, pair in past.changes.items()}}


class RestoreRefused(BilingualError):
    """A state that cannot be brought back as it is; the message says what to do first."""


def restore(past: AuditEvent, *, actor: Actor) -> AuditEvent:
    """Bring a record back to the state it had after `past` (before it, for a deletion).

    A deleted record is recreated with its old id, so its history stays in one place. A state
    that refers to a record deleted since is refused, naming that record: restore it first.
    """
    model = past.content_type.model_class() if past.content_type else None
    state = state_after(past)
    if model is None or state is None:
        raise ValueError("This event has no state to restore.")
    fields = {f.attname: f for f in _fields(model)}
    values = {
        name: fields[name].to_python(value) for name, value in state.items() if name in fields
    }
    with transaction.atomic():
        _refuse_missing_references(model, values)
        obj = model._default_manager.filter(pk=past.object_pk).first()
        if obj is None:
            obj = model(pk=model._meta.pk.to_python(past.object_pk), **values)
            try:
                with transaction.atomic():
                    obj.save(force_insert=True)
                    derived.touched([obj])
            except IntegrityError:
                raise RestoreRefused(
                    f"{past.object_key} と同じ識別子の記録が今はあります。"
                    f"その記録を削除するか、識別子を変えてから復元してください。",
                    f"A record with the same key as {past.object_key} exists now: delete it or "
                    f"change its key, then restore.",
                ) from None
            return event(
                AuditEvent.Verb.RESTORE,
                obj,
                actor=actor,
                changes={name: [None, jsonable(v)] for name, v in values.items()},
                state=snapshot(obj),
                detail={"from_event": past.pk},
            )
        restored = update(obj, values, actor=actor, verb=AuditEvent.Verb.RESTORE, save=False)
        if restored is None:
            return event(AuditEvent.Verb.RESTORE, obj, actor=actor, detail={"from_event": past.pk})
        restored.detail = {"from_event": past.pk}
        restored.save()
        return restored


def _refuse_missing_references(model: type[models.Model], values: dict[str, Any]) -> None:
    missing = []
    for f in model._meta.concrete_fields:
        target = f.related_model
        pk = values.get(f.attname)
        if not f.is_relation or not isinstance(target, type) or pk is None:
            continue
        if not target._default_manager.filter(pk=pk).exists():
            missing.append(key_of_record(target, pk))
    if missing:
        names = ", ".join(missing)
        raise RestoreRefused(
            f"この状態は削除された記録 {names} を参照しています。先にそれを復元してください。",
            f"This state refers to {names}, which has been deleted: restore it first.",
        )


@dataclass(slots=True)
class PendingEvent:
    """A creation event of an import, not yet written: the fields of an AuditEvent row.

    An import creates tens of thousands of records; an event as plain values costs a fraction of
    an AuditEvent instance, and `write_events` writes both alike.
    """

    time: datetime
    actor_id: int | None
    actor_name: str
    verb: str
    content_type_id: int
    object_pk: str
    object_type: str
    object_key: str
    plan_id: int | None
    scope: str
    changes: dict[str, Any]
    group_id: int | None
    state: dict[str, Any] | None = None
    detail: dict[str, Any] = field(default_factory=dict)


class Writers(NamedTuple):
    """The create, update and delete actions of one kind of record."""

    create: Callable[..., tuple[Any, AuditEvent]]
    create_many: Callable[..., list[PendingEvent]]
    update: Callable[..., AuditEvent | None]
    delete: Callable[..., tuple[Counter[str], AuditEvent]]


_WRITERS: dict[type[models.Model], Writers] = {}


def record_actions(
    model: type[models.Model],
) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """The three plain actions of a record type, registered for the admin and the importer:
    writers of the plan's structure (and of figures as plan files record them), each asking the
    access policy for `edit_plan` first.

    Apps name them (`create_node, update_node, delete_node = record_actions(Node)`); `writers`
    finds them by model.
    """

    def create_record(obj: Any, *, actor: Actor, **options: Any) -> tuple[Any, AuditEvent]:
        policy.check(actor, Verb.EDIT_PLAN, obj)
        return create(obj, actor=actor, **options)

    def create_records(objs: list[Any], *, actor: Actor, **options: Any) -> list[PendingEvent]:
        if objs:  # one import writes one plan: the first record's organisation is theirs
            policy.check(actor, Verb.EDIT_PLAN, objs[0])
        return create_many(objs, actor=actor, **options)

    def update_record(
        obj: Any, values: dict[str, Any], *, actor: Actor, **options: Any
    ) -> AuditEvent | None:
        policy.check(actor, Verb.EDIT_PLAN, obj)
        return update(obj, values, actor=actor, **options)

    def delete_record(obj: Any, *, actor: Actor, **options: Any) -> tuple[Counter[str], AuditEvent]:
        policy.check(actor, Verb.EDIT_PLAN, obj)
        return delete(obj, actor=actor, **options)

    name = model._meta.model_name
    create_record.__name__, update_record.__name__ = f"create_{name}", f"update_{name}"
    delete_record.__name__ = f"delete_{name}"
    create_records.__name__ = f"create_{name}_records"
    writers = Writers(create_record, create_records, update_record, delete_record)
    _WRITERS[model] = writers
    return create_record, update_record, delete_record


def writers(model: type[models.Model]) -> Writers:
    if model not in _WRITERS:
        import_module(f"{model._meta.app_config.name}.actions")
    return _WRITERS[model]
