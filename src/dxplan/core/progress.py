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
from dataclasses import dataclass, replace
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
    if not later:
        return []
    # baseline and target as fractions once, not at every actual and end of its interval
    series = replace(series, baseline=_fraction(series.baseline), target=_fraction(series.target))
    running: Fraction = _fraction(series.baseline)
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


def overall_of(
    assessed: Sequence[Sequence[Assessment]], rule: Literal["worst", "mean_pace"] = "worst"
) -> Status:
    """An indicator's status from each series' assessments: `overall` of their latest
    statuses, with their latest paces when every series has one."""
    paces = [a[-1].pace for a in assessed if a]
    return overall(
        [latest_status(a) for a in assessed], paces if len(paces) == len(assessed) else (), rule
    )


def mean_assessment(assessments: Sequence[Assessment], code: Status) -> Assessment:
    """What an indicator judged by the mean pace is graded and described by: the mean
    achievement, elapsed time and pace of its series' latest assessments, with the overall
    status `code` (the value itself is the mean of the series' values, for reference only).

    Each series' achievement counts up to 100 % in the mean achievement (what a grade by
    `at_least` reads): a series far past its target does not make up for one short of it, so it
    reaches 100 % only when every series is achieved, as the status `achieved` asks. The status
    itself is the rule's: the mean of the paces, as they are (`overall`); a grade by achievement
    and a status by pace can differ, as they can for one series early in the plan."""
    n = len(assessments)
    if not n:
        raise ValueError("no assessment to take the mean of")

    def mean(values: list[Fraction | float]) -> Fraction | float:
        if any(isinstance(v, float) for v in values):
            return sum(float(v) for v in values) / n
        return sum((Fraction(v) for v in values), Fraction(0)) / n

    return Assessment(
        max(a.fiscal_year for a in assessments),
        sum((a.value for a in assessments), Fraction(0)) / n,
        mean([min(a.achievement, 1) for a in assessments]),
        sum((a.elapsed for a in assessments), Fraction(0)) / n,
        mean([a.pace for a in assessments]),
        code,
    )


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


def pace_text(value: Fraction | float) -> str:
    """A pace as pages print it, to two places; "—" when it is not a finite number (the
    growth-rate method's pace when the target equals the baseline)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "—"
    return f"{float(value):.2f}"


def percent(value: Fraction | float) -> int:
    """A ratio as a whole percentage, half away from zero (27.5 → 28)."""
    scaled = Fraction(value) * 100 if not isinstance(value, float) else Fraction(value * 100)
    sign = -1 if scaled < 0 else 1
    return sign * int(abs(scaled) + Fraction(1, 2))


# --- a plan's own grade scale and overall rule, from plain values (plan files, the database) ---

OVERALL_RULES = ("worst", "mean_pace")
METHODS = ("linear", "cagr")
# The achievement p each status can have, as [low, high): what an `at_least` grade can catch.
_P_RANGE: dict[Status, tuple[float, float]] = {
    Status.ACHIEVED: (1.0, math.inf),
    Status.DETERIORATING: (-math.inf, 0.0),
    Status.ON_TRACK: (0.0, 1.0),
    Status.ACCELERATION_NEEDED: (0.0, 1.0),
    Status.LIMITED_PROGRESS: (0.0, 1.0),
}


@dataclass(frozen=True)
class ScaleProblem:
    """Why a grade of a scale is refused: the grade's index, the field, the message."""

    index: int
    field: str
    ja: str
    en: str


class ScaleInvalid(ValueError):
    def __init__(self, problems: list[ScaleProblem]) -> None:
        super().__init__("; ".join(f"grades[{p.index}].{p.field}: {p.en}" for p in problems))
        self.problems = problems


