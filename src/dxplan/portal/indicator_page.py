"""Each indicator's own page and its data downloads: status and grade with the reason in words
and the rule that gave them, a chart per series with its data table, the definition. What is
shown is dxplan.figures': the public figures and their words."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from dxplan.bilingual import pick
from dxplan.core import progress
from dxplan.figures import downloads, read
from dxplan.figures.records import IndicatorFigures, IndicatorRef, VersionRef
from dxplan.figures.words import (
    earlier_text,
    method_text,
    overall_text,
    rule_lines,
    series_text,
    status_name,
)
from dxplan.plans import queries
from dxplan.plans.models import Plan, PlanVersion


def indicator_url(indicator: IndicatorFigures | IndicatorRef) -> str:
    version: VersionRef = indicator.version
    return reverse(
        "portal:indicator", args=[version.org, version.plan, version.slug, indicator.code]
    )


def _indicator(
    org: str, plan: str, version: str, code: str
) -> tuple[Plan, PlanVersion, IndicatorFigures]:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    indicator = read.indicator(version_obj, code)
    if indicator is None:
        raise Http404
    return plan_obj, version_obj, indicator


def indicator_page(
    request: HttpRequest, org: str, plan: str, version: str, code: str
) -> HttpResponse:
    plan_obj, version_obj, indicator = _indicator(org, plan, version, code)
    result = indicator.assessment
    several = len(indicator.series) > 1
    words = progress.reason(result.latest)
    earlier_record = read.earlier(indicator)
    earlier = earlier_text(earlier_record) if earlier_record else None
    alone = len(indicator.series) == 1
    views = [
        series_text(
            indicator, part, several, earlier.for_series(part.key, alone) if earlier else None
        )
        for part in indicator.series
    ]
    successors = [(later, indicator_url(later)) for later in read.successors(indicator)]
    grade = pick(result.grade.label_ja, result.grade.label_en) if result.grade else ""
    late, asked = read.overdue(indicator, timezone.localdate())
    response = render(
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
            "method_text": method_text(indicator),
            "overall_text": overall_text(indicator),
            "scale_name": "" if result.scale is progress.DEFAULT_GRADES else result.scale.name,
            "fallback": [v for v in views if v.series.method.method != result.method],
            "series": views,
            "earlier": earlier,
            "earlier_url": indicator_url(earlier_record.indicator) if earlier_record else "",
            "successors": successors,
            "sample": indicator.sample,
            "updated": indicator.updated,
            "overdue": late,
        },
    )
    if asked:  # "overdue" turns true at a midnight, not at a write: cached until the next one
        patch_cache_control(response, max_age=_until_midnight())
    return response


def _until_midnight() -> int:
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(int((midnight - now).total_seconds()), 1)


def indicator_data(
    request: HttpRequest, org: str, plan: str, version: str, code: str, format: str
) -> HttpResponse:
    """The indicator's public figures and their assessment as CSV (UTF-8 with a BOM, so that
    Excel opens it in Japanese) or JSON (dxplan.figures.downloads)."""
    if format not in ("csv", "json"):
        raise Http404
    _, _, indicator = _indicator(org, plan, version, code)
    earlier = read.earlier(indicator)
    if format == "json":
        response = HttpResponse(
            downloads.as_json(indicator, earlier), content_type="application/json"
        )
    else:
        response = HttpResponse(
            downloads.as_csv(indicator, earlier), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = (
        f'attachment; filename="{downloads.filename(indicator, format)}"'
    )
    return response
