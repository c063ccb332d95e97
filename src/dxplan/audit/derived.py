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

from django.db import models

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


def touched(objs: Sequence[Any], fields: Iterable[str] | None = None) -> None:
    """Bring what derives from these records (all of one model) up to date: at once, or at the
    end of the enclosing `together()`. `fields`: an update of only these."""
    if not objs:
        return
    changed = set(fields) if fields is not None else None
    pending = _pending.get()
    for affected, refresh, wanted in _KEEPERS.get(type(objs[0]), []):
        if changed is not None and wanted is not None and not changed & wanted:
            continue
        keys = set(affected(objs))
        if pending is None:
            if keys:
                refresh(keys)
        else:
            pending.setdefault(refresh, set()).update(keys)


@contextmanager
def together() -> Iterator[None]:
    """Collect the keys the writes inside affect and bring them up to date once, on leaving
    (inside the caller's transaction; nothing is done when the block raises). Nested blocks
    join the outermost one."""
    if _pending.get() is not None:
        yield
        return
    pending: dict[Refresh, set[Hashable]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for refresh, keys in pending.items():
        if keys:
            refresh(keys)
