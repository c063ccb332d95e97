"""How an indicator is doing: achievement, elapsed time, pace, status and a forecast.

The method of docs/indicator-method.md, written once: pages, the API, reports and
`dxplan progress assess` all call these functions. For a series with baseline b in fiscal year t0
and target T in fiscal year t1, an actual a in fiscal year t:

    achievement p = (a − b) / (T − b)    elapsed e = min(1, (t − t0) / (t1 − t0))    pace r = p / e

and the status is the first that holds of: achieved (p ≥ 1), deteriorating (p < 0), on track
(r ≥ 0.95), acceleration needed (r ≥ 0.6), limited progress. The linear method computes exactly
(fractions), so that an actual equal to the target is p = 1 and a decreasing indicator is its
increasing mirror. The growth-rate method (Open SDG's, `cagr`) compares the observed compound
annual growth with the growth the target needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal

Number = Decimal | int | Fraction

ON_TRACK = Fraction(95, 100)  # pace at or above: on track
ACCELERATION = Fraction(60, 100)  # pace at or above (and below on track): acceleration needed
FORECAST_LEVEL = 0.80  # the forecast's prediction interval
MIN_POINTS_FOR_INTERVAL = 3  # points (baseline included) before a forecast has an interval
RATIO_PLACES = 6  # achievement, elapsed, pace and forecasts as JSON carries them


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"
    UNCERTAIN = "uncertain"  # the interval's ends have different statuses
    NO_DATA = "no_data"  # no actual after the baseline year


# From worst to best: an indicator's overall status is the worst of its series.
RANKED = (
    Status.DETERIORATING,
    Status.LIMITED_PROGRESS,
    Status.ACCELERATION_NEEDED,
    Status.ON_TRACK,
    Status.ACHIEVED,
)


@dataclass(frozen=True)
class Series:
    """What an actual is measured against."""

    baseline: Number
    baseline_year: int
    target: Number
    target_year: int
    direction: Literal["increase", "decrease"] = "increase"
    cumulative: bool = False  # each actual is what its year added; the running total counts
    method: Literal["linear", "cagr"] = "linear"

    def __post_init__(self) -> None:
        if self.target_year <= self.baseline_year:
            raise ValueError("the target year must come after the baseline year")


@dataclass(frozen=True)
class Actual:
    fiscal_year: int
    value: Number
    lower: Number | None = None  # an interval, for survey-based values
    upper: Number | None = None


@dataclass(frozen=True)
class Assessment:
    """One fiscal year's actual against the series; `value` is the running total when the
    indicator is cumulative."""

    fiscal_year: int
    value: Fraction
    achievement: Fraction | float
    elapsed: Fraction
    pace: Fraction | float
    status: Status
    candidates: tuple[Status, ...] = ()  # when uncertain: the status at each end of the interval
    interval: tuple[Fraction, Fraction] | None = None


@dataclass(frozen=True)
class Forecast:
    """A least-squares line through the baseline and the actuals, at the target year."""

    target_year: int
    value: float
    lower: float | None  # the 80 % prediction interval, from three points on
    upper: float | None
    points: int
    reaches_target: Literal["likely", "unlikely", "uncertain"]
    slope: float  # per fiscal year
    intercept: float  # at fiscal year 0


def as_float(value: Fraction | float) -> float:
    """A ratio or a forecast as JSON carries it: a float to RATIO_PLACES places."""
    return round(float(value), RATIO_PLACES)


def as_decimal(value: Fraction | float) -> Decimal:
    """An assessed value (a running total, a forecast) as a decimal, to be published at the
    indicator's precision (core.numbers.published)."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(repr(value))


