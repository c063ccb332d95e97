"""Each indicator's own page and its data downloads: status and grade with the reason in words
and the rule that gave them, a chart per series with its data table, the definition."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from dxplan.bilingual import current_language, pick
from dxplan.charts import indicator as chart
from dxplan.charts.render import svg
from dxplan.core import progress
from dxplan.core.fiscal_year import format_fiscal_year, format_fiscal_year_short
from dxplan.core.numbers import published
from dxplan.indicators import queries as indicator_queries
from dxplan.indicators.models import Indicator, Series
from dxplan.indicators.progress import (
    IndicatorProgress,
    SeriesProgress,
    assess_indicator,
    core_series,
    published_actuals,
)
from dxplan.indicators.progress_json import ratio
from dxplan.plans import queries
from dxplan.plans.models import PlanVersion
from dxplan.portal.templatetags.dxplan import in_unit


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
class SeriesView:
    part: SeriesProgress
    svg: str
    title: str
    summary: str
    rows: list[Row]
    forecast: str
    earlier: EarlierSeries | None = None  # the previous plan's series, drawn in the chart


def status_name(code: progress.Status) -> str:
    ja, en = progress.STATUS_NAMES[code]
    return pick(ja, en)


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


def method_text(result: IndicatorProgress) -> str:
    """How the indicator's series are assessed, as the rule's first paragraph says it."""
    if result.method == "cagr":
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


def overall_text(result: IndicatorProgress) -> str:
    """How the status of an indicator of several series comes from theirs ("" for one)."""
    if len(result.series) < 2:
        return ""
    if result.rule == "mean_pace":
        return _(
            "The indicator's status comes from the mean of its %(count)s series' paces, graded "
            "by the same thresholds (achieved when every series is); its achievement is their "
            "mean achievement."
        ) % {"count": len(result.series)}
    return _("The indicator's status is the worst of its %(count)s series' statuses.") % {
        "count": len(result.series)
    }


def _year_labels(
    method: progress.Series, part: SeriesProgress, earlier: chart.Earlier | None = None
) -> dict[int, str]:
    """Every fiscal year the chart draws: the series' and the older series' (its target may
    lie after the new series' last year)."""
    language = current_language()
    years = [method.baseline_year, method.target_year, *(a.fiscal_year for a in part.assessments)]
    if earlier is not None:
        years += [t for t, _v in earlier.points] + [earlier.target[0]]
    return {y: format_fiscal_year_short(y, language) for y in range(min(years), max(years) + 1)}


@dataclass(frozen=True)
class EarlierSeries:
    """One series of the indicator this one continues: its figures, shown for reference."""

    series: Series
    title: str
    rows: list[Row]
    chart: chart.Earlier


@dataclass(frozen=True)
class Earlier:
    """The indicator of the previous plan that this one continues (plan files `continues`)."""

    indicator: Indicator
    version: PlanVersion
    url: str
    heading: str
    series: list[EarlierSeries]

    def for_series(self, series: Series, alone: bool) -> EarlierSeries | None:
        """The older series drawn in a series' chart: the one of the same key, or the only one
        when both indicators have a single series."""
        for old in self.series:
            if old.series.key == series.key:
                return old
        return self.series[0] if alone and len(self.series) == 1 else None


def _unit(indicator: Indicator) -> str:
    return indicator.unit if current_language() == "ja" else (indicator.unit_en or indicator.unit)


def _shown(indicator: Indicator, value: Any) -> str:
    """A value (a figure, or an assessed running total) as every page shows it (in_unit)."""
    return in_unit(value if isinstance(value, Decimal) else progress.as_decimal(value), indicator)


def indicator_url(indicator: Indicator) -> str:
    version = indicator.measure.version
    plan = version.plan
    return reverse(
        "portal:indicator", args=[plan.organisation.slug, plan.slug, version.slug, indicator.code]
    )


def _earlier(indicator: Indicator) -> Earlier | None:
    """The previous plan's indicator with its published figures, or None (no query) without."""
    old = indicator_queries.predecessor(indicator.continues_id)
    if old is None:
        return None
    version = old.measure.version
    years = f"{version.start_year}-{version.end_year}"
    heading = _("Series of the previous plan (%(years)s)") % {"years": years}
    parts = []
    for series in old.series.all():
        actuals = published_actuals(series)
        # assessed only for the running total of a cumulative indicator, as its own page has it
        assessed = progress.assess(
            core_series(old, series, actuals),
            [progress.Actual(o.fiscal_year, o.value, o.lower, o.upper) for o in actuals],
        )
        rows = [Row(series.baseline_year, _("Baseline"), _shown(old, series.baseline_value))]
        later = [o for o in actuals if o.fiscal_year > series.baseline_year]
        for a, o in zip(assessed, later, strict=True):
            interval = ""
            if a.interval is not None:
                interval = f"{_shown(old, a.interval[0])} – {_shown(old, a.interval[1])}"
            what = _("Actual") + (f"（{_('provisional')}）" if o.provisional else "")
            rows.append(Row(o.fiscal_year, what, _shown(old, a.value), interval))
        rows.append(Row(series.target_year, _("Target"), _shown(old, series.target_value)))
        points = (
            (series.baseline_year, float(series.baseline_value)),
            *((a.fiscal_year, float(a.value)) for a in assessed),
        )
        name = f"{old.code} {pick(old.name_ja, old.name_en)}"
        part_name = pick(series.name_ja, series.name_en)
        title = f"{name}（{part_name}）" if current_language() == "ja" else f"{name} ({part_name})"
        parts.append(
            EarlierSeries(
                series,
                title,
                rows,
                chart.Earlier(heading, points, (series.target_year, float(series.target_value))),
            )
        )
    return Earlier(old, version, indicator_url(old), heading, parts)


def _series_view(
    indicator: Indicator,
    part: SeriesProgress,
    several: bool,
    earlier: EarlierSeries | None = None,
) -> SeriesView:
    method = part.method or core_series(indicator, part.series)
    unit = _unit(indicator)
    name = pick(part.series.name_ja, part.series.name_en)
    title = f"{indicator.code} {pick(indicator.name_ja, indicator.name_en)}"
    if several:
        title += f"（{name}）" if current_language() == "ja" else f" ({name})"
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
        method, part.assessments, part.forecast, labels, _year_labels(method, part, before), before
    )

    def shown(value: Any) -> str:
        return _shown(indicator, value)

    language = current_language()
    rows = [
        Row(
            method.baseline_year,
            _("Baseline"),
            shown(part.series.baseline_value),
            "",
            "",
            "",
            "",
        )
    ]
    for assessment, observation in zip(part.assessments, _after_baseline(part), strict=True):
        interval = ""
        if observation.lower is not None and observation.upper is not None:
            interval = f"{shown(observation.lower)} – {shown(observation.upper)}"
        what = _("Actual") + (f"（{_('provisional')}）" if observation.provisional else "")
        rows.append(
            Row(
                assessment.fiscal_year,
                what,
                shown(assessment.value),
                interval,
                f"{progress.percent(assessment.achievement)}%",
                progress.pace_text(assessment.pace),
                status_name(assessment.status),
            )
        )
    rows.append(
        Row(method.target_year, _("Target"), shown(part.series.target_value), "", "", "", "")
    )
    forecast = ""
    if part.forecast is not None:
        ahead = part.forecast
        value = shown(ahead.value)
        band = ""
        if ahead.lower is not None and ahead.upper is not None:
            band = _(" (80%% prediction interval %(lower)s – %(upper)s)") % {
                "lower": shown(ahead.lower),
                "upper": shown(ahead.upper),
            }
        verdicts = {
            "likely": _("the target is likely to be reached"),
            "unlikely": _("the target is unlikely to be reached"),
            "uncertain": _("whether the target is reached is uncertain"),
        }
        forecast = _(
            "Forecast for %(year)s by a straight-line trend: %(value)s%(band)s; %(verdict)s."
        ) % {
            "year": format_fiscal_year(ahead.target_year, language),
            "value": value,
            "band": band,
            "verdict": verdicts[ahead.reaches_target],
        }
    latest = part.latest
    summary = _("Baseline %(baseline)s in %(start)s, target %(target)s in %(end)s.") % {
        "baseline": shown(part.series.baseline_value),
        "start": format_fiscal_year(method.baseline_year, language),
        "target": shown(part.series.target_value),
        "end": format_fiscal_year(method.target_year, language),
    }
    if latest is not None:
        words = progress.reason(latest)
        summary += " " + _("Latest actual %(value)s in %(year)s: %(status)s, %(reason)s") % {
            "value": shown(latest.value),
            "year": format_fiscal_year(latest.fiscal_year, language),
            "status": status_name(latest.status),
            "reason": pick(words.ja, words.en),
        }
    else:
        summary += " " + _("No published actual yet.")
    return SeriesView(part, svg(spec), title, summary, rows, forecast, earlier)


