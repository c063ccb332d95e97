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
from typing import NamedTuple, TypeVar

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

    numbers: tuple[int, ...]  # one per status of ORDER
    sample: bool = False

    @property
    def counts(self) -> tuple[tuple[Status, int], ...]:
        return tuple(zip(ORDER, self.numbers, strict=True))

    @property
    def total(self) -> int:
        return sum(self.numbers)

    def count(self, status: Status) -> int:
        return self.numbers[_INDEX[status]]

    def share(self, status: Status) -> Fraction:
        """The status's share of the indicators counted (0 when there are none)."""
        total = self.total
        return Fraction(self.count(status), total) if total else Fraction(0)

    @property
    def present(self) -> tuple[tuple[Status, int], ...]:
        """Only the statuses that some indicator has, in ORDER."""
        return tuple((s, n) for s, n in self.counts if n)


_INDEX: dict[str, int] = {str(status): i for i, status in enumerate(ORDER)}


def tally(statuses: Iterable[Status], *, sample: bool = False) -> Tally:
    """Count the statuses; each one of ORDER is listed, with 0 where none has it."""
    numbers = [0] * len(ORDER)
    for status in statuses:
        numbers[_INDEX[Status(status)]] += 1
    return Tally(tuple(numbers), sample)


class Counted(NamedTuple):
    """One indicator as a roll-up sees it: the node that carries it, its status, and whether
    a sample figure went into that status. (A named tuple: a roll-up makes one per indicator.)"""

    node: Hashable
    status: Status
    sample: bool = False


def roll_up(items: Iterable[Counted], parent_of: Callable[[K], K | None]) -> dict[K, Tally]:
    """The tally of every node that has indicators at or below it: each indicator counts at its
    node and at every ancestor of it (found with `parent_of`; a cycle ends the walk). Each
    node's own indicators are counted first, so each node's ancestors are walked once: a plan of
    5,000 indicators is counted in a few plain lists of numbers."""
    width = len(ORDER)
    own: dict[K, list[int]] = {}
    own_sample: dict[K, bool] = {}
    for item in items:
        node: K = item.node  # type: ignore[assignment]
        numbers = own.get(node)
        if numbers is None:
            numbers = own[node] = [0] * width
        numbers[_INDEX[Status(item.status)]] += 1
        own_sample[node] = own_sample.get(node, False) or item.sample
    totals: dict[K, list[int]] = {}
    sample: dict[K, bool] = {}
    for node, numbers in own.items():
        for key in [*ancestors(node, parent_of), node]:
            total = totals.get(key)
            if total is None:
                totals[key] = list(numbers)
            else:
                for i in range(width):
                    total[i] += numbers[i]
            sample[key] = sample.get(key, False) or own_sample[node]
    return {key: Tally(tuple(total), sample[key]) for key, total in totals.items()}
