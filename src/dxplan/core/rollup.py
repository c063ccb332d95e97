"""How many indicators are in each status: for a whole plan version and for every node of its
tree that has indicators at or below it (a field, a policy …).

Pure: statuses in, counts out. An indicator counts once, at the node that carries it and at
each of that node's ancestors; the statuses are always listed in one fixed order (ORDER), zeros
included, so that every page, chart and API answer lists them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from .plan_rules import ancestors
from .progress import STATUS_NAMES, Status

K = TypeVar("K", bound=Hashable)

# Best first, then the two that say nothing of the pace: how a summary lists the statuses, in
# the order of core.progress.STATUS_NAMES (and of the indicator method's table).
ORDER: tuple[Status, ...] = tuple(STATUS_NAMES)


@dataclass(frozen=True)
class Tally:
    """The number of indicators in each status, in ORDER, and whether sample (fictitious)
    figures went into any of their statuses."""

    counts: tuple[tuple[Status, int], ...]
    sample: bool = False

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, status: Status) -> int:
        return dict(self.counts)[status]

    def share(self, status: Status) -> Fraction:
        """The status's share of the indicators counted (0 when there are none)."""
        total = self.total
        return Fraction(self.count(status), total) if total else Fraction(0)

    @property
    def present(self) -> tuple[tuple[Status, int], ...]:
        """Only the statuses that some indicator has, in ORDER."""
        return tuple((s, n) for s, n in self.counts if n)


def tally(statuses: Iterable[Status], *, sample: bool = False) -> Tally:
    """Count the statuses; each one of ORDER is listed, with 0 where none has it."""
    counts = dict.fromkeys(ORDER, 0)
    for status in statuses:
        counts[Status(status)] += 1
    return Tally(tuple(counts.items()), sample)


@dataclass(frozen=True)
class Counted:
    """One indicator as a roll-up sees it: the node that carries it, its status, and whether
    a sample figure went into that status."""

    node: Hashable
    status: Status
    sample: bool = False


def roll_up(items: Iterable[Counted], parent_of: Callable[[K], K | None]) -> dict[K, Tally]:
    """The tally of every node that has indicators at or below it: each indicator counts at its
    node and at every ancestor of it (found with `parent_of`; a cycle ends the walk)."""
    statuses: dict[K, list[Status]] = {}
    sample: dict[K, bool] = {}
    for item in items:
        node: K = item.node  # type: ignore[assignment]
        for key in [*ancestors(node, parent_of), node]:
            statuses.setdefault(key, []).append(item.status)
            sample[key] = sample.get(key, False) or item.sample
    return {key: tally(found, sample=sample[key]) for key, found in statuses.items()}
