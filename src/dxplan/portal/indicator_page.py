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
from django.utils.translation import gettext as _

from dxplan.bilingual import current_language, pick
from dxplan.charts import indicator as chart
from dxplan.charts.render import svg
from dxplan.core import progress
from dxplan.core.fiscal_year import format_fiscal_year, format_fiscal_year_short
from dxplan.core.numbers import published
from dxplan.indicators.models import Indicator
from dxplan.indicators.progress import (
    IndicatorProgress,
    SeriesProgress,
    assess_indicator,
    core_series,
)
from dxplan.plans import queries


@dataclass(frozen=True)
class Row:
    """One line of a series' data table."""

    year: int
    what: str
    value: str
    interval: str
    achievement: str
    pace: str
    status: str


@dataclass(frozen=True)
class SeriesView:
    part: SeriesProgress
    svg: str
    title: str
    summary: str
    rows: list[Row]
    forecast: str


def status_name(code: progress.Status) -> str:
    ja, en = progress.STATUS_NAMES[code]
    return pick(ja, en)


def rule_lines(scale: progress.GradeScale) -> list[tuple[str, str]]:
    """The grading rule in words, grade by grade, as the page prints it."""
    rules = {
        progress.Status.ACHIEVED: _("achievement p ≥ 100%"),
        progress.Status.DETERIORATING: _("achievement p < 0% (worse than the baseline)"),
        progress.Status.ON_TRACK: _("pace r = p ÷ elapsed time ≥ 0.95"),
        progress.Status.ACCELERATION_NEEDED: _("0.6 ≤ pace r < 0.95"),
        progress.Status.LIMITED_PROGRESS: _("pace r < 0.6"),
        progress.Status.UNCERTAIN: _("the ends of the value's interval give different statuses"),
        progress.Status.NO_DATA: _("no published actual after the baseline year"),
    }
    lines = []
    for grade in scale.grades:
        parts = [rules[s] for s in grade.statuses]
        if grade.at_least is not None:
            parts.append(
                _("achievement p ≥ %(share)s%%") % {"share": progress.percent(grade.at_least)}
            )
        lines.append((pick(grade.label_ja, grade.label_en), _(" or ").join(parts)))
    return lines


def _year_labels(method: progress.Series, part: SeriesProgress) -> dict[int, str]:
    language = current_language()
    last = max([method.target_year, *(a.fiscal_year for a in part.assessments)])
    return {y: format_fiscal_year_short(y, language) for y in range(method.baseline_year, last + 1)}


def _series_view(indicator: Indicator, part: SeriesProgress, several: bool) -> SeriesView:
    method = core_series(indicator, part.series)
    places = indicator.decimals
    unit = indicator.unit if current_language() == "ja" else (indicator.unit_en or indicator.unit)
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
    spec = chart.series_chart(
        method, part.assessments, part.forecast, labels, _year_labels(method, part)
    )

    def shown(value: Any) -> str:
        number = value if isinstance(value, Decimal) else progress.as_decimal(value)
        return f"{published(number, places)}{'' if unit in ('%', '％') else ' '}{unit}".strip()

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
                f"{float(assessment.pace):.2f}",
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
    return SeriesView(part, svg(spec), title, summary, rows, forecast)


def _after_baseline(part: SeriesProgress) -> list[Any]:
    return [o for o in part.actuals if o.fiscal_year > part.series.baseline_year]


def _indicator(org: str, plan: str, version: str, code: str) -> tuple[Any, Any, Indicator]:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    indicator = queries.indicators().filter(measure__version=version_obj, code=code).first()
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
            "grade": pick(result.grade.label_ja, result.grade.label_en) if result.grade else "",
            "reason": pick(words.ja, words.en),
            "rules": rule_lines(result.scale),
            "series": [_series_view(indicator, part, several) for part in result.series],
            "sample": any(o.sample for part in result.series for o in part.actuals),
            "updated": updated,
        },
    )


def _records(result: IndicatorProgress) -> list[dict[str, Any]]:
    """The indicator's figures with their assessment, one per series and year (downloads)."""
    indicator = result.indicator
    out = []
    for part in result.series:
        assessed = {a.fiscal_year: a for a in part.assessments}

        def number(value: Decimal | None) -> str | None:
            return None if value is None else str(published(value, indicator.decimals))

        for observation in part.actuals:
            a = assessed.get(observation.fiscal_year)
            out.append(
                {
                    "indicator": indicator.code,
                    "series": part.series.key,
                    "fiscal_year": observation.fiscal_year,
                    "value": number(observation.value),
                    "lower": number(observation.lower),
                    "upper": number(observation.upper),
                    "provisional": observation.provisional,
                    "sample": observation.sample,
                    "assessed_value": progress.as_float(a.value) if a else None,
                    "achievement": progress.as_float(a.achievement) if a else None,
                    "elapsed": progress.as_float(a.elapsed) if a else None,
                    "pace": progress.as_float(a.pace) if a else None,
                    "status": str(a.status) if a else None,
                    "baseline": number(part.series.baseline_value),
                    "baseline_year": part.series.baseline_year,
                    "target": number(part.series.target_value),
                    "target_year": part.series.target_year,
                    "unit": indicator.unit,
                }
            )
    return out


def indicator_data(
    request: HttpRequest, org: str, plan: str, version: str, code: str, format: str
) -> HttpResponse:
    """The indicator's published figures and their assessment as CSV (UTF-8 with a BOM, so
    that Excel opens it in Japanese) or JSON."""
    if format not in ("csv", "json"):
        raise Http404
    _, version_obj, indicator = _indicator(org, plan, version, code)
    result = assess_indicator(indicator)
    records = _records(result)
    name = f"{org}-{plan}-{version_obj.slug}-{indicator.code}"
    if format == "json":
        body = {
            "indicator": f"{org}/{plan}/{version_obj.slug}/{indicator.code}",
            "sample": any(r["sample"] for r in records),
            "status": str(result.status),
            "observations": records,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
        )
    else:
        buffer = io.StringIO()
        columns = list(records[0]) if records else ["indicator", "series", "fiscal_year", "value"]
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    return response
