"""Which department owns an indicator (所管課), the rule every entry point and page applies.

An indicator belongs to the department its definition names; where it names none, to the
department of its node (the 施策 or measure it measures); where that names none either, to the
nearest ancestor node's. A plan that names the 所管課 once on a 施策 thus gives every indicator
under it to that department, and an indicator's own department overrides its node's.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
D = TypeVar("D", bound=Hashable)


def node_owners(parents: Mapping[K, K | None], departments: Mapping[K, D | None]) -> dict[K, D]:
    """Each node's owning department: its own, else its nearest ancestor's; nodes with none
    anywhere above them are left out. `parents` gives each node's parent (None at the top)."""
    resolved: dict[K, D | None] = {}
    for node in parents:
        path: list[K] = []
        current: K | None = node
        while current is not None and current not in resolved and current not in path:
            path.append(current)
            if departments.get(current) is not None:
                break
            current = parents.get(current)
        # what the path inherits from above it (nothing at the top, or along a cycle)
        above = resolved.get(current) if current is not None and current not in path else None
        for step in reversed(path):
            own = departments.get(step)
            above = own if own is not None else above
            resolved[step] = above
    return {node: owner for node, owner in resolved.items() if owner is not None}


def indicator_owner(own: D | None, node: K, owners: Mapping[K, D]) -> D | None:
    """An indicator's owning department: its definition's, else its node's (`node_owners`)."""
    return own if own is not None else owners.get(node)


def owned_by(
    indicators: Iterable[tuple[Hashable, D | None, K]],
    owners: Mapping[K, D],
    departments: set[D],
) -> list[Hashable]:
    """The indicators, as (id, own department, node), owned by one of `departments`."""
    return [
        key for key, own, node in indicators if indicator_owner(own, node, owners) in departments
    ]
