"""An assessment and a forecast as JSON carries them, written once: `dxplan progress assess
--format json` and the API (api/serializers.py) both print these, so the two cannot drift.

Ratios (achievement, elapsed, pace) and assessed values are floats to core.progress.RATIO_PLACES
places (core.progress.as_float); a pace that is not a finite number (the growth-rate method when
the target needs no growth) is null.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Protocol

from dxplan.core import progress


class Assessed(Protocol):
    """A series as assessed: indicators.progress.SeriesProgress, or a record of it."""

    @property
    def assessments(self) -> Sequence[progress.Assessment]: ...

    @property
    def status(self) -> progress.Status: ...

    @property
    def forecast(self) -> progress.Forecast | None: ...


class Graded(Protocol):
    """An indicator as graded: indicators.progress.IndicatorProgress, or a record of it."""

    @property
    def grade(self) -> progress.Grade | None: ...


def ratio(value: Fraction | float) -> float | None:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return progress.as_float(value)


def assessment(year: progress.Assessment) -> dict[str, Any]:
    """One fiscal year's assessment, every key always present: `candidates` (the statuses at the
    ends of the interval, when they differ) is [] and `interval` null when there is none."""
    return {
        "fiscal_year": year.fiscal_year,
        "value": ratio(year.value),
        "achievement": ratio(year.achievement),
        "elapsed": ratio(year.elapsed),
        "pace": ratio(year.pace),
        "status": str(year.status),
        "candidates": [str(c) for c in year.candidates],
        "interval": None if year.interval is None else [ratio(end) for end in year.interval],
    }


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """An assessment without its empty `candidates` and `interval`, as the command prints it."""
    return {
        key: value
        for key, value in record.items()
        if not (key in ("candidates", "interval") and not value)
    }


def forecast(ahead: progress.Forecast | None) -> dict[str, Any] | None:
    if ahead is None:
        return None
    return {
        "fiscal_year": ahead.target_year,
        "value": ratio(ahead.value),
        "lower": None if ahead.lower is None else ratio(ahead.lower),
        "upper": None if ahead.upper is None else ratio(ahead.upper),
        "points": ahead.points,
        "reaches_target": ahead.reaches_target,
        "slope_per_year": ratio(ahead.slope),
    }


def series(part: Assessed) -> dict[str, Any]:
    """A series' progress: each year's assessment, its status (the latest's) and the forecast."""
    return {
        "assessments": [assessment(a) for a in part.assessments],
        "status": str(part.status),
        "forecast": forecast(part.forecast),
    }


def grade(result: Graded) -> dict[str, str] | None:
    """The indicator's grade on its plan's scale, in both languages; None when none is given."""
    if result.grade is None:
        return None
    return {"label_ja": result.grade.label_ja, "label_en": result.grade.label_en}
