from __future__ import annotations

from ninja import Schema

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
    unit: str
    decimals: int
    direction: str
    kind: str
    definition: Definition
    survey_question: str | None
    series: list[SeriesOut]
    note: str
    url: str
