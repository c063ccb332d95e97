"""Data derived from records, kept in step by the writes themselves.

Every write goes through the audit actions; after each one they call `touched` with what they
wrote, inside the write's transaction, and the apps that derive something from that kind of
record (`keep`: an indicator's standing from its figures, indicators/standing.py) bring it up to
date there and then, so the derived data commits or rolls back with the record. An import that
writes thousands of records wraps itself in `together()`: each keeper then runs once at the
end, with everything touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models

Keeper = Callable[[Sequence[models.Model]], None]

_KEEPERS: dict[type[models.Model], list[tuple[Keeper, frozenset[str] | None]]] = {}
_pending: ContextVar[dict[Keeper, list[models.Model]] | None] = ContextVar(
    "derived_pending", default=None
)


def keep(model: type[models.Model], keeper: Keeper, fields: Iterable[str] | None = None) -> None:
    """Call `keeper` with the records of `model` each write touches (created, deleted or
    restored, a deleted one as it was; changed in one of `fields`, by attribute name, when
    given)."""
    entry = (keeper, frozenset(fields) if fields is not None else None)
    if entry not in _KEEPERS.setdefault(model, []):
        _KEEPERS[model].append(entry)


def touched(objs: Sequence[Any], fields: Iterable[str] | None = None) -> None:
    """Bring what derives from these records (all of one model) up to date: at once, or at the
    end of the enclosing `together()`. `fields`: an update of only these."""
    if not objs:
        return
    changed = set(fields) if fields is not None else None
    pending = _pending.get()
    for keeper, wanted in _KEEPERS.get(type(objs[0]), []):
        if changed is not None and wanted is not None and not changed & wanted:
            continue
        if pending is None:
            keeper(objs)
        else:
            pending.setdefault(keeper, []).extend(objs)


@contextmanager
def together() -> Iterator[None]:
    """Collect what the writes inside touch and bring it up to date once, on leaving (inside
    the caller's transaction; nothing is done when the block raises). Nested blocks join the
    outermost one."""
    if _pending.get() is not None:
        yield
        return
    pending: dict[Keeper, list[models.Model]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for keeper, objs in pending.items():
        keeper(objs)