def _fraction(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def achievement(series: Series, value: Number) -> Fraction:
    """How far from the baseline towards the target (1: there); the sign follows the target's
    side of the baseline, so a decreasing indicator needs no special case."""
    baseline, target = _fraction(series.baseline), _fraction(series.target)
    if target == baseline:  # keep the baseline: there already, or gone the wrong way
        actual = _fraction(value)
        kept = actual >= baseline if series.direction == "increase" else actual <= baseline
        return Fraction(1) if kept else Fraction(-1)
    return (_fraction(value) - baseline) / (target - baseline)


def elapsed(series: Series, fiscal_year: int) -> Fraction:
    """The share of the plan's years gone by at the end of `fiscal_year`, at most 1."""
    return min(
        Fraction(1),
        Fraction(fiscal_year - series.baseline_year, series.target_year - series.baseline_year),
    )


def status(achieved: Fraction | float, pace: Fraction | float) -> Status:
    """The first status that holds (module docstring)."""
    if achieved >= 1:
        return Status.ACHIEVED
    if achieved < 0:
        return Status.DETERIORATING
    if pace >= ON_TRACK:
        return Status.ON_TRACK
    if pace >= ACCELERATION:
        return Status.ACCELERATION_NEEDED
    return Status.LIMITED_PROGRESS


def _growth_pace(series: Series, value: Fraction, fiscal_year: int) -> float:
    """Open SDG's ratio: observed compound annual growth over the growth the target needs."""
    baseline, target = float(series.baseline), float(series.target)
    if baseline <= 0 or target <= 0 or value <= 0:
        raise ValueError("the growth-rate method needs positive values; use the linear method")
    years = fiscal_year - series.baseline_year
    observed: float = (float(value) / baseline) ** (1 / years) - 1
    needed: float = (target / baseline) ** (1 / (series.target_year - series.baseline_year)) - 1
    if needed == 0:
        return 1.0 if observed == 0 else math.copysign(math.inf, observed)
    return float(observed / needed)


def _one(
    series: Series, value: Fraction, fiscal_year: int
) -> tuple[Fraction, Fraction | float, Status]:
    """(achievement, pace, status) of one value."""
    p = achievement(series, value)
    if series.method == "cagr":
        pace: Fraction | float = _growth_pace(series, value, fiscal_year)
        # Open SDG's thresholds 0.95 / 0.6 / 0 on the growth ratio, onto the same codes
        code = status(p, pace) if p >= 1 or pace >= 0 else Status.DETERIORATING
    else:
        pace = p / elapsed(series, fiscal_year)
        code = status(p, pace)
    return p, pace, code


def assess(series: Series, actuals: Iterable[Actual]) -> list[Assessment]:
    """Each actual after the baseline year, in year order, against the series."""
    later = sorted(
        (a for a in actuals if a.fiscal_year > series.baseline_year), key=lambda a: a.fiscal_year
    )
    running = _fraction(series.baseline)
    out = []
    for actual in later:
        value = _fraction(actual.value)
        if series.cumulative:
            running += value
            value = running
        p, pace, code = _one(series, value, actual.fiscal_year)
        interval = None
        candidates: tuple[Status, ...] = ()
        if actual.lower is not None and actual.upper is not None:
            shift = value - _fraction(actual.value)  # a cumulative interval moves with the total
            ends = (_fraction(actual.lower) + shift, _fraction(actual.upper) + shift)
            interval = ends
            at_ends = tuple(_one(series, end, actual.fiscal_year)[2] for end in ends)
            if len({*at_ends, code}) > 1:
                candidates = tuple(dict.fromkeys(sorted(at_ends, key=_rank)))
                code = Status.UNCERTAIN
        out.append(
            Assessment(
                actual.fiscal_year,
                value,
                p,
                elapsed(series, actual.fiscal_year),
                pace,
                code,
                candidates,
                interval,
            )
        )
    return out


def latest_status(assessments: Sequence[Assessment]) -> Status:
    return assessments[-1].status if assessments else Status.NO_DATA


def _rank(code: Status) -> int:
    return RANKED.index(code) if code in RANKED else -1


def overall(
    statuses: Sequence[Status],
    paces: Sequence[Fraction | float] = (),
    rule: Literal["worst", "mean_pace"] = "worst",
) -> Status:
    """An indicator's status from its series': the worst (default), or from the mean pace.

    No data in any series is no data; an uncertain series makes the whole uncertain under
    "worst", since its worst end is not known."""
    if not statuses or Status.NO_DATA in statuses:
        return Status.NO_DATA
    if rule == "mean_pace":
        if len(paces) != len(statuses):
            raise ValueError("the mean-pace rule needs the pace of every series")
        if all(s == Status.ACHIEVED for s in statuses):
            return Status.ACHIEVED
        mean = sum(paces, Fraction(0)) / len(paces)
        if mean < 0:
            return Status.DETERIORATING
        return status(Fraction(0), mean)  # graded by the mean pace alone
    if Status.UNCERTAIN in statuses:
        return Status.UNCERTAIN
    return min(statuses, key=_rank)


# Student's t at 0.90 (one side of an 80 % interval) by degrees of freedom; beyond 30, the normal.
_T90 = (
    3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
    1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
    1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
)  # fmt: skip
_Z90 = 1.2816


def forecast(series: Series, assessments: Sequence[Assessment]) -> Forecast | None:
    """A straight line by least squares through (t0, b) and each assessed value, read at the
    target year; None without an actual. From three points on, the 80 % prediction interval of
    a new value there. Whether the target is reached: `likely` when the interval (or, below three
    points, the line) is on the target's side, `unlikely` when it is wholly on the other side."""
    if not assessments:
        return None
    years = [series.baseline_year, *(a.fiscal_year for a in assessments)]
    values = [float(series.baseline), *(float(a.value) for a in assessments)]
    n = len(years)
    mean_t, mean_y = sum(years) / n, sum(values) / n
    sxx = sum((t - mean_t) ** 2 for t in years)
    slope = sum((t - mean_t) * (y - mean_y) for t, y in zip(years, values, strict=True)) / sxx
    intercept = mean_y - slope * mean_t
    at = series.target_year
    value = intercept + slope * at
    lower = upper = None
    if n >= MIN_POINTS_FOR_INTERVAL:
        residual = sum((y - intercept - slope * t) ** 2 for t, y in zip(years, values, strict=True))
        spread = math.sqrt(residual / (n - 2))
        df = n - 2
        t90 = _T90[df - 1] if df <= len(_T90) else _Z90
        half = t90 * spread * math.sqrt(1 + 1 / n + (at - mean_t) ** 2 / sxx)
        lower, upper = value - half, value + half
    target = float(series.target)
    increase = (
        series.direction == "increase"
        if target == float(series.baseline)
        else (target > float(series.baseline))
    )

    def reached(x: float) -> bool:
        return x >= target if increase else x <= target

    ends = [value] if lower is None or upper is None else [lower, upper]
    verdict: Literal["likely", "unlikely", "uncertain"]
    if all(reached(x) for x in ends):
        verdict = "likely"
    elif not any(reached(x) for x in ends):
        verdict = "unlikely"
    else:
        verdict = "uncertain"
    return Forecast(at, value, lower, upper, n, verdict, slope, intercept)


@dataclass(frozen=True)
class Grade:
    """One grade of a city's scale (A, 達成 …): given to the statuses it lists, or to an
    achievement at or above `at_least` (the first grade that matches wins)."""

    label_ja: str
    label_en: str
    statuses: frozenset[Status] = frozenset()
    at_least: Fraction | None = None  # of the achievement p


@dataclass(frozen=True)
class GradeScale:
    grades: tuple[Grade, ...]
    name: str = "default"

    def grade(self, assessment: Assessment | None) -> Grade | None:
        """The first grade that matches; None when none does (no data, on most scales)."""
        code = assessment.status if assessment else Status.NO_DATA
        for grade in self.grades:
            if code in grade.statuses:
                return grade
            if (
                grade.at_least is not None
                and assessment is not None
                and code not in (Status.UNCERTAIN, Status.NO_DATA)
                and assessment.achievement >= grade.at_least
            ):
                return grade
        return None


# Each status in words; the default grade scale gives each status its own grade.
STATUS_NAMES: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("達成", "Achieved"),
    Status.ON_TRACK: ("順調", "On track"),
    Status.ACCELERATION_NEEDED: ("加速が必要", "Acceleration needed"),
    Status.LIMITED_PROGRESS: ("進捗が遅い", "Limited progress"),
    Status.DETERIORATING: ("悪化", "Deteriorating"),
    Status.UNCERTAIN: ("判定保留", "Uncertain"),
    Status.NO_DATA: ("実績なし", "No data yet"),
}
DEFAULT_GRADES = GradeScale(
    tuple(Grade(ja, en, frozenset({code})) for code, (ja, en) in STATUS_NAMES.items())
)


