"""Outcome indicators (成果指標), their series and yearly observations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.bilingual import BilingualText, text_fields
from dxplan.core import workflow
from dxplan.core.access import Target
from dxplan.plans.models import Node, Plan
from dxplan.records import TimeStamped, attribution_field

if TYPE_CHECKING:
    pass


class DecimalOptions(TypedDict):
    max_digits: int
    decimal_places: int


VALUE: DecimalOptions = {"max_digits": 20, "decimal_places": 6}


class OwnedQuerySet(models.QuerySet):
    """Figures and what they measure, narrowed to those departments own (core/ownership.py):
    the access policy's `visible` filters a department editor's lists with it."""

    INDICATOR = "pk"

    def owned_by(self, departments: Iterable[int]) -> Any:
        from .ownership import owned_indicators

        return self.filter(**{f"{self.INDICATOR}__in": owned_indicators(set(departments))})


class IndicatorQuerySet(OwnedQuerySet):
    INDICATOR = "pk"


class SeriesQuerySet(OwnedQuerySet):
    INDICATOR = "indicator"


class ObservationQuerySet(OwnedQuerySet):
    INDICATOR = "series__indicator"

    def public(self) -> ObservationQuerySet:
        """The figures the public may see: the one definition (published ones). Every page,
        download and API answer reads figures through it, by way of dxplan.figures."""
        return self.filter(state=self.public_state())

    def public_state(self) -> str:
        """The state of a public figure, for reading states recorded elsewhere (the history)."""
        return str(workflow.State.PUBLISHED)


class RevisionQuerySet(OwnedQuerySet):
    INDICATOR = "observation__series__indicator"

    def open(self) -> Any:
        """The revisions under way (draft, submitted, sent back, approved)."""
        return self.filter(state__in=[s.value for s in workflow.OPEN])


class Indicator(TimeStamped):
    ACCESS_ORGANISATION = "measure__version__plan__organisation"

    class Direction(models.TextChoices):
        INCREASE = "increase", _("increase")
        DECREASE = "decrease", _("decrease")

    class Kind(models.TextChoices):
        LEVEL = "level", _("level")
        CUMULATIVE = "cumulative", _("cumulative")

    class Method(models.TextChoices):
        LINEAR = "linear", _("linear")
        CAGR = "cagr", _("growth rate")

    class Overall(models.TextChoices):
        PLAN = "", _("as the plan says")
        WORST = "worst", _("the worst series")
        MEAN_PACE = "mean_pace", _("the mean pace")

    measure = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(_("order"), default=0)
    name_ja, name_en = text_fields(_("name"))
    goal_ja, goal_en = text_fields(_("goal"), required=False, long=True)
    unit = models.CharField(_("unit"), max_length=20, help_text=_("As published, e.g. % or 件."))
    unit_en = models.CharField(_("unit in English"), max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimal places"), default=0, help_text=_("Precision with which values are published.")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    counted_ja, counted_en = text_fields(_("what is counted"), required=False, long=True)
    source_ja, source_en = text_fields(_("data source"), required=False, long=True)
    calculation_ja, calculation_en = text_fields(_("calculation"), required=False, long=True)
    frequency_ja, frequency_en = text_fields(_("frequency"), required=False)
    definition_attribution = attribution_field(_("definition given by"))
    department = models.ForeignKey(
        "plans.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("owning department"),
    )
    department_attribution = attribution_field(_("department given by"))
    survey_question = models.ForeignKey(
        "surveys.PublishedQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("survey question"),
    )
    survey_options = models.ManyToManyField(
        "surveys.PublishedOption",
        blank=True,
        related_name="indicators",
        verbose_name=_("survey answers behind the baseline"),
    )
    method = models.CharField(
        _("assessment method"), max_length=10, choices=Method.choices, default=Method.LINEAR
    )
    overall_rule = models.CharField(
        _("overall status of several series"),
        max_length=10,
        choices=Overall.choices,
        blank=True,
        default=Overall.PLAN,
    )
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("continues"),
        help_text=_("The indicator of an earlier version of the plan that this one carries on."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = IndicatorQuerySet.as_manager()

    name = BilingualText("name")
    goal = BilingualText("goal")
    counted = BilingualText("counted")
    source = BilingualText("source")
    calculation = BilingualText("calculation")
    frequency = BilingualText("frequency")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure__version", "measure__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"

    def history_key(self) -> str:
        return f"{self.measure.version.history_key()}/indicator/{self.code}"

    def history_plan(self) -> Plan:
        return self.measure.version.plan

    def owner_id(self) -> int | None:
        """The owning department's id: the indicator's own, else its node's or the nearest
        ancestor node's (core/ownership.py). Read once per instance."""
        if not hasattr(self, "_owner_id"):
            from .ownership import owners_of

            self._owner_id = owners_of([self])[self.pk]
        return self._owner_id

    def access_target(self) -> Target:
        return Target(
            self.measure.version.plan.organisation_id, department=self.owner_id(), owned=True
        )

    def access_name(self) -> str:
        return f"{self.code} {self.name_ja}"


