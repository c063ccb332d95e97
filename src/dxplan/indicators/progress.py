"""An indicator's progress from what dxplan holds: its series and published actuals run through
the method in dxplan.core.progress (docs/indicator-method.md). Pages, downloads and the API
read progress here, so they agree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from dxplan.bilingual import pick
from dxplan.core import progress, standing
from dxplan.plans.models import Plan

from .models import Indicator, Observation, Series


@dataclass(frozen=True)
class SeriesProgress:
    series: Series
    actuals: list[Observation]  # published, in year order
    assessments: list[progress.Assessment]
    forecast: progress.Forecast | None
    method: progress.Series | None = None  # what the series was assessed by

    @property
    def latest(self) -> progress.Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def status(self) -> progress.Status:
        return progress.latest_status(self.assessments)

    @property
    def latest_actual(self) -> Observation | None:
        """The latest published figure after the baseline year, the one the status is of."""
        later = [o for o in self.actuals if o.fiscal_year > self.series.baseline_year]
        return later[-1] if later else None

    @property
    def status_name(self) -> str:
        ja, en = progress.STATUS_NAMES[self.status]
        return pick(ja, en)


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    series: list[SeriesProgress]
    status: progress.Status
    grade: progress.Grade | None
    scale: progress.GradeScale
    rule: Literal["worst", "mean_pace"] = "worst"  # the overall rule, for several series
    method: Literal["linear", "cagr"] = "linear"  # the method the indicator asks for

    @property
    def latest(self) -> progress.Assessment | None:
        """The assessment the grade and the reason in words come from: the single series',
        or for several series the worst of those whose status is the overall status, by
        achievement (so a grade by achievement thresholds is the worst series' grade); under the
        mean-pace rule, the mean of the series' latest assessments."""
        latest = [s.latest for s in self.series if s.latest is not None]
        if self.rule == "mean_pace" and len(self.series) > 1:
            if len(latest) < len(self.series):
                return None
            return progress.mean_assessment(latest, self.status)
        found = [a for a in latest if a.status == self.status]
        return min(found, key=lambda a: a.achievement) if found else None


def core_series(
    indicator: Indicator, series: Series, actuals: list[Observation] | None = None
) -> progress.Series:
    """The series as the method reads it, with the method its figures allow
    (core.standing.usable: the growth-rate method falls back to the linear one when a figure
    is not above zero; `SeriesProgress.method` says which)."""
    return standing.usable(
        method_series(
            (series.baseline_value, series.baseline_year),
            (series.target_value, series.target_year),
            direction=indicator.direction,
            kind=indicator.kind,
            method=indicator.method,
        ),
        [actual(o) for o in actuals or []],
    )


def method_series(
    baseline: tuple[Decimal, int],
    target: tuple[Decimal, int],
    *,
    direction: str,
    kind: str,
    method: str,
) -> progress.Series:
    """A series as the method reads it, from its baseline and target (value, fiscal year) and
    its indicator's direction, kind and method as stored (the model's choices): for a page,
    and for the stored standings (indicators/standing.py), which read plain values."""
    return progress.Series(
        *baseline,
        *target,
        direction="decrease" if direction == Indicator.Direction.DECREASE else "increase",
        cumulative=kind == Indicator.Kind.CUMULATIVE,
        method="cagr" if method == Indicator.Method.CAGR else "linear",
    )


def actual(o: Observation) -> progress.Actual:
    return progress.Actual(o.fiscal_year, o.value, o.lower, o.upper)


def plan_scale(plan: Plan) -> progress.GradeScale:
    """The plan's grade scale (plan.yaml `progress`), or the default one. The files are checked
    on import and the admin checks an edit (Plan.clean); a scale stored some other way that does
    not read falls back to the default rather than breaking every page of the plan."""
    try:
        return progress.scale_of(plan.grade_scale)
    except (progress.ScaleInvalid, TypeError, ValueError, AttributeError):
        return progress.DEFAULT_GRADES


def assess_series(indicator: Indicator, series: Series) -> SeriesProgress:
    actuals = published_actuals(series)
    method = core_series(indicator, series, actuals)
    assessments = progress.assess(
        method,
        [actual(o) for o in actuals],
    )
    return SeriesProgress(
        series, actuals, assessments, progress.forecast(method, assessments), method
    )


def published_actuals(series: Series) -> list[Observation]:
    """The series' public figures (Observation.objects.public()) in year order: those
    prefetched with it by indicators.queries, else read."""
    if "observations" in getattr(series, "_prefetched_objects_cache", {}):
        found = series.observations.all()  # prefetched through Observation.objects.public()
    else:
        found = series.observations.public()
    return sorted(found, key=lambda o: o.fiscal_year)


def assess_indicator(
    indicator: Indicator, scale: progress.GradeScale | None = None
) -> IndicatorProgress:
    """Each series assessed and forecast by the indicator's method, the indicator's overall
    status by its rule (its own, else its plan's, else the worst series) and its grade on the
    plan's scale (`scale` replaces it)."""
    plan = indicator.measure.version.plan
    scale = scale or plan_scale(plan)
    parts = [assess_series(indicator, series) for series in indicator.series.all()]
    rule = progress.overall_rule(indicator.overall_rule, plan.overall_rule)
    status = progress.overall_of([p.assessments for p in parts], rule)
    method: Literal["linear", "cagr"] = (
        "cagr" if indicator.method == Indicator.Method.CAGR else "linear"
    )
    found = IndicatorProgress(indicator, parts, status, None, scale, rule, method)
    return IndicatorProgress(
        indicator, parts, status, scale.grade(found.latest), scale, rule, method
    )
