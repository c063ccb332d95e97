"""An indicator series over the years: baseline, actuals with their intervals, the target, the
straight path from baseline to target, and the forecast with its 80 % band."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt

from dxplan.core import progress

WIDTH, HEIGHT = 520, 240
# Colours pass 3:1 against white (WCAG 1.4.11); each mark also differs by shape or dash.
COLOURS = {
    "actual": "#1f5fa8",
    "target": "#b3261e",
    "path": "#5f6368",
    "forecast": "#7b4fa0",
    "earlier": "#2e7d32",  # the series of the previous plan: green squares, dotted line
}


@dataclass(frozen=True)
class Labels:
    """The chart's words, in the page's language."""

    title: str
    year: str
    value: str
    baseline: str
    actual: str
    target: str


@dataclass(frozen=True)
class Earlier:
    """A series of the indicator this one continues (the previous plan's), drawn for reference:
    its baseline and published actuals as a line, its target as a hollow diamond."""

    label: str  # 前の計画（2022-2024）の系列
    points: tuple[tuple[int, float], ...]  # (fiscal year, value): baseline, then actuals
    target: tuple[int, float]


def series_chart(
    method: progress.Series,
    assessments: list[progress.Assessment],
    forecast: progress.Forecast | None,
    labels: Labels,
    year_label: dict[int, str],
    earlier: Earlier | None = None,
) -> dict[str, Any]:
    """The Vega-Lite specification of one series' chart (with the previous plan's series, when
    given; `year_label` must name its years too)."""
    points: list[dict[str, Any]] = [
        {"year": year_label[method.baseline_year], "order": method.baseline_year,
         "value": float(method.baseline), "what": labels.baseline},
        *(
            {"year": year_label[a.fiscal_year], "order": a.fiscal_year, "value": float(a.value),
             "what": labels.actual,
             "lower": float(a.interval[0]) if a.interval else None,
             "upper": float(a.interval[1]) if a.interval else None}
            for a in assessments
        ),
        {"year": year_label[method.target_year], "order": method.target_year,
         "value": float(method.target), "what": labels.target},
    ]  # fmt: skip
    years = sorted({p["order"] for p in points} | set(year_label))
    order = [year_label[y] for y in years if y in year_label]
    x = alt.X(  # every year on the axis, those without a figure too
        "year:O", title=labels.year, scale=alt.Scale(domain=order), axis=alt.Axis(labelAngle=0)
    )
    y = alt.Y("value:Q", title=labels.value, scale=alt.Scale(zero=False))
    base = alt.Chart(alt.Data(values=points))
    path = (
        alt.Chart(
            alt.Data(
                values=[
                    {"year": year_label[method.baseline_year], "value": float(method.baseline)},
                    {"year": year_label[method.target_year], "value": float(method.target)},
                ]
            )
        )
        .mark_line(strokeDash=[6, 4], color=COLOURS["path"])
        .encode(x=x, y=y)
    )
    actual_line = (
        base.transform_filter(
            alt.FieldOneOfPredicate(field="what", oneOf=[labels.baseline, labels.actual])
        )
        .mark_line(color=COLOURS["actual"], point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(x=x, y=y)
    )
    target_point = (
        base.transform_filter(alt.FieldEqualPredicate(field="what", equal=labels.target))
        .mark_point(shape="diamond", size=140, filled=True, color=COLOURS["target"])
        .encode(x=x, y=y)
    )
    layers: list[Any] = [path, actual_line, target_point]
    if earlier is not None:
        before = [
            {"year": year_label[t], "order": t, "value": v, "what": earlier.label}
            for t, v in earlier.points
        ]
        layers.insert(
            0,
            alt.Chart(alt.Data(values=before))
            .mark_line(
                color=COLOURS["earlier"],
                strokeDash=[1, 3],
                strokeWidth=2,
                point=alt.OverlayMarkDef(shape="square", size=50, filled=True),
            )
            .encode(x=x, y=y),
        )
        year, value = earlier.target
        layers.insert(
            1,
            alt.Chart(
                alt.Data(values=[{"year": year_label[year], "value": value, "what": earlier.label}])
            )
            .mark_point(shape="diamond", size=120, filled=False, color=COLOURS["earlier"])
            .encode(x=x, y=y),
        )
    if any(p.get("lower") is not None for p in points):
        layers.append(
            base.transform_filter("datum.lower != null")
            .mark_rule(color=COLOURS["actual"], strokeWidth=2)
            .encode(x=x, y="lower:Q", y2="upper:Q")
        )
    if forecast is not None and assessments:
        last = assessments[-1]
        band = [
            {"year": year_label[last.fiscal_year], "value": float(last.value),
             "lower": float(last.value), "upper": float(last.value)},
            {"year": year_label[forecast.target_year], "value": forecast.value,
             "lower": forecast.lower if forecast.lower is not None else forecast.value,
             "upper": forecast.upper if forecast.upper is not None else forecast.value},
        ]  # fmt: skip
        ahead = alt.Chart(alt.Data(values=band))
        if forecast.lower is not None:
            layers.insert(
                0,
                ahead.mark_area(opacity=0.18, color=COLOURS["forecast"]).encode(
                    x=x, y="lower:Q", y2="upper:Q"
                ),
            )
        layers.append(
            ahead.mark_line(strokeDash=[2, 3], color=COLOURS["forecast"], strokeWidth=2).encode(
                x=x, y=y
            )
        )
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=HEIGHT, title=alt.TitleParams(labels.title, anchor="start")
    )
    return chart.to_dict()