class Series(TimeStamped):
    """One line of an indicator (4-1 has domestic and overseas), with baseline and target."""

    ACCESS_ORGANISATION = f"indicator__{Indicator.ACCESS_ORGANISATION}"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="series")
    key = models.SlugField(_("key"))
    position = models.PositiveIntegerField(_("order"), default=0)
    name_ja, name_en = text_fields(_("name"))
    baseline_value = models.DecimalField(_("baseline"), **VALUE)
    baseline_year = models.PositiveIntegerField(_("baseline fiscal year"))
    target_value = models.DecimalField(_("target"), **VALUE)
    target_year = models.PositiveIntegerField(_("target fiscal year"))

    objects = SeriesQuerySet.as_manager()

    name = BilingualText("name")

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["indicator", "position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "key"], name="unique_series_key")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.key}"

    def history_key(self) -> str:
        return f"{self.indicator.history_key()}/{self.key}"

    def history_plan(self) -> Plan:
        return self.indicator.history_plan()

    def access_target(self) -> Target:
        return self.indicator.access_target()

    def access_name(self) -> str:
        return f"{self.indicator.access_name()} ({self.name_ja})"


class Observation(TimeStamped):
    """A yearly actual as the public reads it, once published.

    `state` says whether the row's values are public: PUBLISHED, or (for a figure never
    published) the state of its revision under way. Each change a department proposes is a
    revision (`FigureRevision`) that goes through the workflow (core/workflow.py); publishing one
    copies its values here, so a published figure stays public as it is while its correction is
    reviewed.
    """

    ACCESS_ORGANISATION = f"series__{Series.ACCESS_ORGANISATION}"

    class State(models.TextChoices):
        DRAFT = workflow.State.DRAFT.value, _("draft")
        SUBMITTED = workflow.State.SUBMITTED.value, _("submitted")
        SENT_BACK = workflow.State.SENT_BACK.value, _("sent back")
        APPROVED = workflow.State.APPROVED.value, _("approved")
        PUBLISHED = workflow.State.PUBLISHED.value, _("published")
        WITHDRAWN = workflow.State.WITHDRAWN.value, _("withdrawn")

    class Origin(models.TextChoices):
        FILE = "file", _("plan files")
        ENTRY = "entry", _("entered in dxplan")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="observations")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    value = models.DecimalField(_("value"), **VALUE)
    lower = models.DecimalField(_("lower bound"), null=True, blank=True, **VALUE)
    upper = models.DecimalField(_("upper bound"), null=True, blank=True, **VALUE)
    source_ja, source_en = text_fields(_("source"), required=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PUBLISHED
    )
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.ENTRY,
        help_text=_("Where the figure was first recorded: plan files, or entered in dxplan."),
    )
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("A preliminary figure (速報値).")
    )
    note = models.TextField(_("note"), blank=True)
    # 要因分析: why the figure is what it is, published with it
    analysis_ja, analysis_en = text_fields(
        _("factors behind the figure"), required=False, long=True
    )
    sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_(
            "A fictitious figure for demonstrations (data/nagasaki-sample/): every page, "
            "download and API answer that shows it says so."
        ),
    )

    objects = ObservationQuerySet.as_manager()

    source = BilingualText("source")
    analysis = BilingualText("analysis")

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["series", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "fiscal_year"], name="unique_observation_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.fiscal_year}: {self.value}"

    def history_key(self) -> str:
        return f"{self.series.history_key()}/{self.fiscal_year}"

    def history_plan(self) -> Plan:
        return self.series.history_plan()

    def access_target(self) -> Target:
        return self.series.access_target()

    def access_name(self) -> str:
        from dxplan.core.fiscal_year import format_fiscal_year

        return f"{self.series.access_name()} {format_fiscal_year(self.fiscal_year, 'ja')}"


