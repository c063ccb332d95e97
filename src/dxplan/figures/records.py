"""Plain records of an indicator as the public sees it: frozen, no model instances, no query.

Built by dxplan.figures.read from what indicators.queries reads (public figures only). Texts
keep both languages (`name_ja`, `name_en`); `name` and its kind give the active language's,
falling back to Japanese as the models do (bilingual.pick).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from dxplan.bilingual import pick
from dxplan.core import progress


@dataclass(frozen=True)
class VersionRef:
    """The plan version an indicator belongs to."""

    pk: int
    org: str  # the organisation's slug
    plan: str  # the plan's slug
    slug: str
    name_ja: str
    name_en: str
    start_year: int
    end_year: int

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    @property
    def plan_id(self) -> str:
        return f"{self.org}/{self.plan}"


@dataclass(frozen=True)
class NodeRef:
    """The node of the plan's tree that carries an indicator (a measure)."""

    pk: int
    kind: str
    code: str
    name_ja: str
    name_en: str

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.code}"

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)


@dataclass(frozen=True)
class Department:
    name_ja: str
    name_en: str

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)


@dataclass(frozen=True)
class QuestionRef:
    """The survey question behind an indicator's baseline."""

    survey: str  # the survey's key
    key: str
    survey_title_ja: str
    survey_title_en: str
    text_ja: str
    text_en: str

    @property
    def id(self) -> str:
        return f"{self.survey}/{self.key}"

    @property
    def survey_title(self) -> str:
        return pick(self.survey_title_ja, self.survey_title_en)

    @property
    def text(self) -> str:
        return pick(self.text_ja, self.text_en)


@dataclass(frozen=True)
class Figure:
    """A public yearly figure of a series."""

    fiscal_year: int
    value: Decimal
    lower: Decimal | None
    upper: Decimal | None
    source_ja: str
    source_en: str
    provisional: bool
    note: str
    analysis_ja: str  # 要因分析: the factors behind the figure
    analysis_en: str
    sample: bool  # a fictitious figure for demonstrations
    updated_at: datetime

    @property
    def source(self) -> str:
        return pick(self.source_ja, self.source_en)

    @property
    def analysis(self) -> str:
        return pick(self.analysis_ja, self.analysis_en)


@dataclass(frozen=True)
class SeriesFigures:
    """A series with its public figures in year order and their assessment by the method."""

    key: str
    name_ja: str
    name_en: str
    baseline_value: Decimal
    baseline_year: int
    target_value: Decimal
    target_year: int
    figures: tuple[Figure, ...]
    method: progress.Series  # as assessed: the growth rate may fall back to linear
    assessments: tuple[progress.Assessment, ...]  # one per figure after the baseline year
    forecast: progress.Forecast | None

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    @property
    def assessed(self) -> tuple[Figure, ...]:
        """The figures after the baseline year: those assessed, in the order of `assessments`."""
        return tuple(f for f in self.figures if f.fiscal_year > self.baseline_year)

    @property
    def latest(self) -> progress.Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def status(self) -> progress.Status:
        return progress.latest_status(self.assessments)

    @property
    def status_name(self) -> str:
        return pick(*progress.STATUS_NAMES[self.status])

    @property
    def latest_actual(self) -> Figure | None:
        """The latest figure after the baseline year, the one the status is of."""
        assessed = self.assessed
        return assessed[-1] if assessed else None


@dataclass(frozen=True)
class Assessment:
    """An indicator's overall status by its rule and its grade on its plan's scale."""

    status: progress.Status
    grade: progress.Grade | None
    scale: progress.GradeScale
    rule: Literal["worst", "mean_pace"]  # for several series
    method: Literal["linear", "cagr"]  # the method the indicator asks for
    latest: progress.Assessment | None  # the one the grade and the reason in words come from


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator named from another one's page (one it continues, or that continues it)."""

    pk: int
    code: str
    name_ja: str
    name_en: str
    version: VersionRef

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    @property
    def id(self) -> str:
        return f"{self.version.plan_id}/{self.version.slug}/{self.code}"


@dataclass(frozen=True)
class IndicatorFigures:
    """An indicator with its definition, its series' public figures and its assessment."""

    pk: int
    code: str
    version: VersionRef
    measure: NodeRef
    continues: int | None  # the id of the indicator of an earlier version it carries on
    name_ja: str
    name_en: str
    goal_ja: str
    goal_en: str
    unit: str
    unit_en: str
    decimals: int  # the precision values are published with
    direction: str  # increase, decrease
    kind: str  # level, cumulative
    counted_ja: str
    counted_en: str
    source_ja: str
    source_en: str
    calculation_ja: str
    calculation_en: str
    frequency_ja: str
    frequency_en: str
    definition_attribution: str
    department: Department | None
    department_attribution: str
    survey_question: QuestionRef | None  # the survey question behind the baseline
    survey_options: tuple[int, ...]  # positions of that question's options in the baseline
    note: str
    updated_at: datetime
    series: tuple[SeriesFigures, ...]
    assessment: Assessment

    @property
    def id(self) -> str:
        return f"{self.version.plan_id}/{self.version.slug}/{self.code}"

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    @property
    def goal(self) -> str:
        return pick(self.goal_ja, self.goal_en)

    @property
    def counted(self) -> str:
        return pick(self.counted_ja, self.counted_en)

    @property
    def source(self) -> str:
        return pick(self.source_ja, self.source_en)

    @property
    def calculation(self) -> str:
        return pick(self.calculation_ja, self.calculation_en)

    @property
    def frequency(self) -> str:
        return pick(self.frequency_ja, self.frequency_en)

    @property
    def sample(self) -> bool:
        """Whether any figure shown is a sample (fictitious) one."""
        return any(f.sample for s in self.series for f in s.figures)

    @property
    def updated(self) -> datetime:
        """When the indicator or one of its public figures last changed."""
        return max([self.updated_at, *(f.updated_at for s in self.series for f in s.figures)])


@dataclass(frozen=True)
class Earlier:
    """The indicator of an earlier version that an indicator continues (plan files
    `continues`), with its public figures: shown for reference, not counted."""

    indicator: IndicatorRef
    unit: str
    unit_en: str
    decimals: int
    series: tuple[SeriesFigures, ...]

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def version(self) -> VersionRef:
        return self.indicator.version

    def for_series(self, key: str, alone: bool) -> SeriesFigures | None:
        """The older series drawn beside a series: the one of the same key, or the only one
        when both indicators have a single series (`alone`)."""
        for old in self.series:
            if old.key == key:
                return old
        return self.series[0] if alone and len(self.series) == 1 else None
