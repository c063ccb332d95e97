"""The plan-file format (docs/plan-format.md) as pydantic models: shape and field types only.

Rules that span several records or files live in `planfiles.py`, which applies the plan's rules
written once in `dxplan.core.plan_rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.core.numbers import UnitMismatch, check_storable, parse_decimal


def _bilingual(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap a core parser so its Japanese and English messages reach the error report."""

    def validate(value: Any) -> Any:
        try:
            return parse(value)
        except BilingualError as error:
            raise PydanticCustomError("dxplan", "{en}", {"ja": error.ja, "en": error.en}) from None

    return validate


class _Refused:
    """Stands in for a value a model validator refused, so the error lands on the value itself."""

    def __init__(self, error: BilingualError) -> None:
        self.error = error


def _number(value: Any) -> Decimal:
    if isinstance(value, _Refused):
        raise value.error
    return check_storable(parse_decimal(value))


FiscalYear = Annotated[int, BeforeValidator(_bilingual(parse_fiscal_year))]
Number = Annotated[Decimal, BeforeValidator(_bilingual(_number))]
# Codes appear in URLs and in identifiers such as measure/1-1, so no slashes or spaces.
Code = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=50)]


COUNT_UNITS = "件人票社者名回"


def _count(value: Any) -> Any:
    """A count as documents print it: 1,008 / "512件" / "１，００８人"."""
    number = value
    if isinstance(value, str):
        text = value.strip().rstrip(COUNT_UNITS).strip()
        number = parse_decimal(text) if text else value
        if not isinstance(number, Decimal) or number != number.to_integral_value():
            raise BilingualError(
                f"「{value}」は件数（整数）として読めません。", f"'{value}' is not a whole count."
            )
        number = int(number)
    if isinstance(number, int | float) and not isinstance(number, bool) and number < 0:
        raise BilingualError(f"件数 {value} が負の数です。", f"The count {value} is negative.")
    return number


def _share(value: Any) -> Decimal:
    """A published figure, with or without its percent sign ("40.5%", "４２．１％")."""
    return check_storable(parse_decimal(value, "%" if isinstance(value, str) else None))


Count = Annotated[int, BeforeValidator(_bilingual(_count)), Field(ge=0)]
PositiveCount = Annotated[int, BeforeValidator(_bilingual(_count)), Field(gt=0)]
Share = Annotated[Decimal, BeforeValidator(_bilingual(_share))]
Attribution = Literal["city", "editors"]


class Rename(BaseModel):
    """`rename: {from: old-key}` keeps a record (and what hangs under it) when its key changes."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: Annotated[str, Field(alias="from", min_length=1, max_length=80)]


class Strict(BaseModel):
    # Lists and models default through default_factory: a fresh one each, as a `= []` default would
    # be, but without pydantic deep-copying the default for every record (a large plan has tens of
    # thousands).
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


class DepartmentRef(ShortText):
    """An owning department (所管課); `attribution: editors` where the city did not name it.
    `code` (optional) identifies it for good: a department renamed in the files with the same
    code is the same department, and keeps its members."""

    attribution: Attribution = "city"
    code: Slug | None = None


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
    vision_year: Annotated[int, Field(ge=1900, le=2200)] | None = None
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


class Level(Strict):
    """One level of the plan's tree, as the city names it."""

    code: Code
    name: Name
    parents: list[Code] = Field(default_factory=list)
    page: bool = False
    indicators: bool = False


class GradeRule(Strict):
    """One grade of the plan's scale: its labels, and the statuses it is given to and/or the
    lowest achievement p it needs, in percent (`at_least: 80%`)."""

    label: Name
    statuses: list[str] = Field(default_factory=list)
    at_least: Share | None = None
    note: str = ""


class Progress(Strict):
    """How the plan grades its indicators (docs/indicator-method.md, "Grades")."""

    name: Annotated[str, Field(max_length=100)] = ""
    grades: list[GradeRule] = Field(default_factory=list)
    overall: Literal["worst", "mean_pace"] = "worst"
    note: str = ""


class PlanFile(Strict):
    organisation: Organisation
    plan: PlanInfo
    progress: Progress | None = None
    levels: list[Level] = Field(default_factory=list)
    domains: list[Domain] = Field(default_factory=list)
    versions: list[VersionInfo] = Field(min_length=1)


class Pending(Strict):
    """A published figure's correction under way in the reporting workflow (core/workflow.py),
    as `dxplan dump` writes it so that a dump loads back with nothing entered lost."""

    value: Number
    lower: Number | None = None
    upper: Number | None = None
    source: ShortText | None = None
    provisional: bool = False
    note: str = ""
    analysis: Text | None = None
    state: Literal["draft", "submitted", "sent_back", "approved"] = "draft"
    reason: str = ""  # why it was sent back


class Observation(Strict):
    year: FiscalYear
    value: Number
    lower: Number | None = None
    upper: Number | None = None
    source: ShortText | None = None
    provisional: bool = False  # 速報値
    state: Literal["draft", "submitted", "sent_back", "approved", "published", "withdrawn"] = (
        "published"
    )
    note: str = ""
    analysis: Text | None = None  # 要因分析
    pending: Pending | None = None

    @model_validator(mode="after")
    def _pending_of_a_published_figure(self) -> Observation:
        if self.pending is not None and self.state != "published":
            raise PydanticCustomError(
                "dxplan",
                "{en}",
                {
                    "ja": "pending（公表待ちの訂正）は公表済み（state: published）の実績にだけ"
                    "書けます。未公表の実績は、その値と state が作業中の内容です。",
                    "en": "pending (a correction under way) belongs to a published figure only "
                    "(state: published): a figure not yet published is itself what is under way.",
                },
            )
        return self


