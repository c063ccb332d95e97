"""Compare two descriptions of a plan record by record: what to create, update and delete.

A state is {model name: {natural key: {field: value}}}; a reference to another record is a Ref.
Pure and ordered: changes come in the order of the wanted state, deletions in reverse order of
the current one (children before their parents), so they can be applied as they come.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Key = tuple[str, ...]
State = dict[str, dict[Key, dict[str, Any]]]


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to another record by its natural key."""

    model: str
    key: Key

    def __str__(self) -> str:
        return "/".join(self.key)


@dataclass(frozen=True)
class Change:
    verb: str  # create | update | delete
    model: str
    key: Key
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def same(a: Any, b: Any) -> bool:
    """Equal as stored: 36.3 and 36.300000 are the same number; True and 1 are not."""
    if type(a) is type(b):
        return bool(a == b)
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return False
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return False
    return bool(a == b)


def _identical(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal field for field with the same types, checked in C: `same` would find no change."""
    return a == b and list(map(type, map(a.__getitem__, b))) == list(map(type, b.values()))


def diff(
    wanted: State,
    current: State,
    order: Iterable[str],
    *,
    keep: Callable[[str, Key], bool] = lambda model, key: False,
) -> list[Change]:
    """The changes that turn `current` into `wanted`, model by model in dependency `order`.

    `keep(model, key)` marks current records that are absent from `wanted` but must stay
    (records shared with other plans, figures entered by people).
    """
    models = list(order)
    changes: list[Change] = []
    for model in models:
        have = current.get(model, {})
        for key, values in wanted.get(model, {}).items():
            if key not in have:
                changes.append(Change("create", model, key, {}, dict(values)))
                continue
            old = have[key]
            if _identical(old, values):  # most records of a re-import: no field to look at
                continue
            changed = [name for name, value in values.items() if not same(old.get(name), value)]
            if changed:
                changes.append(
                    Change(
                        "update",
                        model,
                        key,
                        {name: old.get(name) for name in changed},
                        {name: values[name] for name in changed},
                    )
                )
    for model in reversed(models):
        want = wanted.get(model, {})
        for key in reversed(list(current.get(model, {}))):
            if key not in want and not keep(model, key):
                changes.append(Change("delete", model, key, dict(current[model][key]), {}))
    return changes


def summary(changes: Iterable[Change]) -> dict[str, dict[str, int]]:
    """Counts per verb and model, as the import report prints them."""
    out: dict[str, dict[str, int]] = {"created": {}, "updated": {}, "deleted": {}}
    names = {"create": "created", "update": "updated", "delete": "deleted"}
    for change in changes:
        bucket = out[names[change.verb]]
        bucket[change.model] = bucket.get(change.model, 0) + 1
    return {verb: dict(sorted(counts.items())) for verb, counts in out.items()}


def translate(
    state: State,
    order: Iterable[str],
    renamed: Mapping[str, Mapping[Key, Key]],
    key_of: Callable[[str, dict[str, Any]], Key],
) -> tuple[State, dict[str, dict[Key, Key]]]:
    """The current state with renamed records (and everything that refers to them) under their
    new keys; also returns, per model, each old key's new key."""
    models = list(order)
    if not any(renamed.get(model) for model in models):  # the usual import: nothing renamed
        return state, {model: {key: key for key in state.get(model, {})} for model in models}
    moved: dict[str, dict[Key, Key]] = {}
    out: State = {}
    for model in models:
        new_of = {old: new for new, old in renamed.get(model, {}).items()}
        rows = state.get(model, {})
        moved[model] = {}
        translated: dict[Key, dict[str, Any]] = {}
        staged = []
        for key, values in rows.items():
            values = {name: _move(value, moved, model) for name, value in values.items()}
            new_key = new_of.get(key) or key_of(model, values)
            moved[model][key] = new_key
            staged.append((new_key, values))
        for new_key, values in staged:  # references within the model (a node's parent)
            translated[new_key] = {name: _move(v, moved, None) for name, v in values.items()}
        out[model] = translated
    return out, moved


def _move(value: Any, moved: dict[str, dict[Key, Key]], skip: str | None) -> Any:
    if isinstance(value, Ref) and value.model != skip and value.model in moved:
        return Ref(value.model, moved[value.model].get(value.key, value.key))
    if isinstance(value, list):
        return [_move(v, moved, skip) for v in value]
    return value
