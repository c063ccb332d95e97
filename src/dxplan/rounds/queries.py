"""Where each figure a round asks for stands, read in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from dxplan.accounts.policy import visible
from dxplan.core import rounds as rules
from dxplan.core.workflow import OPEN
from dxplan.indicators.models import FigureRevision, Indicator, Observation, Series
from dxplan.indicators.ownership import owner_names
from dxplan.plans.models import Department

from .models import ReportingRound


@dataclass
class RoundItem:
    """One figure the round asks for (a series of an indicator, for the round's year)."""

    series: Series
    indicator: Indicator
    owner: Department | None
    observation: Observation | None
    revision: FigureRevision | None  # the open one
    stage: str  # core.rounds.STAGES
    handed_in: date | None

    def as_rule_item(self) -> rules.Item:
        return rules.Item(self.owner.pk if self.owner else None, self.stage, self.handed_in)


def _day(moment: Any) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _stage(observation: Observation | None, open_revision: FigureRevision | None) -> str:
    if observation is None:
        return "missing"
    if observation.state == Observation.State.PUBLISHED:
        return "published"  # a correction under way does not unreport it
    if open_revision is None:
        return "missing" if observation.state == Observation.State.WITHDRAWN else observation.state
    return str(open_revision.state)


def _handed_in(
    observation: Observation | None, revisions: list[FigureRevision], stage: str
) -> date | None:
    """When the figure was handed in: its first submission (or publication, by the DX office
    without one); a figure that came from plan files, when it was recorded."""
    if stage not in ("submitted", "approved", "published") or observation is None:
        return None
    moments = [m for r in revisions if (m := r.submitted_at or r.published_at) is not None]
    if moments:
        return _day(min(moments))
    return _day(observation.created_at)


def items(round: ReportingRound, actor: Any = None) -> list[RoundItem]:
    """The figures the round asks for, in plan order, each with its owning department, stage
    and when it was handed in; narrowed to what `actor` may see when given. Four queries."""
    year = round.fiscal_year
    indicators: QuerySet[Indicator] = Indicator.objects.filter(
        measure__version__in=round.versions.all()
    )
    if actor is not None:
        indicators = visible(actor, indicators)
    revisions = FigureRevision.objects.exclude(state=FigureRevision.State.WITHDRAWN)
    listed = list(
        indicators.select_related("measure__version", "department")
        .prefetch_related(
            Prefetch(
                "series",
                queryset=Series.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "observations",
                        queryset=Observation.objects.filter(fiscal_year=year).prefetch_related(
                            Prefetch("revisions", queryset=revisions, to_attr="kept")
                        ),
                        to_attr="this_year",
                    )
                ),
            )
        )
        .order_by("measure__version__position", "measure__position", "position")
    )
    owners = owner_names(listed)
    out = []
    for indicator in listed:
        for series in indicator.series.all():
            observation = next(iter(getattr(series, "this_year", [])), None)
            kept = getattr(observation, "kept", []) if observation else []
            open_revision = next((r for r in kept if r.state in OPEN), None)
            stage = _stage(observation, open_revision)
            out.append(
                RoundItem(
                    series,
                    indicator,
                    owners[indicator.pk],
                    observation,
                    open_revision,
                    stage,
                    _handed_in(observation, kept, stage),
                )
            )
    return out


@dataclass
class DepartmentReport:
    department: Department | None
    punctuality: rules.Punctuality
    stages: dict[str, int]


def by_department(
    round: ReportingRound, listed: Iterable[RoundItem], today: date
) -> list[DepartmentReport]:
    """Per owning department: how punctual, and how many figures in each stage."""
    listed = list(listed)
    departments: dict[object, Department] = {i.owner.pk: i.owner for i in listed if i.owner}
    of: dict[object, list[rules.Item]] = {}
    for item in listed:
        rule_item = item.as_rule_item()
        of.setdefault(rule_item.department, []).append(rule_item)
    return [
        DepartmentReport(departments.get(p.department), p, rules.stage_counts(of[p.department]))
        for p in rules.punctuality((i.as_rule_item() for i in listed), round.due, today)
    ]


def rounds_of(organisation_ids: Iterable[int] | None = None) -> list[ReportingRound]:
    found = ReportingRound.objects.select_related("organisation").prefetch_related("versions__plan")
    if organisation_ids is not None:
        found = found.filter(organisation__in=list(organisation_ids))
    return list(found.order_by("organisation__code", "-fiscal_year"))


def rounds_of_plan(plan: Any) -> QuerySet[ReportingRound]:
    """The rounds that asked for figures of the plan's versions, newest year first."""
    return (
        ReportingRound.objects.filter(versions__plan=plan)
        .distinct()
        .select_related("organisation")
        .order_by("-fiscal_year")
    )