class Point(Strict):
    value: Number
    year: FiscalYear


class Series(Strict):
    key: Slug
    rename: Rename | None = None
    name: Name
    baseline: Point
    target: Point
    observations: list[Observation] = Field(default_factory=list)


class Definition(Strict):
    counted: Text | None = None
    source: Text | None = None
    calculation: Text | None = None
    frequency: ShortText | None = None
    department: DepartmentRef | None = None
    attribution: Attribution = "city"


class Indicator(Strict):
    code: Code
    rename: Rename | None = None
    name: Name
    goal: Text | None = None
    unit: Annotated[str, Field(min_length=1, max_length=20)]
    unit_en: Annotated[str, Field(max_length=40)] = ""  # e.g. "visits" for 件; empty: as published
    direction: Literal["increase", "decrease"]
    kind: Literal["level", "cumulative"]
    definition: Definition = Field(default_factory=Definition)
    survey_question: str | None = None
    # Codes of the question's options whose shares add up to the baseline.
    survey_options: list[Slug] = Field(default_factory=list)
    method: Literal["linear", "cagr"] = "linear"
    # for an indicator of several series; None: the plan's `progress.overall`
    overall: Literal["worst", "mean_pace"] | None = None
    # the indicator of an earlier version this one carries on: CODE (the previous version) or
    # VERSION/CODE
    continues: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    series: list[Series] = Field(min_length=1)
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _values_in_unit(cls, data: Any) -> Any:
        """Let values carry the indicator's unit ("45,161件", "36.3%"); another unit is refused
        on the value, naming both units."""
        if not isinstance(data, dict) or not isinstance(data.get("unit"), str):
            return data
        unit = data["unit"]

        def strip(point: Any, keys: tuple[str, ...] = ("value",)) -> None:
            if not isinstance(point, dict):
                return
            for key in keys:
                written = point.get(key)
                if not isinstance(written, str):
                    continue
                try:
                    point[key] = parse_decimal(written, unit)
                except UnitMismatch as mismatch:
                    point[key] = _Refused(
                        BilingualError(
                            f"「{written}」の単位「{mismatch.found}」が指標の単位「{unit}」と"
                            "一致しません。",
                            f"'{written}': unit {mismatch.found} does not match the indicator's "
                            f"unit {unit}.",
                        )
                    )
                except BilingualError:  # left for the field validator to report
                    pass

        series_list = data.get("series")
        for series in series_list if isinstance(series_list, list) else []:
            if isinstance(series, dict):
                strip(series.get("baseline"))
                strip(series.get("target"))
                observations = series.get("observations")
                for observation in observations if isinstance(observations, list) else []:
                    strip(observation, ("value", "lower", "upper"))
        return data


class Evaluation(Strict):
    phase: Period
    achievements: Text
    challenges: Text | None = None  # a measure that met its goal may have none
    note: str = ""


class Node(Strict):
    kind: Code  # a level of the plan (plan.yaml `levels`, or the six default levels)
    code: Code
    rename: Rename | None = None
    name: Name | None = None
    description: Text | None = None
    department: DepartmentRef | None = None
    evaluation: Evaluation | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    children: list[Node] = Field(default_factory=list)
    note: str = ""


class VersionFile(Strict):
    nodes: list[Node] = Field(min_length=1)
    note: str = ""


class Link(Strict):
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    relation: Literal["continued", "renamed", "merged", "split", "new", "retired"]
    note: Text | None = None
    attribution: Attribution = "city"  # whose reasoning the note is


class MappingFile(Strict):
    from_: Slug = Field(alias="from")
    to: Slug
    links: list[Link] = Field(min_length=1)
    note: str = ""


class Option(Strict):
    code: Slug
    rename: Rename | None = None
    label: Name
    count: Count
    published: Share


class Question(Strict):
    key: Slug
    rename: Rename | None = None
    text: Text
    type: Literal["single", "multiple"]
    base: PositiveCount
    base_note: Text | None = None
    published_as: Literal["percent", "count"]
    summary: Text | None = None
    options: list[Option] = Field(min_length=1)
    note: str = ""


class Survey(Strict):
    key: Slug
    rename: Rename | None = None
    title: Name
    fiscal_year: FiscalYear
    fieldwork: ShortText | None = None
    method: ShortText | None = None
    distributed: PositiveCount | None = None
    valid_responses: PositiveCount
    published_response_rate: Share | None = None
    questions: list[Question] = Field(default_factory=list)
    note: str = ""


class SurveysFile(Strict):
    surveys: list[Survey]
    note: str = ""


class Trend(Strict):
    field: Code
    national: list[Text] = Field(default_factory=list)
    technologies: list[Text] = Field(default_factory=list)
    outlook: Text = Field(validation_alias=AliasChoices("outlook", "outlook_2030"))
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
    items: list[ScheduleItem] = Field(default_factory=list)
    note: str = ""


class ScheduleFile(Strict):
    fiscal_year: FiscalYear
    tracks: list[Track]
    note: str = ""
