from __future__ import annotations

from typing import Literal

from ninja import Schema

from .common import Text


class OptionOut(Schema):
    code: str
    label: Text
    count: int
    share: float
    published: float


class QuestionOut(Schema):
    id: str
    key: str
    text: Text
    type: Literal["single", "multiple"]
    base: int
    base_note: Text
    published_as: Literal["percent", "count"]
    summary: Text
    options: list[OptionOut]
    indicators: list[str]


class SurveyOut(Schema):
    id: str
    key: str
    title: Text
    fiscal_year: int
    fieldwork: Text
    method: Text
    distributed: int | None
    valid_responses: int
    response_rate: float | None
    questions: list[QuestionOut]