def _after_baseline(part: SeriesProgress) -> list[Any]:
    return [o for o in part.actuals if o.fiscal_year > part.series.baseline_year]


def _indicator(org: str, plan: str, version: str, code: str) -> tuple[Any, Any, Indicator]:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    indicator = (
        indicator_queries.indicators().filter(measure__version=version_obj, code=code).first()
    )
    if indicator is None:
        raise Http404
    return plan_obj, version_obj, indicator


def indicator_page(
    request: HttpRequest, org: str, plan: str, version: str, code: str
) -> HttpResponse:
    plan_obj, version_obj, indicator = _indicator(org, plan, version, code)
    result: IndicatorProgress = assess_indicator(indicator)
    several = len(result.series) > 1
    latest = result.latest
    words = progress.reason(latest)
    updated = max([indicator.updated_at, *(o.updated_at for s in result.series for o in s.actuals)])
    earlier = _earlier(indicator)
    alone = len(result.series) == 1
    views = [
        _series_view(
            indicator, part, several, earlier.for_series(part.series, alone) if earlier else None
        )
        for part in result.series
    ]
    successors = [(old, indicator_url(old)) for old in indicator_queries.successors(indicator.pk)]
    grade = pick(result.grade.label_ja, result.grade.label_en) if result.grade else ""
    return render(
        request,
        "portal/indicator.html",
        {
            "plan": plan_obj,
            "shape": queries.plan_shape(plan_obj),
            "version": version_obj,
            "indicator": indicator,
            "result": result,
            "status": result.status,
            "status_name": status_name(result.status),
            # a status no grade of the plan's scale is given to shows as the status itself
            "grade": grade or status_name(result.status),
            "graded": bool(grade) and grade != status_name(result.status),
            "reason": pick(words.ja, words.en),
            "rules": rule_lines(result.scale, result.method),
            "method_text": method_text(result),
            "overall_text": overall_text(result),
            "scale_name": "" if result.scale is progress.DEFAULT_GRADES else result.scale.name,
            "fallback": [
                v for v in views if v.part.method and v.part.method.method != result.method
            ],
            "series": views,
            "earlier": earlier,
            "successors": successors,
            "sample": any(o.sample for part in result.series for o in part.actuals),
            "updated": updated,
        },
    )


