from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from .common import Text


class ObservationOut(Schema):
    fiscal_year: int
    value: int | float
    lower: int | float | None
    upper: int | float | None
    source: Text
    note: str


class Point(Schema):
    value: int | float
    fiscal_year: int


class SeriesOut(Schema):
    key: str
    name: Text
    baseline: Point
    target: Point
    observations: list[ObservationOut]


class Definition(Schema):
    counted: Text
    source: Text
    calculation: Text
    frequency: Text
    department: Text


class IndicatorOut(Schema):
    id: str
    code: str
    plan: str
    version: str
    measure: str
    field: str | None
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
