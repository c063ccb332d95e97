"""Assemble a tree from flat rows, as a version's nodes come from one query."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def group_children(
    items: Iterable[T], key: Callable[[T], K], parent_key: Callable[[T], K | None]
) -> tuple[list[T], dict[K, list[T]]]:
    """Roots and children by parent key, each in input order; orphans count as roots."""
    items = list(items)
    known = {key(item) for item in items}
    roots: list[T] = []
    children: dict[K, list[T]] = {}
    for item in items:
        parent = parent_key(item)
        if parent is None or parent not in known:
            roots.append(item)
        else:
            children.setdefault(parent, []).append(item)
    return roots, children


def subtree(top: K, children: Mapping[K, Iterable[K]]) -> list[K]:
    """The key and every key under it (depth first), from children by parent key."""
    found, stack = [], [top]
    while stack:
        key = stack.pop()
        found.append(key)
        stack += children.get(key, ())
    return found


def preorder(roots: Iterable[K], children: Mapping[K, Iterable[K]]) -> list[K]:
    """Every key in reading order: each node, then its children in their order, depth first
    (a tree as its plan file and its page list it). A key met twice is listed once."""
    found: list[K] = []
    seen: set[K] = set()
    stack = list(roots)[::-1]
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        found.append(key)
        stack += list(children.get(key, ()))[::-1]
    return found
