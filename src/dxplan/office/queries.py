"""What the staff screens read: the worklist of a version and year, a figure's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Min, Prefetch
from django.utils.translation import gettext as _

from dxplan.accounts.policy import visible
from dxplan.audit.models import AuditEvent
from dxplan.audit.queries import readable_changes
from dxplan.core.plan_rules import year_error
from dxplan.indicators.models import FigureRevision, Indicator, Observation, Series
from dxplan.indicators.ownership import owner_names
from dxplan.plans.models import Department, Plan, PlanVersion


@dataclass
class Figure:
    """One series' figure for the year as the staff see it, with its revision under way."""

    series: Series
    observation: Observation | None
    revision: FigureRevision | None = None  # the open one, if any

    @property
    def state(self) -> str:
        """none | published | withdrawn | the open revision's state (draft, submitted,
        sent_back, approved), also for a published figure whose correction is under way."""
        o = self.observation
        if o is None:
            return "none"
        if self.revision is not None:
            return self.revision.state
        return str(o.state)  # published, withdrawn, or from plan files with no revision yet

    @property
    def correcting(self) -> bool:
        """A published figure with a correction under way (it stays public meanwhile)."""
        o = self.observation
        return bool(o and o.state == Observation.State.PUBLISHED and self.revision is not None)

    @property
    def pending(self) -> Decimal | None:
        return self.revision.value if self.correcting and self.revision else None

    @property
    def proposed(self) -> Decimal | None:
        """The value under way (the revision's), else the figure's."""
        if self.revision is not None:
            return self.revision.value
        return self.observation.value if self.observation else None


@dataclass
class WorkItem:
    indicator: Indicator
    figures: list[Figure]
    mine: bool  # of one of the user's departments
    owner: Department | None = None


def open_revisions(observations: list[Observation]) -> dict[int, FigureRevision]:
    """The open revision of each figure that has one: one query."""
    return {
        r.observation_id: r
        for r in FigureRevision.objects.open().filter(observation__in=observations)
    }


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


def worklist(
    version: PlanVersion, year: int, departments: set[int], actor: Any = None
) -> list[WorkItem]:
    """The version's indicators the actor may see (accounts.policy.visible) with their series'
    figures for `year` and each one's owning department, in plan order, the indicators of
    `departments` first. A fixed number of queries, however large the plan."""
    this_year = Observation.objects.filter(fiscal_year=year)
    indicators = list(
        visible(actor, Indicator.objects.filter(measure__version=version))
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
    owners = owner_names(indicators)
    observations = [
        o for i in indicators for s in i.series.all() for o in getattr(s, "this_year", [])
    ]
    revisions = open_revisions(observations)
    items = []
    for indicator in indicators:
        figures = []
        for s in indicator.series.all():
            o = next(iter(getattr(s, "this_year", [])), None)
            figures.append(Figure(s, o, revisions.get(o.pk) if o else None))
        owner = owners[indicator.pk]
        items.append(
            WorkItem(indicator, figures, owner is not None and owner.pk in departments, owner)
        )
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
    reason: str = ""  # why it was sent back


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
)


def field_label(name: str) -> str:
    """A figure's field as people read it (its verbose name: 値, 出典 …)."""
    return str(getattr(Observation._meta.get_field(name), "verbose_name", name))


def state_label(state: str) -> str:
    if state == "superseded":
        return _("superseded")
    return str(dict(Observation.State.choices).get(state, state))


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "state":
        return state_label(value)
    return str(value)


