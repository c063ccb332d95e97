from __future__ import annotations

from typing import Literal

from ninja import Field

from .common import ATTRIBUTION_DESCRIPTION, Attribution, DepartmentOut, Record, Text


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


class SeriesOut(Record):
    key: str
    name: Text
    baseline: Point
    target: Point
    observations: list[ObservationOut]


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
    note: str
    url: str
