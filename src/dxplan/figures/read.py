"""Reading the public figures: records of indicators, in a fixed number of queries.

Every record is built from indicators read by indicators.queries, whose figures are
Observation.objects.public() and nothing else; `of` converts indicators already read so, the
other functions read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dxplan.indicators import queries
from dxplan.indicators.models import Indicator, Observation
from dxplan.indicators.progress import SeriesProgress, assess_indicator, assess_series
from dxplan.plans.models import Node, PlanVersion
from dxplan.rounds.models import ReportingRound
from dxplan.surveys.models import PublishedQuestion

from .records import (
    Assessment,
    Department,
    Earlier,
    Figure,
    IndicatorFigures,
    IndicatorRef,
    NodeRef,
    QuestionRef,
    SeriesFigures,
    VersionRef,
)


def indicator(version: PlanVersion, code: str) -> IndicatorFigures | None:
    """An indicator of the version with its public figures and their assessment: four queries
    (the indicator with its measure, plan, survey question and department; survey options;
    series; public figures)."""
    found = queries.indicators().filter(measure__version=version, code=code).first()
    return None if found is None else of(found)


def of(found: Indicator) -> IndicatorFigures:
    """The record of an indicator read by indicators.queries.indicators (its series and public
    figures prefetched): no query."""
    result = assess_indicator(found)
    question = found.survey_question
    department = found.department
    return IndicatorFigures(
        pk=found.pk,
        code=found.code,
        version=version_ref(found),
        measure=_node(found.measure),
        continues=found.continues_id,
        name_ja=found.name_ja,
        name_en=found.name_en,
        goal_ja=found.goal_ja,
        goal_en=found.goal_en,
        unit=found.unit,
        unit_en=found.unit_en,
        decimals=found.decimals,
        direction=found.direction,
        kind=found.kind,
        counted_ja=found.counted_ja,
        counted_en=found.counted_en,
        source_ja=found.source_ja,
        source_en=found.source_en,
        calculation_ja=found.calculation_ja,
        calculation_en=found.calculation_en,
        frequency_ja=found.frequency_ja,
        frequency_en=found.frequency_en,
        definition_attribution=found.definition_attribution,
        department=Department(department.name_ja, department.name_en) if department else None,
        department_attribution=found.department_attribution,
        survey_question=_question(question) if question else None,
        survey_options=tuple(o.position for o in found.survey_options.all()),
        note=found.note,
        updated_at=found.updated_at,
        series=tuple(_series(part) for part in result.series),
        assessment=Assessment(
            result.status, result.grade, result.scale, result.rule, result.method, result.latest
        ),
    )


def of_all(found: Iterable[Indicator]) -> list[IndicatorFigures]:
    """The records of indicators read by indicators.queries.indicators: no query."""
    return [of(i) for i in found]


def earlier(record: IndicatorFigures) -> Earlier | None:
    """The indicator of an earlier version that this one continues, with its public figures
    assessed by its own series (for a cumulative indicator's running total): three queries,
    none when it continues none."""
    old = queries.predecessor(record.continues)
    if old is None:
        return None
    return Earlier(
        _ref(old),
        old.unit,
        old.unit_en,
        old.decimals,
        tuple(_series(assess_series(old, s)) for s in old.series.all()),
    )


def successors(record: IndicatorFigures) -> list[IndicatorRef]:
    """The indicators of later versions that continue this one: one query."""
    return [_ref(i) for i in queries.successors(record.pk)]


def version_ref(found: Indicator) -> VersionRef:
    version = found.measure.version
    plan = version.plan
    return VersionRef(
        version.pk,
        plan.organisation.slug,
        plan.slug,
        version.slug,
        version.name_ja,
        version.name_en,
        version.start_year,
        version.end_year,
    )


def _ref(found: Indicator) -> IndicatorRef:
    return IndicatorRef(found.pk, found.code, found.name_ja, found.name_en, version_ref(found))


def _question(question: PublishedQuestion) -> QuestionRef:
    survey = question.survey
    return QuestionRef(
        survey.key,
        question.key,
        survey.title_ja,
        survey.title_en,
        question.text_ja,
        question.text_en,
    )


def _node(node: Node) -> NodeRef:
    return NodeRef(node.pk, node.kind, node.code, node.name_ja, node.name_en)


def _series(part: SeriesProgress) -> SeriesFigures:
    s = part.series
    method = part.method
    assert method is not None  # assess_series always says what the series was assessed by
    return SeriesFigures(
        s.key,
        s.name_ja,
        s.name_en,
        s.baseline_value,
        s.baseline_year,
        s.target_value,
        s.target_year,
        tuple(_figure(o) for o in part.actuals),
        method,
        tuple(part.assessments),
        part.forecast,
    )


def _figure(o: Observation) -> Figure:
    return Figure(
        o.fiscal_year,
        o.value,
        o.lower,
        o.upper,
        o.source_ja,
        o.source_en,
        o.provisional,
        o.note,
        o.analysis_ja,
        o.analysis_en,
        o.sample,
        o.updated_at,
    )


@dataclass(frozen=True)
class Overdue:
    """A fiscal year whose figure a reporting round asked for by `due`, not yet public."""

    fiscal_year: int
    due: date


def overdue(found: IndicatorFigures, today: date) -> tuple[list[Overdue], bool]:
    """The rounds past their due date whose year has no public figure of the indicator yet, and
    whether any round asks for its figures at all (then what the page says depends on the
    date, not only on the data): one query."""
    rounds = list(
        ReportingRound.objects.filter(versions=found.version.pk).values_list("fiscal_year", "due")
    )
    public = {f.fiscal_year for s in found.series for f in s.figures}
    late = [
        Overdue(year, due) for year, due in sorted(rounds) if due < today and year not in public
    ]
    return late, bool(rounds)
