"""The public figures in words, for every face that shows them (the portal's pages, a report):
status names and counts, the rule that grades them, the method, and each series' title,
summary, table rows, forecast and chart. Numbers are written in Python with the indicator's
precision and unit, never by a locale."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dxplan.bilingual import current_language, pick
from dxplan.charts import indicator as chart
from dxplan.charts.render import svg
from dxplan.core import progress
from dxplan.core.fiscal_year import format_fiscal_year, format_fiscal_year_short
from dxplan.core.rollup import Tally
from dxplan.indicators.units import in_unit

from .records import Earlier, Figure, IndicatorFigures, IndicatorRef, SeriesFigures, VersionRef


def status_name(code: progress.Status) -> str:
    ja, en = progress.STATUS_NAMES[code]
    return pick(ja, en)


@dataclass(frozen=True)
class StatusCount:
    """A status in words with the number of indicators in it, for the roll-up tables; `url`
    lists those indicators (empty where none is linked)."""

    code: str
    name: str
    count: int
    percent: int  # of the indicators counted, whole (core.progress.percent)
    url: str = ""


def status_counts(found: Tally, *, list_url: str = "", present: bool = False) -> list[StatusCount]:
    """Every status of the tally in its fixed order (`present`: only those some indicator has),
    each linked to the indicator list filtered by it when `list_url` is given and it has any."""
    rows = found.present if present else found.counts
    return [
        StatusCount(
            str(code),
            status_name(code),
            n,
            progress.percent(found.share(code)),
            f"{list_url}?status={code}" if list_url and n else "",
        )
        for code, n in rows
    ]


def rule_lines(scale: progress.GradeScale, method: str = "linear") -> list[tuple[str, str]]:
    """The grading rule in words, grade by grade, as the page prints it (the status rules in
    the terms of the indicator's method)."""
    rules = {
        progress.Status.ACHIEVED: _("achievement p ≥ 100%"),
        progress.Status.DETERIORATING: _("achievement p < 0% (worse than the baseline)"),
        progress.Status.ON_TRACK: _("pace r = p ÷ elapsed time ≥ 0.95"),
        progress.Status.ACCELERATION_NEEDED: _("0.6 ≤ pace r < 0.95"),
        progress.Status.LIMITED_PROGRESS: _("pace r < 0.6"),
        progress.Status.UNCERTAIN: _("the ends of the value's interval give different statuses"),
        progress.Status.NO_DATA: _("no published actual after the baseline year"),
    }
    if method == "cagr":
        rules |= {
            progress.Status.DETERIORATING: _("growth ratio g < 0 (below the baseline)"),
            progress.Status.ON_TRACK: _("growth ratio g ≥ 0.95"),
            progress.Status.ACCELERATION_NEEDED: _("0.6 ≤ growth ratio g < 0.95"),
            progress.Status.LIMITED_PROGRESS: _("0 ≤ growth ratio g < 0.6"),
        }
    lines = []
    for grade in scale.grades:
        parts = [rules[s] for s in progress.Status if s in grade.statuses]
        if grade.at_least is not None:
            parts.append(
                _("achievement p ≥ %(share)s%%") % {"share": progress.share_text(grade.at_least)}
            )
        lines.append((pick(grade.label_ja, grade.label_en), _(" or ").join(parts)))
    return lines


def method_text(indicator: IndicatorFigures) -> str:
    """How the indicator's series are assessed, as the rule's first paragraph says it."""
    if indicator.assessment.method == "cagr":
        return _(
            "Growth-rate method (Open SDG's): the growth ratio g = the compound annual growth "
            "observed since the baseline ÷ the annual growth the target needs; achievement "
            "p = (actual − baseline) ÷ (target − baseline). Achieved is decided first, then "
            "the growth ratio:"
        )
    return _(
        "Achievement p = (actual − baseline) ÷ (target − baseline); elapsed time e = years "
        "since the baseline ÷ years from baseline to target (at most 1); pace r = p ÷ e. "
        "Achieved and deteriorating are decided first, then the pace:"
    )


def overall_text(indicator: IndicatorFigures) -> str:
    """How the status of an indicator of several series comes from theirs ("" for one)."""
    count = len(indicator.series)
    if count < 2:
        return ""
    if indicator.assessment.rule == "mean_pace":
        return _(
            "The indicator's status comes from the mean of its %(count)s series' paces, graded "
            "by the same thresholds (achieved when every series is); its achievement is their "
            "mean achievement."
        ) % {"count": count}
    return _("The indicator's status is the worst of its %(count)s series' statuses.") % {
        "count": count
    }


def shown(indicator: Any, value: Any) -> str:
    """A value (a figure, or an assessed running total) in the indicator's precision and unit,
    as every page shows it (`indicator`: anything with its unit and decimals)."""
    return in_unit(value if isinstance(value, Decimal) else progress.as_decimal(value), indicator)


@dataclass(frozen=True)
class FiguresTable:
    """An indicator's figures side by side: a column per fiscal year with a figure in any
    series, a row per series (its figure of each year, None where it has none)."""

    years: list[int]
    rows: list[tuple[SeriesFigures, list[Figure | None]]]


def figures_table(indicator: IndicatorFigures) -> FiguresTable:
    years = sorted({f.fiscal_year for s in indicator.series for f in s.figures})
    rows = []
    for series in indicator.series:
        by_year = {f.fiscal_year: f for f in series.figures}
        rows.append((series, [by_year.get(year) for year in years]))
    return FiguresTable(years, rows)


@dataclass(frozen=True)
class Row:
    """One line of a series' data table."""

    year: int
    what: str
    value: str
    interval: str = ""
    achievement: str = ""
    pace: str = ""
    status: str = ""


@dataclass(frozen=True)
class EarlierSeriesText:
    """One series of the indicator an indicator continues: its figures, shown for reference."""

    series: SeriesFigures
    title: str
    rows: list[Row]
    chart: chart.Earlier


@dataclass(frozen=True)
class EarlierText:
    """The indicator an indicator continues, in words: a heading and each series' table."""

    earlier: Earlier
    heading: str
    series: list[EarlierSeriesText]

    @property
    def indicator(self) -> IndicatorRef:
        return self.earlier.indicator

    @property
    def version(self) -> VersionRef:
        return self.earlier.version

    def for_series(self, key: str, alone: bool) -> EarlierSeriesText | None:
        """The older series drawn in a series' chart: the one of the same key, or the only one
        when both indicators have a single series."""
        for old in self.series:
            if old.series.key == key:
                return old
        return self.series[0] if alone and len(self.series) == 1 else None


@dataclass(frozen=True)
class SeriesText:
    """A series in words: its title, summary, table, forecast and chart (an SVG document)."""

    series: SeriesFigures
    svg: str
    title: str
    summary: str
    rows: list[Row]
    forecast: str
    earlier: EarlierSeriesText | None = None  # the previous plan's series, drawn in the chart


def _titled(name: str, part_name: str) -> str:
    return f"{name}（{part_name}）" if current_language() == "ja" else f"{name} ({part_name})"


def earlier_text(earlier: Earlier) -> EarlierText:
    """The previous plan's indicator in words: its series' baselines, figures (as assessed:
    a cumulative indicator's running total) and targets."""
    version = earlier.version
    years = f"{version.start_year}-{version.end_year}"
    heading = _("Series of the previous plan (%(years)s)") % {"years": years}
    parts = []
    for series in earlier.series:
        rows = [Row(series.baseline_year, _("Baseline"), shown(earlier, series.baseline_value))]
        for a, o in zip(series.assessments, series.assessed, strict=True):
            interval = ""
            if a.interval is not None:
                interval = f"{shown(earlier, a.interval[0])} – {shown(earlier, a.interval[1])}"
            what = _("Actual") + (f"（{_('provisional')}）" if o.provisional else "")
            rows.append(Row(o.fiscal_year, what, shown(earlier, a.value), interval))
        rows.append(Row(series.target_year, _("Target"), shown(earlier, series.target_value)))
        points = (
            (series.baseline_year, float(series.baseline_value)),
            *((a.fiscal_year, float(a.value)) for a in series.assessments),
        )
        parts.append(
            EarlierSeriesText(
                series,
                _titled(f"{earlier.code} {earlier.name}", series.name),
                rows,
                chart.Earlier(heading, points, (series.target_year, float(series.target_value))),
            )
        )
    return EarlierText(earlier, heading, parts)


def _year_labels(series: SeriesFigures, earlier: chart.Earlier | None = None) -> dict[int, str]:
    """Every fiscal year the chart draws: the series' and the older series' (its target may
    lie after the new series' last year)."""
    language = current_language()
    method = series.method
    years = [method.baseline_year, method.target_year]
    years += [a.fiscal_year for a in series.assessments]
    if earlier is not None:
        years += [t for t, _v in earlier.points] + [earlier.target[0]]
    return {y: format_fiscal_year_short(y, language) for y in range(min(years), max(years) + 1)}


def series_text(
    indicator: IndicatorFigures,
    series: SeriesFigures,
    several: bool,
    earlier: EarlierSeriesText | None = None,
) -> SeriesText:
    """A series of the indicator in words, its chart drawn (with the older series, if any);
    `several`: the indicator has several series, so the title names this one."""
    method = series.method
    unit = indicator.unit if current_language() == "ja" else (indicator.unit_en or indicator.unit)
    title = f"{indicator.code} {indicator.name}"
    if several:
        title = _titled(title, series.name)
    labels = chart.Labels(
        title=title[:60] + ("…" if len(title) > 60 else ""),
        year=_("Fiscal year"),
        value=unit,
        baseline=_("Baseline"),
        actual=_("Actual"),
        target=_("Target"),
    )
    before = earlier.chart if earlier is not None else None
    spec = chart.series_chart(
        method,
        list(series.assessments),
        series.forecast,
        labels,
        _year_labels(series, before),
        before,
    )
    return SeriesText(
        series,
        svg(spec),
        title,
        _summary(indicator, series),
        series_rows(indicator, series),
        forecast_text(indicator, series),
        earlier,
    )


def series_rows(indicator: IndicatorFigures, series: SeriesFigures) -> list[Row]:
    """The series' data table: the baseline, each assessed figure with its interval,
    achievement, pace and status, and the target."""
    method = series.method
    rows = [
        Row(method.baseline_year, _("Baseline"), shown(indicator, series.baseline_value)),
    ]
    for assessment, figure in zip(series.assessments, series.assessed, strict=True):
        interval = ""
        if figure.lower is not None and figure.upper is not None:
            interval = f"{shown(indicator, figure.lower)} – {shown(indicator, figure.upper)}"
        what = _("Actual") + (f"（{_('provisional')}）" if figure.provisional else "")
        rows.append(
            Row(
                assessment.fiscal_year,
                what,
                shown(indicator, assessment.value),
                interval,
                f"{progress.percent(assessment.achievement)}%",
                progress.pace_text(assessment.pace),
                status_name(assessment.status),
            )
        )
    rows.append(Row(method.target_year, _("Target"), shown(indicator, series.target_value)))
    return rows


def forecast_text(indicator: IndicatorFigures, series: SeriesFigures) -> str:
    """Where the straight-line trend of the series reaches by its target year ("" without)."""
    ahead = series.forecast
    if ahead is None:
        return ""
    band = ""
    if ahead.lower is not None and ahead.upper is not None:
        band = _(" (80%% prediction interval %(lower)s – %(upper)s)") % {
            "lower": shown(indicator, ahead.lower),
            "upper": shown(indicator, ahead.upper),
        }
    verdicts = {
        "likely": _("the target is likely to be reached"),
        "unlikely": _("the target is unlikely to be reached"),
        "uncertain": _("whether the target is reached is uncertain"),
    }
    return _("Forecast for %(year)s by a straight-line trend: %(value)s%(band)s; %(verdict)s.") % {
        "year": format_fiscal_year(ahead.target_year, current_language()),
        "value": shown(indicator, ahead.value),
        "band": band,
        "verdict": verdicts[ahead.reaches_target],
    }


def _summary(indicator: IndicatorFigures, series: SeriesFigures) -> str:
    """The series in a sentence or two: baseline, target, and the latest assessment."""
    language = current_language()
    method = series.method
    summary = _("Baseline %(baseline)s in %(start)s, target %(target)s in %(end)s.") % {
        "baseline": shown(indicator, series.baseline_value),
        "start": format_fiscal_year(method.baseline_year, language),
        "target": shown(indicator, series.target_value),
        "end": format_fiscal_year(method.target_year, language),
    }
    latest = series.latest
    if latest is None:
        return summary + " " + _("No published actual yet.")
    words = progress.reason(latest)
    return (
        summary
        + " "
        + _("Latest actual %(value)s in %(year)s: %(status)s, %(reason)s")
        % {
            "value": shown(indicator, latest.value),
            "year": format_fiscal_year(latest.fiscal_year, language),
            "status": status_name(latest.status),
            "reason": pick(words.ja, words.en),
        }
    )
