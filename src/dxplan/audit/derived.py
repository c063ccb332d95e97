"""Data derived from records, kept in step by the writes themselves.

Every write goes through the audit actions; after each one they call `touched` with what they
wrote, inside the write's transaction. An app that derives something from that kind of record
registers (`keep`) which of its own keys a write affects (an indicator's standing from its
figures: indicators/standing.py) and how to bring those keys up to date; that runs there and
then, so the derived data commits or rolls back with the record. An import that writes
thousands of records wraps itself in `together()`: the keys are collected, and each way of
bringing them up to date runs once at the end, with all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

Affected = Callable[[Sequence[Any]], Iterable[Hashable]]  # records → the keys they affect
Refresh = Callable[[set[Any]], object]  # brings those keys up to date

_KEEPERS: dict[type[models.Model], list[tuple[Affected, Refresh, frozenset[str] | None]]] = {}
_pending: ContextVar[dict[Refresh, set[Hashable]] | None] = ContextVar(
    "derived_pending", default=None
)


def keep(
    model: type[models.Model],
    affected: Affected,
    refresh: Refresh,
    fields: Iterable[str] | None = None,
) -> None:
    """Whenever a write touches records of `model` (creates, deletes or restores them, a
    deleted one as it was; changes one of `fields`, by attribute name, when given), call
    `refresh` with the keys `affected` finds for them."""
    entry = (affected, refresh, frozenset(fields) if fields is not None else None)
    if entry not in _KEEPERS.setdefault(model, []):
        _KEEPERS[model].append(entry)


def touched(
    objs: Sequence[Any], fields: Iterable[str] | None = None, *, was: Sequence[Any] = ()
) -> None:
    """Bring what derives from these records (all of one model) up to date: at once, or at the
    end of the enclosing `together()`. `fields`: an update of only these (field or attribute
    names: `series` and `series_id` alike). `was`: the records as they were before the update,
    so that what they affected before a move (a figure to another series) is brought up to date
    too."""
    if not objs:
        return
    model = type(objs[0])
    changed = _names(model, fields) if fields is not None else None
    pending = _pending.get()
    for affected, refresh, wanted in _KEEPERS.get(model, []):
        if changed is not None and wanted is not None and not changed & _names(model, wanted):
            continue
        keys = set(affected(objs)) | set(affected(was) if was else ())
        if pending is None:
            if keys:
                refresh(keys)
        else:
            pending.setdefault(refresh, set()).update(keys)


def _names(model: type[models.Model], fields: Iterable[str]) -> set[str]:
    """Each field by its name and by its attribute name (a foreign key's `series_id`)."""
    out = set()
    for name in fields:
        out.add(name)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        out.update({field.name, getattr(field, "attname", field.name)})
    return out


@contextmanager
def together() -> Iterator[None]:
    """Collect the keys the writes inside affect and bring them up to date once, on leaving,
    inside the caller's transaction (it must be in one). When the block raises, the
    transaction is marked to roll back, so what was written inside never commits without what
    derives from it, even if the caller catches the error. Nested blocks join the outermost."""
    if _pending.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("derived.together() must run inside a transaction (atomic)")
    pending: dict[Refresh, set[Hashable]] = {}
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        transaction.set_rollback(True)
        raise
    finally:
        _pending.reset(token)
    for refresh, keys in pending.items():
        if keys:
            refresh(keys)
