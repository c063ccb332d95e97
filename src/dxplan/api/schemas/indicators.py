from __future__ import annotations

from typing import Literal

from ninja import Field

from dxplan.core.progress import Status

from .common import ATTRIBUTION_DESCRIPTION, Attribution, DepartmentOut, Record, Text

STATUS_DESCRIPTION = (
    "The status by the method of docs/indicator-method.md: achieved, on_track, "
    "acceleration_needed, limited_progress, deteriorating, uncertain (the ends of the value's "
    "interval give different statuses) or no_data (no published actual after the baseline year)."
)


class ObservationOut(Record):
    fiscal_year: int
    value: int | float
    lower: int | float | None
    upper: int | float | None
    source: Text
    provisional: bool = Field(description="A preliminary figure (速報値), to be confirmed.")
    note: str
    analysis: Text = Field(description="The factors behind the figure (要因分析).")
    sample: bool = Field(
        description="Sample data, not real: a fictitious figure loaded for a demonstration."
    )


class Point(Record):
    value: int | float
    fiscal_year: int


class AssessmentOut(Record):
    """One fiscal year's published actual against the series (as `dxplan progress assess
    --format json` prints it)."""

    fiscal_year: int
    value: float = Field(
        description="The value assessed, in the indicator's unit: the running total (baseline "
        "plus every actual so far) for a cumulative indicator."
    )
    achievement: float | None = Field(
        description="(value − baseline) / (target − baseline): 0 at the baseline, 1 at the target."
    )
    elapsed: float = Field(description="The share of the years from baseline to target gone by.")
    pace: float | None = Field(
        description="achievement / elapsed (the growth-rate ratio for the cagr method); null "
        "when it is not a finite number."
    )
    status: Status = Field(description=STATUS_DESCRIPTION)
    candidates: list[Status] = Field(
        description="When uncertain: the statuses at the ends of the interval; else []."
    )
    interval: list[float] | None = Field(
        description="The value's interval [lower, upper] as assessed (moved with a cumulative "
        "total), or null.",
        min_length=2,
        max_length=2,
    )


class ForecastOut(Record):
    """A least-squares line through the baseline and the assessed values, at the target year."""

    fiscal_year: int = Field(description="The target year the line is read at.")
    value: float | None
    lower: float | None = Field(description="80 % prediction interval, from three points on.")
    upper: float | None
    points: int = Field(description="Points the line goes through, the baseline included.")
    reaches_target: Literal["likely", "unlikely", "uncertain"]
    slope_per_year: float | None


class SeriesOut(Record):
    key: str
    name: Text
    baseline: Point
    target: Point
    observations: list[ObservationOut]
    assessments: list[AssessmentOut] = Field(
        description="Each published actual after the baseline year, assessed, in year order."
    )
    status: Status = Field(description="The status of the latest assessment. " + STATUS_DESCRIPTION)
    forecast: ForecastOut | None = Field(description="Null without an assessed actual.")


class GradeOut(Record):
    label_ja: str
    label_en: str


class Definition(Record):
    counted: Text
    source: Text
    calculation: Text
    frequency: Text
    attribution: Attribution = Field(
        description=ATTRIBUTION_DESCRIPTION + " Applies to counted, source, calculation, frequency."
    )
    department: DepartmentOut


class IndicatorOut(Record):
    id: str
    code: str
    plan: str
    version: str
    node: str = Field(description="Id (kind/code) of the node that carries the indicator.")
    measure: str = Field(description="Code of the node that carries the indicator.")
    field: str | None = Field(description="Code of the field above that node, if any.")
    name: Text
    goal: Text
    unit: str = Field(description="The unit as published, e.g. % or 件.")
    unit_en: str = Field(description="The unit in English where given, e.g. visits.")
    decimals: int = Field(description="Decimal places the values are published with.")
    direction: Literal["increase", "decrease"]
    kind: Literal["level", "cumulative"]
    definition: Definition
    survey_question: str | None = Field(
        description="The survey question behind the baseline: survey/question."
    )
    survey_options: list[int] = Field(
        description="Positions (from 0) of that question's options whose shares make the baseline."
    )
    series: list[SeriesOut]
    status: Status = Field(
        description="The indicator's overall status from its series' (by default the worst). "
        + STATUS_DESCRIPTION
    )
    grade: GradeOut | None = Field(
        description="The grade the plan's grade scale gives that status, or null when none does."
    )
    note: str
    url: str