def _records(result: IndicatorProgress, earlier: Earlier | None = None) -> list[dict[str, Any]]:
    """The indicator's figures with their assessment, one per series and year (downloads);
    then those of the previous plan's indicator it continues, marked `earlier` and left
    unassessed (they do not count towards this indicator's status)."""
    indicator = result.indicator
    version = indicator.measure.version.slug
    out = []
    for part in result.series:
        assessed = {a.fiscal_year: a for a in part.assessments}
        for observation in part.actuals:
            a = assessed.get(observation.fiscal_year)
            out.append(
                _record(indicator, version, part.series, observation, False)
                | {
                    "assessed_value": ratio(a.value) if a else None,
                    "achievement": ratio(a.achievement) if a else None,
                    "elapsed": ratio(a.elapsed) if a else None,
                    "pace": ratio(a.pace) if a else None,
                    "status": str(a.status) if a else None,
                }
            )
    if earlier is not None:
        old = earlier.indicator
        for old_part in earlier.series:
            for observation in published_actuals(old_part.series):
                out.append(
                    _record(old, earlier.version.slug, old_part.series, observation, True)
                    | dict.fromkeys(("assessed_value", "achievement", "elapsed", "pace", "status"))
                )
    columns = [*_record_columns(), "assessed_value", "achievement", "elapsed", "pace", "status"]
    columns += ["baseline", "baseline_year", "target", "target_year", "unit"]
    return [{name: record[name] for name in columns} for record in out]


def _record_columns() -> list[str]:
    return [
        "indicator",
        "version",
        "earlier",
        "series",
        "fiscal_year",
        "value",
        "lower",
        "upper",
        "provisional",
        "sample",
    ]


def _record(
    indicator: Indicator, version: str, series: Series, observation: Any, earlier: bool
) -> dict[str, Any]:
    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(published(value, indicator.decimals))

    return {
        "indicator": indicator.code,
        "version": version,
        "earlier": earlier,  # a figure of the previous plan's indicator, for reference
        "series": series.key,
        "fiscal_year": observation.fiscal_year,
        "value": number(observation.value),
        "lower": number(observation.lower),
        "upper": number(observation.upper),
        "provisional": observation.provisional,
        "sample": observation.sample,
        "baseline": number(series.baseline_value),
        "baseline_year": series.baseline_year,
        "target": number(series.target_value),
        "target_year": series.target_year,
        "unit": indicator.unit,
    }


def indicator_data(
    request: HttpRequest, org: str, plan: str, version: str, code: str, format: str
) -> HttpResponse:
    """The indicator's published figures and their assessment as CSV (UTF-8 with a BOM, so
    that Excel opens it in Japanese) or JSON."""
    if format not in ("csv", "json"):
        raise Http404
    _, version_obj, indicator = _indicator(org, plan, version, code)
    result = assess_indicator(indicator)
    earlier = _earlier(indicator)
    records = _records(result, earlier)
    name = f"{org}-{plan}-{version_obj.slug}-{indicator.code}"
    if format == "json":
        body = {
            "indicator": f"{org}/{plan}/{version_obj.slug}/{indicator.code}",
            "sample": any(r["sample"] for r in records),
            "status": str(result.status),
            "continues": f"{org}/{plan}/{earlier.version.slug}/{earlier.indicator.code}"
            if earlier
            else None,
            "observations": records,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
        )
    else:
        buffer = io.StringIO()
        columns = list(records[0]) if records else _record_columns()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    return response