def grade_scale(grades: Sequence[dict[str, object]], name: str = "") -> GradeScale:
    """A plan's scale from plain values, as plan.yaml (`progress.grades`) and the database
    (Plan.grade_scale) hold it: each grade {"label_ja", "label_en", "statuses": [codes],
    "at_least": the share of the achievement p in percent, as a decimal text or number}.

    Refused (ScaleInvalid, every problem at once): an unknown status code, a grade with neither
    statuses nor `at_least`, a label given twice, and a grade that can never match because the
    grades before it catch everything it would. A scale that grades no status, for some
    statuses, is allowed: those get no grade (docs/indicator-method.md)."""
    problems: list[ScaleProblem] = []
    out: list[Grade] = []
    known = ", ".join(s.value for s in Status)
    labels: set[str] = set()
    # What the grades so far catch: statuses wholly, and each status from an achievement up.
    caught: set[Status] = set()
    lowest = math.inf  # the lowest `at_least` so far: every p at or above it is caught
    for index, values in enumerate(grades):
        label_ja, label_en = str(values.get("label_ja", "")), str(values.get("label_en", ""))
        if label_ja in labels:
            problems.append(
                ScaleProblem(
                    index,
                    "label.ja",
                    f"評価区分「{label_ja}」が重複しています。",
                    f"The grade '{label_ja}' is given twice.",
                )
            )
        labels.add(label_ja)
        codes: set[Status] = set()
        for code in values.get("statuses") or []:  # type: ignore[attr-defined]
            try:
                codes.add(Status(code))
            except ValueError:
                problems.append(
                    ScaleProblem(
                        index,
                        "statuses",
                        f"「{code}」は判定の区分ではありません（使えるもの: {known}）。",
                        f"'{code}' is not a status (the statuses are: {known}).",
                    )
                )
        written = values.get("at_least")
        at_least = None if written is None else Fraction(str(written)) / 100
        if not codes and at_least is None and not values.get("statuses"):
            problems.append(
                ScaleProblem(
                    index,
                    "statuses",
                    "評価区分には statuses か at_least のどちらかが必要です。",
                    "A grade needs statuses, at_least or both.",
                )
            )
        reachable = any(
            code not in caught
            and (code not in _P_RANGE or _P_RANGE[code][0] < lowest)  # not caught by an at_least
            for code in codes
        )
        if at_least is not None:
            reachable = reachable or any(
                code not in caught and max(low, float(at_least)) < min(high, lowest)
                for code, (low, high) in _P_RANGE.items()
            )
        if (codes or at_least is not None) and not reachable:
            problems.append(
                ScaleProblem(
                    index,
                    "at_least" if at_least is not None and not codes else "statuses",
                    f"評価区分「{label_ja}」は、前の区分がすべて先に当てはまるため、"
                    "与えられることがありません。",
                    f"The grade '{label_en or label_ja}' can never be given: the grades "
                    "before it catch every case it would.",
                )
            )
        caught |= codes
        if at_least is not None:
            lowest = min(lowest, float(at_least))
        out.append(Grade(label_ja, label_en, frozenset(codes), at_least))
    if not grades:
        problems.append(
            ScaleProblem(
                0,
                "label",
                "評価区分が一つもありません。",
                "The scale has no grades.",
            )
        )
    if problems:
        raise ScaleInvalid(problems)
    return GradeScale(tuple(out), name or "plan")


def scale_values(scale: GradeScale) -> list[dict[str, object]]:
    """A scale as the plain values `grade_scale` reads (statuses in the order of Status)."""
    return [
        {
            "label_ja": g.label_ja,
            "label_en": g.label_en,
            "statuses": [s.value for s in Status if s in g.statuses],
            "at_least": None if g.at_least is None else share_text(g.at_least),
        }
        for g in scale.grades
    ]


def share_text(share: Fraction) -> str:
    """A share as the percentage written in the files, exactly: 4/5 → "80", 1/8 → "12.5"."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return format(value.normalize(), "f")


def scale_summary(stored: dict[str, object]) -> str:
    """A stored scale in one line, as the import report shows a change of it:
    "A: p ≥ 100% | B: p ≥ 80% | D: deteriorating"."""
    out = []
    for g in stored.get("grades") or []:  # type: ignore[attr-defined]
        rule = [*(g.get("statuses") or [])]
        if g.get("at_least") is not None:
            rule.append(f"p ≥ {g['at_least']}%")
        out.append(f"{g.get('label_ja')}: {' or '.join(rule)}")
    return " | ".join(out)


def scale_of(stored: dict[str, object] | None) -> GradeScale:
    """The scale a plan stores (Plan.grade_scale: {"name", "grades"}); the default without one."""
    if not stored or not stored.get("grades"):
        return DEFAULT_GRADES
    return grade_scale(stored["grades"], str(stored.get("name") or ""))  # type: ignore[arg-type]


def overall_rule(indicator_rule: str, plan_rule: str) -> Literal["worst", "mean_pace"]:
    """The rule an indicator of several series is judged by: its own, else its plan's, else
    the worst of its series."""
    for rule in (indicator_rule, plan_rule):
        if rule == "mean_pace":
            return "mean_pace"
        if rule == "worst":
            return "worst"
    return "worst"
