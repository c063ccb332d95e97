"""The yearly reporting round, as pure rules: where each requested figure stands, how punctual
each department was, and when a person is reminded.

A round asks the departments for the figures of one fiscal year by a due date. Each figure it
covers is in one of the `STAGES`; a figure counts as reported on time when it was submitted
(or, entered by the DX office, published) on or before the due date. The public round page
shows, per department, how many figures arrived on time and the median days late of those
that did not: the reporting itself becomes visible.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

# Where a requested figure stands, in the order of the workflow.
STAGES = ("missing", "draft", "sent_back", "submitted", "approved", "published")
#: Reminders go this many days before the due date, then on the first day overdue and every
#: `OVERDUE_EVERY` days after, at most one message a person a day, while anything is outstanding.
BEFORE_DUE = (7, 1)
OVERDUE_EVERY = 7


@dataclass(frozen=True)
class Item:
    """One requested figure: its department, stage, and when it was handed in (submitted, or
    published by the DX office without a submission), if it was."""

    department: Hashable | None
    stage: str
    handed_in: date | None = None


@dataclass(frozen=True)
class Punctuality:
    """A department's reporting in a round."""

    department: Hashable | None
    requested: int
    handed_in: int
    on_time: int
    late: int  # handed in after the due date
    outstanding: int  # not handed in yet
    overdue: int  # not handed in, and the due date has passed
    median_days_late: float | None  # of those handed in late

    @property
    def on_time_share(self) -> float | None:
        """On time, of those requested (None if nothing was requested)."""
        return self.on_time / self.requested if self.requested else None


def days_late(handed_in: date, due: date) -> int:
    return max((handed_in - due).days, 0)


def punctuality(items: Iterable[Item], due: date, today: date) -> list[Punctuality]:
    """Per department (in the order first met), how punctual its figures were."""
    by_department: dict[Hashable | None, list[Item]] = {}
    for item in items:
        by_department.setdefault(item.department, []).append(item)
    out = []
    for department, listed in by_department.items():
        handed = [i for i in listed if i.handed_in is not None]
        lateness = [days_late(i.handed_in, due) for i in handed if i.handed_in is not None]
        late = [d for d in lateness if d > 0]
        outstanding = len(listed) - len(handed)
        out.append(
            Punctuality(
                department=department,
                requested=len(listed),
                handed_in=len(handed),
                on_time=len(lateness) - len(late),
                late=len(late),
                outstanding=outstanding,
                overdue=outstanding if today > due else 0,
                median_days_late=float(median(late)) if late else None,
            )
        )
    return out


def stage_counts(items: Iterable[Item]) -> dict[str, int]:
    counts = dict.fromkeys(STAGES, 0)
    for item in items:
        counts[item.stage] += 1
    return counts


def outstanding(stage: str) -> bool:
    """Whether a department still has to do something for the figure."""
    return stage in ("missing", "draft", "sent_back")


def reminder(today: date, due: date, last_sent: date | None) -> str | None:
    """Which reminder a person with something outstanding gets today: "before", "overdue", or
    None. Idempotent: asked twice a day, it answers None the second time (last_sent = today)."""
    if last_sent == today:
        return None
    left = (due - today).days
    if left in BEFORE_DUE:
        return "before"
    if left < 0 and (-left - 1) % OVERDUE_EVERY == 0:
        return "overdue"
    return None
