"""The plan-file format (docs/plan-format.md) as pydantic models: shape and field types only.

Rules that span several records or files live in `planfiles.py`.
"""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.core.numbers import check_storable, parse_decimal


def _bilingual(parse):  # type: ignore[no-untyped-def]
    """Wrap a core parser so its Japanese and English messages reach the error report."""

    def validate(value: Any) -> Any:
        try:
            return parse(value)
        except BilingualError as error:
            raise PydanticCustomError("dxplan", "{en}", {"ja": error.ja, "en": error.en}) from None

    return validate


FiscalYear = Annotated[int, BeforeValidator(_bilingual(parse_fiscal_year))]
Number = Annotated[
    Decimal, BeforeValidator(_bilingual(lambda value: check_storable(parse_decimal(value))))
]
# Codes appear in URLs and in identifiers such as measure/1-1, so no slashes or spaces.
Code = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=50)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(Strict):
    """A text in Japanese, with English where given."""

    ja: str = Field(min_length=1)
    en: str = ""


class ShortText(Text):
    """A text stored in a 500-character column (departments, methods, sources)."""

    ja: str = Field(min_length=1, max_length=500)
    en: str = Field(default="", max_length=500)


class Name(Strict):
    """A name: both languages are required."""

    ja: str = Field(min_length=1, max_length=500)
    en: str = Field(min_length=1, max_length=500)


class Period(Strict):
    start: FiscalYear
    end: FiscalYear

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError(
                "dxplan",
                "{en}",
                {
                    "ja": "終了年度が開始年度より前です。",
                    "en": "The end year is before the start year.",
                },
            )
        return self


class Organisation(Strict):
    code: Annotated[str, Field(pattern=r"^\d{6}$")]
    slug: Slug | None = None
    name: Name


class PlanInfo(Strict):
    slug: Slug
    name: Name
    period: Period
    purpose: Text | None = None
    position: Text | None = None
    background: Text | None = None
    concept: Text | None = None
    concept_text: Text | None = None
    note: str = ""


class Domain(Strict):
    code: Code
    name: Name
    description: Text | None = None


class VersionInfo(Strict):
    slug: Slug
    name: Name
    period: Period
    status: Literal["draft", "public", "archived"]
    note: str = ""


class PlanFile(Strict):
    organisation: Organisation
    plan: PlanInfo
    domains: list[Domain] = []
    versions: list[VersionInfo] = Field(min_length=1)


class Observation(Strict):
    year: FiscalYear
    value: Number
    lower: Number | None = None
    upper: Number | None = None
    source: ShortText | None = None
    note: str = ""


class Point(Strict):
    value: Number
    year: FiscalYear


class Series(Strict):
    key: Slug
    name: Name
    baseline: Point
    target: Point
    observations: list[Observation] = []


class Definition(Strict):
    counted: Text | None = None
    source: Text | None = None
    calculation: Text | None = None
    frequency: ShortText | None = None
    department: ShortText | None = None


class Indicator(Strict):
    code: Code
    name: Name
    goal: Text | None = None
    unit: Annotated[str, Field(min_length=1, max_length=20)]
    unit_en: Annotated[str, Field(max_length=40)] = ""  # e.g. "visits" for 件; empty: as published
    direction: Literal["increase", "decrease"]
    kind: Literal["level", "cumulative"]
    definition: Definition = Definition()
    survey_question: str | None = None
    # Positions (from 0) of the question's options whose shares add up to the baseline.
    survey_options: list[Annotated[int, Field(ge=0)]] = []
    series: list[Series] = Field(min_length=1)
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _values_in_unit(cls, data: Any) -> Any:
        """Let values carry the indicator's unit ("45,161件", "36.3%")."""
        if not isinstance(data, dict) or not isinstance(data.get("unit"), str):
            return data
        unit = data["unit"]

        def strip(point: Any) -> Any:
            if isinstance(point, dict) and isinstance(point.get("value"), str):
                with suppress(BilingualError):  # else left for the field validator to report
                    point["value"] = parse_decimal(point["value"], unit)
            return point

        for series in data.get("series") or []:
            if isinstance(series, dict):
                strip(series.get("baseline"))
                strip(series.get("target"))
                for observation in series.get("observations") or []:
                    strip(observation)
        return data


class Evaluation(Strict):
    phase: Period
    achievements: Text
    challenges: Text
    note: str = ""


NodeKind = Literal["domain", "field", "vision", "policy", "measure", "initiative"]


class Node(Strict):
    kind: NodeKind
    code: Code
    name: Name | None = None
    description: Text | None = None
    department: ShortText | None = None
    evaluation: Evaluation | None = None
    indicators: list[Indicator] = []
    children: list[Node] = []
    note: str = ""


class VersionFile(Strict):
    nodes: list[Node] = Field(min_length=1)
    note: str = ""


class Link(Strict):
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    relation: Literal["continued", "renamed", "merged", "split", "new", "retired"]
    note: Text | None = None


class MappingFile(Strict):
    from_: Slug = Field(alias="from")
    to: Slug
    links: list[Link] = Field(min_length=1)
    note: str = ""


class Option(Strict):
    label: Name
    count: Annotated[int, Field(ge=0)]
    published: Number


class Question(Strict):
    key: Slug
    text: Text
    type: Literal["single", "multiple"]
    base: Annotated[int, Field(gt=0)]
    base_note: Text | None = None
    published_as: Literal["percent", "count"]
    summary: Text | None = None
    options: list[Option] = Field(min_length=1)
    note: str = ""


class Survey(Strict):
    key: Slug
    title: Name
    fiscal_year: FiscalYear
    fieldwork: ShortText | None = None
    method: ShortText | None = None
    distributed: Annotated[int, Field(gt=0)] | None = None
    valid_responses: Annotated[int, Field(gt=0)]
    published_response_rate: Number | None = None
    questions: list[Question] = []
    note: str = ""


class SurveysFile(Strict):
    surveys: list[Survey]
    note: str = ""


class Trend(Strict):
    field: Code
    national: list[Text] = []
    technologies: list[Text] = []
    outlook_2030: Text
    note: str = ""


class TrendsFile(Strict):
    trends: list[Trend]
    note: str = ""


class ScheduleItem(Strict):
    quarter: Annotated[int, Field(ge=1, le=4)]
    quarter_end: Annotated[int, Field(ge=1, le=4)] | None = None
    name: Name
    note: str = ""


class Track(Strict):
    name: Name
    items: list[ScheduleItem] = []
    note: str = ""


class ScheduleFile(Strict):
    fiscal_year: FiscalYear
    tracks: list[Track]
    note: str = ""