@dataclass(frozen=True)
class Reason:
    """A status in words, as an indicator page prints it (目標の進捗率27%、期間経過率33%)."""

    ja: str
    en: str


def reason(assessment: Assessment | None) -> Reason:
    if assessment is None:
        return Reason(
            "基準年度より後の実績がまだありません。", "No actual after the baseline year yet."
        )
    p = percent(assessment.achievement)
    e = percent(assessment.elapsed)
    ja = f"目標の進捗率{p}%、期間経過率{e}%"
    en = f"{p}% of the way to the target with {e}% of the time elapsed"
    if assessment.candidates:
        ja += "（区間の両端で判定が分かれます: "
        ja += "・".join(STATUS_NAMES[c][0] for c in assessment.candidates) + "）"
        en += " (the ends of the interval give different statuses: "
        en += " and ".join(STATUS_NAMES[c][1].lower() for c in assessment.candidates) + ")"
    return Reason(ja + "。", en + ".")


def percent(value: Fraction | float) -> int:
    """A ratio as a whole percentage, half away from zero (27.5 → 28)."""
    scaled = Fraction(value) * 100 if not isinstance(value, float) else Fraction(value * 100)
    sign = -1 if scaled < 0 else 1
    return sign * int(abs(scaled) + Fraction(1, 2))
