"""An indicator's progress from what dxplan holds: its series and published actuals run through
the method in dxplan.core.progress (docs/indicator-method.md). Pages, downloads and the API
read progress here, so they agree."""

from __future__ import annotations

from dataclasses import dataclass

from dxplan.bilingual import pick
from dxplan.core import progress

from .models import Indicator, Observation, Series


@dataclass(frozen=True)
class SeriesProgress:
    series: Series
    actuals: list[Observation]  # published, in year order
    assessments: list[progress.Assessment]
    forecast: progress.Forecast | None

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

    @property
    def latest(self) -> progress.Assessment | None:
        """The assessment the grade and the reason in words come from: the single series',
        or for several series the one whose status is the overall status."""
        found = [s.latest for s in self.series if s.latest and s.status == self.status]
        return found[0] if found else None


def core_series(indicator: Indicator, series: Series) -> progress.Series:
    return progress.Series(
        series.baseline_value,
        series.baseline_year,
        series.target_value,
        series.target_year,
        direction="decrease" if indicator.direction == Indicator.Direction.DECREASE else "increase",
        cumulative=indicator.kind == Indicator.Kind.CUMULATIVE,
    )


def published_actuals(series: Series) -> list[Observation]:
    """The series' published figures in year order (prefetched by plans.queries.indicators)."""
    return sorted(
        (o for o in series.observations.all() if o.state == Observation.State.PUBLISHED),
        key=lambda o: o.fiscal_year,
    )


def assess_indicator(
    indicator: Indicator, scale: progress.GradeScale = progress.DEFAULT_GRADES
) -> IndicatorProgress:
    """Each series assessed and forecast, and the indicator's overall status and grade."""
    parts = []
    for series in indicator.series.all():
        actuals = published_actuals(series)
        method = core_series(indicator, series)
        assessments = progress.assess(
            method,
            [progress.Actual(o.fiscal_year, o.value, o.lower, o.upper) for o in actuals],
        )
        parts.append(
            SeriesProgress(series, actuals, assessments, progress.forecast(method, assessments))
        )
    status = progress.overall([p.status for p in parts])
    found = IndicatorProgress(indicator, parts, status, None, scale)
    return IndicatorProgress(indicator, parts, status, scale.grade(found.latest), scale)