#: The values of a figure a department gives, and a revision proposes.
FIGURE_FIELDS = (
    "value",
    "lower",
    "upper",
    "source_ja",
    "source_en",
    "provisional",
    "note",
    "analysis_ja",
    "analysis_en",
)


class FigureRevision(models.Model):
    """A figure as a department proposes it, on its way through the workflow.

    At most one revision of a figure is open (draft, submitted, sent back or approved) at a time.
    Publishing it copies its values onto the observation and closes the revision that was live
    until then (superseded). Who wrote, submitted, reviewed and published it, and when, stay
    here; the history (audit) has every step under its own verb.
    """

    ACCESS_ORGANISATION = f"observation__{Observation.ACCESS_ORGANISATION}"
    State = workflow.State

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=[(s.value, s.value) for s in workflow.State],
        default=workflow.State.DRAFT.value,
    )
    value = models.DecimalField(_("value"), **VALUE)
    lower = models.DecimalField(_("lower bound"), null=True, blank=True, **VALUE)
    upper = models.DecimalField(_("upper bound"), null=True, blank=True, **VALUE)
    source_ja, source_en = text_fields(_("source"), required=False)
    provisional = models.BooleanField(_("provisional"), default=False)
    note = models.TextField(_("note"), blank=True)
    analysis_ja, analysis_en = text_fields(
        _("factors behind the figure"), required=False, long=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_by = models.CharField(_("submitted by"), max_length=150, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.CharField(_("reviewed by"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    published_by = models.CharField(_("published by"), max_length=150, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reason = models.TextField(
        _("reason sent back"), blank=True, help_text=_("What the reviewer asks to change.")
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure revision")
        verbose_name_plural = _("figure revisions")
        ordering = ["observation", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["observation"],
                condition=models.Q(state__in=sorted(s.value for s in workflow.OPEN)),
                name="one_open_revision_per_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.observation} ({self.state})"

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}

    def history_key(self) -> str:
        return f"{self.observation.history_key()}/revision/{self.pk}"

    def history_plan(self) -> Plan:
        return self.observation.history_plan()

    def access_target(self) -> Target:
        return self.observation.access_target()


class Standing(models.Model):
    """An indicator's overall status as it stood after a fiscal year with figures (derived).

    Worked out from the published figures whenever they or what they are measured against
    change (indicators/standing.py, inside the write's transaction), so that a roll-up of a
    large plan reads one row per indicator instead of assessing every series. Not a record of
    its own: it has no history, and `dxplan progress refresh` rebuilds it.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="standings")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    status = models.CharField(_("status"), max_length=20)
    sample = models.BooleanField(_("sample"), default=False)

    class Meta:
        verbose_name = _("standing")
        verbose_name_plural = _("standings")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="unique_standing")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.fiscal_year}: {self.status}"