def _what(event: AuditEvent) -> str:
    """What an event did to the figure, by its verb (figure_submitted …)."""
    verb, changes = event.verb, event.changes or {}
    correcting = (event.state or {}).get("state") == Observation.State.PUBLISHED
    if verb == AuditEvent.Verb.CREATE:
        return _("entered as a draft")
    if verb == AuditEvent.Verb.FIGURE_ENTERED:
        if correcting and "state" not in changes:
            return _("correction entered, awaiting publication")
        return _("entered as a draft")
    if verb == AuditEvent.Verb.FIGURE_EDITED:
        return _("correction changed") if correcting else _("draft changed")
    if verb == AuditEvent.Verb.FIGURE_PUBLISHED:
        return _("correction published") if "state" not in changes else _("published")
    named: dict[str, str] = {
        AuditEvent.Verb.FIGURE_SUBMITTED: _("submitted for review"),
        AuditEvent.Verb.FIGURE_APPROVED: _("approved"),
        AuditEvent.Verb.FIGURE_SENT_BACK: _("sent back"),
        AuditEvent.Verb.FIGURE_WITHDRAWN: _("withdrawn"),
    }
    if verb in named:
        return str(named[verb])
    if verb != AuditEvent.Verb.UPDATE:
        return str(event.get_verb_display())
    state = changes.get("state")
    if state and state[1] == Observation.State.PUBLISHED:
        return _("published")
    return _("changed")


def history(observations: list[Observation]) -> dict[int, list[HistoryEntry]]:
    """Each observation's events, newest first: who, when, what, before → after
    (audit.queries.readable_changes, as the admin's 履歴 shows them), and a send-back's
    reason."""
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
        created = event.verb == AuditEvent.Verb.CREATE or (
            event.verb == AuditEvent.Verb.FIGURE_ENTERED
            and event.changes.get("state", [1])[0] is None
        )
        changes = []
        for name, pair in readable[event.pk].items():
            if name not in SHOWN or not isinstance(pair, list):
                continue
            if created and pair[1] in (None, "", False):
                continue
            changes.append(Change(field_label(name), _shown(name, pair[0]), _shown(name, pair[1])))
        out[by_pk[event.object_pk]].append(
            HistoryEntry(
                event.time,
                event.actor_name,
                _what(event),
                changes,
                str(event.group.get_verb_display()) if event.group else "",
                str((event.detail or {}).get("reason") or ""),
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


@dataclass
class Difference:
    label: str
    public: str  # what the public sees now ("—": nothing yet)
    proposed: str


@dataclass
class ReviewItem:
    """A revision awaiting review: whose, what would become public, and who submitted it."""

    revision: FigureRevision
    observation: Observation
    indicator: Indicator
    series: Series
    owner: Department | None
    differences: list[Difference]
    entry_url: str = ""


def _difference(name: str, public: Any, proposed: Any, published: bool) -> Difference | None:
    shown_public = _shown(name, public) if published else "—"
    shown_proposed = _shown(name, proposed)
    if shown_public == shown_proposed:
        return None
    return Difference(field_label(name), shown_public, shown_proposed)


def review_queue(
    actor: Any, states: tuple[str, ...] = ("submitted", "approved")
) -> list[ReviewItem]:
    """The revisions awaiting review that the actor may see (accounts.policy.visible), oldest
    submission first, each with the difference between what the public sees and what would
    become public. A fixed number of queries, however many are waiting."""
    revisions = list(
        visible(actor, FigureRevision.objects.filter(state__in=states))
        .select_related(
            "observation__series__indicator__measure__version__plan__organisation",
            "observation__series__indicator__department",
        )
        .order_by("submitted_at", "pk")
    )
    indicators = {r.observation.series.indicator for r in revisions}
    owners = owner_names(indicators)
    items = []
    for revision in revisions:
        observation = revision.observation
        published = observation.state == Observation.State.PUBLISHED
        differences = []
        for name in SHOWN:
            if name == "state":
                continue
            public, proposed = getattr(observation, name), getattr(revision, name)
            if found := _difference(name, public, proposed, published):
                differences.append(found)
        indicator = observation.series.indicator
        owner = owners[indicator.pk]
        items.append(
            ReviewItem(revision, observation, indicator, observation.series, owner, differences)
        )
    return items
