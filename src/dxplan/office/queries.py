"""What the staff screens read: the worklist of a version and year, a figure's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Min, Prefetch
from django.utils.translation import gettext as _

from dxplan.audit.models import AuditEvent
from dxplan.audit.queries import readable_changes
from dxplan.core.plan_rules import year_error
from dxplan.indicators.actions import pending_value
from dxplan.indicators.models import Indicator, Observation, Series
from dxplan.plans.models import Plan, PlanVersion


@dataclass
class Figure:
    """One series' figure for the year as the staff see it: published, draft or waiting."""

    series: Series
    observation: Observation | None

    @property
    def state(self) -> str:
        """none | draft | published | waiting (a published figure's correction)."""
        o = self.observation
        if o is None:
            return "none"
        if o.state != Observation.State.PUBLISHED:
            return "draft"
        return "waiting" if o.correction else "published"

    @property
    def pending(self) -> Decimal | None:
        return pending_value(self.observation) if self.observation else None


@dataclass
class WorkItem:
    indicator: Indicator
    figures: list[Figure]
    mine: bool  # of one of the user's departments


def plans() -> list[Plan]:
    return list(
        Plan.objects.select_related("organisation")
        .prefetch_related("versions")
        .order_by("organisation__code", "slug")
    )


def default_year(version: PlanVersion) -> int:
    """The latest year with actuals after the baseline; else the year after the baseline most
    series share, but not before the version's first year (Nagasaki's 2025-2027, baselines R5
    and R6: R7)."""
    observed = Observation.objects.filter(
        series__indicator__measure__version=version, fiscal_year__gt=F("series__baseline_year")
    )
    latest = observed.aggregate(year=Max("fiscal_year"))["year"]
    if latest is not None:
        return int(latest)
    baseline = (
        Series.objects.filter(indicator__measure__version=version)
        .values("baseline_year")
        .annotate(series=Count("pk"))
        .order_by("-series", "-baseline_year")
        .values_list("baseline_year", flat=True)
        .first()
    )
    return (
        max(int(baseline) + 1, version.start_year) if baseline is not None else version.start_year
    )


def year_choices(version: PlanVersion, chosen: int) -> list[int]:
    """From the year after the earliest baseline to the version's last year (and the chosen)."""
    bounds = Series.objects.filter(indicator__measure__version=version).aggregate(
        first=Min("baseline_year")
    )
    first = (bounds["first"] + 1) if bounds["first"] is not None else version.start_year
    last = max(version.end_year, first)
    return sorted({*range(min(first, version.start_year), last + 1), chosen})


def year_allowed(plan: Plan, year: int) -> bool:
    """A year near the plan's years (core.plan_rules.year_error): others are not pages."""
    return year_error(year, (plan.start_year, plan.end_year)) is None


def worklist(version: PlanVersion, year: int, departments: set[int]) -> list[WorkItem]:
    """The version's indicators with their series' figures for `year`, in plan order, the
    indicators of `departments` first. A fixed number of queries, however large the plan."""
    this_year = Observation.objects.filter(fiscal_year=year)
    indicators = (
        Indicator.objects.filter(measure__version=version)
        .select_related("measure", "department")
        .prefetch_related(
            Prefetch(
                "series",
                queryset=Series.objects.order_by("position").prefetch_related(
                    Prefetch("observations", queryset=this_year, to_attr="this_year")
                ),
            )
        )
        .order_by("measure__position", "position")
    )
    items = [
        WorkItem(
            indicator,
            [
                Figure(s, next(iter(getattr(s, "this_year", [])), None))
                for s in indicator.series.all()
            ],
            indicator.department_id in departments,
        )
        for indicator in indicators
    ]
    return sorted(items, key=lambda item: not item.mine)  # stable: plan order within each


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    time: datetime
    actor: str
    what: str
    changes: list[Change] = field(default_factory=list)
    part_of: str = ""


SHOWN = (
    "value",
    "lower",
    "upper",
    "provisional",
    "source_ja",
    "source_en",
    "analysis_ja",
    "analysis_en",
    "note",
    "state",
    "correction",
)


def field_label(name: str) -> str:
    """A figure's field as people read it (its verbose name: 値, 出典 …)."""
    return str(getattr(Observation._meta.get_field(name), "verbose_name", name))


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "state":
        return str(dict(Observation.State.choices).get(value, value))
    if isinstance(value, dict):  # a waiting correction
        return "; ".join(
            f"{field_label(k)}: {_shown(k, v)}" for k, v in value.items() if k in SHOWN
        )
    return str(value)


def _what(event: AuditEvent) -> str:
    changes = event.changes or {}
    if event.verb == AuditEvent.Verb.CREATE:
        return _("entered as a draft")
    if event.verb != AuditEvent.Verb.UPDATE:
        return str(event.get_verb_display())
    state = changes.get("state")
    if state and state[1] == Observation.State.PUBLISHED:
        return _("published")
    correction = changes.get("correction")
    if correction and correction[1]:
        return _("correction saved, awaiting publication")
    if correction and len(changes) > 1:  # the waiting values became the figure's
        return _("correction published")
    if correction:  # back to what is published: nothing waits any more
        return _("correction withdrawn")
    return _("changed")


def _correction(event: AuditEvent, pair: list[Any]) -> list[Change]:
    """A waiting correction as before → after of each field it changes: the published value
    (the event's state) → the corrected one. A correction published or withdrawn shows its
    fields' own changes, or the correction's end."""
    before, after = pair
    if isinstance(after, dict):
        published = event.state or {}
        return [
            Change(
                _("%(field)s (correction awaiting publication)") % {"field": field_label(name)},
                _shown(name, published.get(name)),
                _shown(name, value),
            )
            for name, value in after.items()
            if name in SHOWN and published.get(name) != value
        ]
    if len(event.changes) == 1:  # withdrawn: nothing else changed
        return [Change(field_label("correction"), _shown("correction", before), "—")]
    return []


def history(observations: list[Observation]) -> dict[int, list[HistoryEntry]]:
    """Each observation's events, newest first: who, when, what, before → after
    (audit.queries.readable_changes, as the admin's 履歴 shows them)."""
    content_type = ContentType.objects.get_for_model(Observation)
    by_pk = {str(o.pk): o.pk for o in observations}
    events = list(
        AuditEvent.objects.filter(content_type=content_type, object_pk__in=list(by_pk))
        .select_related("group", "content_type")
        .order_by("-time", "-id")
    )
    readable = readable_changes(events)
    out: dict[int, list[HistoryEntry]] = {o.pk: [] for o in observations}
    for event in events:
        created = event.verb == AuditEvent.Verb.CREATE
        changes = []
        for name, pair in readable[event.pk].items():
            if name not in SHOWN or not isinstance(pair, list):
                continue
            if created and pair[1] in (None, "", False):
                continue
            if name == "correction":
                changes += _correction(event, pair)
            else:
                changes.append(
                    Change(field_label(name), _shown(name, pair[0]), _shown(name, pair[1]))
                )
        out[by_pk[event.object_pk]].append(
            HistoryEntry(
                event.time,
                event.actor_name,
                _what(event),
                changes,
                str(event.group.get_verb_display()) if event.group else "",
            )
        )
    return out


def earlier_years(series: list[Series], year: int) -> dict[int, list[Observation]]:
    """Each series' figures of the years before `year`, any state, oldest first."""
    out: dict[int, list[Observation]] = {s.pk: [] for s in series}
    for o in Observation.objects.filter(series__in=series, fiscal_year__lt=year).order_by(
        "fiscal_year"
    ):
        out[o.series_id].append(o)
    return out
