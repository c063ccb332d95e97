"""Organisations, plans, plan versions, the node tree of each version, and version mappings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dxplan.bilingual import BilingualText, text_fields
from dxplan.core import plan_rules, progress
from dxplan.core.access import Target
from dxplan.records import TimeStamped, attribution_field


class Organisation(TimeStamped):
    """A municipality, identified by its 6-digit local government code (長崎市 = 422011)."""

    ACCESS_ORGANISATION = "pk"

    code = models.CharField(_("local government code"), max_length=6, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    name_ja, name_en = text_fields(_("name"))
    name = BilingualText("name")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_ja

    def history_key(self) -> str:
        return self.code

    def history_plan(self) -> None:
        return None

    def access_target(self) -> Target:
        return Target(self.pk)


class Department(TimeStamped):
    """An organisational unit that owns measures and indicators (所管課)."""

    ACCESS_ORGANISATION = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    code = models.SlugField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_(
            "A stable identifier (e.g. jinji): plan files that give it match the department by "
            "it, so a department renamed in the files keeps its members."
        ),
    )
    name_ja, name_en = text_fields(_("name"))
    name = BilingualText("name")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organisation", "name_ja"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name_ja"], name="unique_department"),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=~models.Q(code=""),
                name="unique_department_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name_ja

    def history_key(self) -> str:
        return f"{self.organisation.code}/department/{self.name_ja}"

    def history_plan(self) -> None:
        return None

    def access_target(self) -> Target:
        return Target(self.organisation_id)


class Plan(TimeStamped):
    ACCESS_ORGANISATION = "organisation"
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    slug = models.SlugField(_("slug"))
    name_ja, name_en = text_fields(_("name"))
    start_year = models.PositiveIntegerField(_("first fiscal year"))
    end_year = models.PositiveIntegerField(_("last fiscal year"))
    purpose_ja, purpose_en = text_fields(_("purpose"), required=False, long=True)
    position_ja, position_en = text_fields(_("position"), required=False, long=True)
    background_ja, background_en = text_fields(_("background"), required=False, long=True)
    concept_ja, concept_en = text_fields(_("concept"), required=False, long=True)
    concept_text_ja, concept_text_en = text_fields(_("concept text"), required=False, long=True)
    vision_year = models.PositiveIntegerField(
        _("vision year"), null=True, blank=True, help_text=_("The year the vision looks to (2030).")
    )
    # The plan's own grades (plan.yaml `progress`): {"name": …, "grades": [{"label_ja",
    # "label_en", "statuses", "at_least"}]} as dxplan.core.progress.grade_scale reads them;
    # null: the default scale, one grade per status.
    grade_scale = models.JSONField(
        _("grade scale"),
        null=True,
        blank=True,
        help_text=_("The plan's grades and the rule of each (docs/indicator-method.md)."),
    )
    overall_rule = models.CharField(
        _("overall status of several series"),
        max_length=10,
        choices=[("worst", _("the worst series")), ("mean_pace", _("the mean pace"))],
        default="worst",
    )
    note = models.TextField(_("note"), blank=True)

    name = BilingualText("name")
    purpose = BilingualText("purpose")
    position = BilingualText("position")
    background = BilingualText("background")
    concept = BilingualText("concept")
    concept_text = BilingualText("concept_text")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organisation__code", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_plan_slug")
        ]

    def __str__(self) -> str:
        return self.name_ja

    @property
    def identifier(self) -> str:
        """ORG/PLAN, as in URLs, the API and the command line: nagasaki/dx-plan."""
        return f"{self.organisation.slug}/{self.slug}"

    def history_key(self) -> str:
        return self.identifier

    def history_plan(self) -> Plan:
        return self

    def clean(self) -> None:
        """A grade scale edited by hand must read as one (core.progress.grade_scale)."""
        try:
            progress.scale_of(self.grade_scale)
        except progress.ScaleInvalid as invalid:
            raise ValidationError(
                {"grade_scale": [f"grades[{p.index}].{p.field}: {p.en}" for p in invalid.problems]}
            ) from None
        except (TypeError, ValueError, AttributeError):
            raise ValidationError(
                {"grade_scale": _("Write the scale as in docs/indicator-method.md.")}
            ) from None

    def level_rules(self) -> dict[str, plan_rules.LevelRule]:
        """The plan's own levels, or the six of the default shape when it declares none."""
        rows = list(self.levels.all())
        if not rows:
            return {level.code: level for level in plan_rules.DEFAULT_LEVELS}
        return {level.code: level.rule() for level in rows}


class Level(TimeStamped):
    """One level of a plan's tree as the city names it (基本目標 → 施策 → 事業)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(_("order"), default=0)
    name_ja, name_en = text_fields(_("name"))
    parents = models.JSONField(
        _("allowed parents"), default=list, help_text=_("Codes of the levels it may stand under.")
    )
    has_page = models.BooleanField(_("has its own page"), default=False)
    carries_indicators = models.BooleanField(_("carries indicators"), default=False)

    name = BilingualText("name")

    class Meta:
        verbose_name = pgettext_lazy("plan tree", "level")
        verbose_name_plural = pgettext_lazy("plan tree", "levels")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="unique_level_code")]

    def __str__(self) -> str:
        return self.name_ja

    def history_key(self) -> str:
        return f"{self.plan.identifier}/level/{self.code}"

    def rule(self) -> plan_rules.LevelRule:
        return plan_rules.LevelRule(
            self.code,
            self.name_ja,
            self.name_en,
            frozenset(self.parents),
            self.has_page,
            self.carries_indicators,
        )

    def history_plan(self) -> Plan:
        return self.plan


class PlanVersion(TimeStamped):
    ACCESS_ORGANISATION = "plan__organisation"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLIC = "public", _("public")
        ARCHIVED = "archived", _("archived")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    slug = models.SlugField(_("slug"))
    name_ja, name_en = text_fields(_("name"))
    start_year = models.PositiveIntegerField(_("first fiscal year"))
    end_year = models.PositiveIntegerField(_("last fiscal year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    position = models.PositiveIntegerField(_("order"), default=0)
    note = models.TextField(_("note"), blank=True)

    name = BilingualText("name")

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "position", "start_year"]
        constraints = [models.UniqueConstraint(fields=["plan", "slug"], name="unique_version_slug")]

    def __str__(self) -> str:
        return f"{self.plan} {self.name_ja}"

    def history_key(self) -> str:
        return f"{self.plan.identifier}/{self.slug}"

    def history_plan(self) -> Plan:
        return self.plan


class Node(TimeStamped):
    """One element of a version's policy system: from domain down to initiative."""

    ACCESS_ORGANISATION = "version__plan__organisation"

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(
        pgettext_lazy("plan tree", "level"),
        max_length=40,
        help_text=_("The code of a plan level."),
    )
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(_("order"), default=0)
    name_ja, name_en = text_fields(_("name"))
    description_ja, description_en = text_fields(_("description"), required=False, long=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nodes",
        verbose_name=_("owning department"),
    )
    department_attribution = attribution_field(_("department given by"))
    note = models.TextField(_("note"), blank=True)

    name = BilingualText("name")
    description = BilingualText("description")

    class Meta:
        verbose_name = _("node")
        verbose_name_plural = _("nodes")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "code"], name="unique_node_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"

    @property
    def key(self) -> str:
        """The stable identifier within a version, used in URLs and the API: measure/1-1."""
        return f"{self.kind}/{self.code}"

    def history_key(self) -> str:
        return f"{self.version.history_key()}/{self.key}"

    def history_plan(self) -> Plan:
        return self.version.plan

    def clean(self) -> None:
        """Keep the tree a tree when staff edit it: same version, allowed parent, no cycle."""
        from django.core.exceptions import ValidationError

        levels = self.version.plan.level_rules()
        parent = self.parent
        if parent is not None and parent.version_id != self.version_id:
            raise ValidationError({"parent": _("The parent must belong to the same version.")})
        error = plan_rules.parent_error(levels, self.kind, parent.kind if parent else None)
        if error:
            raise ValidationError({"kind" if self.kind not in levels else "parent": str(error)})
        parents = dict(Node.objects.filter(version=self.version_id).values_list("pk", "parent_id"))
        if parent is not None and plan_rules.would_cycle(self.pk, parent.pk, parents.get):
            raise ValidationError({"parent": _("A node cannot be its own ancestor.")})


class EvaluationRecord(TimeStamped):
    """A measure's achievements and challenges over one phase (主な成果・課題)."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="evaluations")
    phase_start = models.PositiveIntegerField(_("first fiscal year"))
    phase_end = models.PositiveIntegerField(_("last fiscal year"))
    achievements_ja, achievements_en = text_fields(_("achievements"), long=True)
    challenges_ja, challenges_en = text_fields(_("challenges"), required=False, long=True)
    note = models.TextField(_("note"), blank=True)

    achievements = BilingualText("achievements")
    challenges = BilingualText("challenges")

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["node", "phase_start"]
        constraints = [
            models.UniqueConstraint(fields=["node", "phase_start"], name="unique_evaluation_phase")
        ]

    def __str__(self) -> str:
        return f"{self.node} {self.phase_start}–{self.phase_end}"

    def history_key(self) -> str:
        return f"{self.node.history_key()}/evaluation/{self.phase_start}"

    def history_plan(self) -> Plan:
        return self.node.version.plan


class VersionMapping(TimeStamped):
    """One arrow from a node of an older version to a node of a newer one."""

    class Relation(models.TextChoices):
        CONTINUED = "continued", _("continued")
        RENAMED = "renamed", _("renamed")
        MERGED = "merged", _("merged")
        SPLIT = "split", _("split")
        NEW = "new", _("new")
        RETIRED = "retired", _("retired")

    from_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="mappings_out"
    )
    to_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="mappings_in"
    )
    from_node = models.ForeignKey(
        Node, on_delete=models.CASCADE, null=True, blank=True, related_name="successors"
    )
    to_node = models.ForeignKey(
        Node, on_delete=models.CASCADE, null=True, blank=True, related_name="predecessors"
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    position = models.PositiveIntegerField(_("order"), default=0)
    note_ja, note_en = text_fields(_("reasoning"), required=False, long=True)
    note_attribution = attribution_field(_("reasoning given by"))

    note = BilingualText("note")

    class Meta:
        verbose_name = _("version mapping")
        verbose_name_plural = _("version mappings")
        ordering = ["from_version", "to_version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_version", "to_version", "from_node", "to_node"],
                name="unique_mapping_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_node or '—'} → {self.to_node or '—'} ({self.relation})"

    def history_key(self) -> str:
        from_key = self.from_node.key if self.from_node else "-"
        to_key = self.to_node.key if self.to_node else "-"
        return f"{self.from_version.history_key()}--{self.to_version.slug}/{from_key}--{to_key}"

    def history_plan(self) -> Plan:
        return self.from_version.plan


class Trend(TimeStamped):
    """Social and technology trends for one field, with the expected picture in 2030."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="trends")
    field_code = models.CharField(_("field code"), max_length=40)
    position = models.PositiveIntegerField(_("order"), default=0)
    national = models.JSONField(_("national and social trends"), default=list)
    technologies = models.JSONField(_("current technologies"), default=list)
    outlook_ja, outlook_en = text_fields(_("outlook for 2030"), long=True)
    note = models.TextField(_("note"), blank=True)

    outlook = BilingualText("outlook")

    class Meta:
        verbose_name = _("trend")
        verbose_name_plural = _("trends")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "field_code"], name="unique_trend_field")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.field_code}"

    def history_key(self) -> str:
        return f"{self.plan.identifier}/trend/{self.field_code}"

    def history_plan(self) -> Plan:
        return self.plan


class Milestone(TimeStamped):
    """One item of the revision schedule (改訂スケジュール), placed by fiscal quarter."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    position = models.PositiveIntegerField(_("order"), default=0)
    track_ja, track_en = text_fields(_("track"))
    name_ja, name_en = text_fields(_("name"))
    quarter_start = models.PositiveSmallIntegerField(_("first quarter"))
    quarter_end = models.PositiveSmallIntegerField(_("last quarter"))
    note = models.TextField(_("note"), blank=True)

    track = BilingualText("track")
    name = BilingualText("name")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["plan", "fiscal_year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "fiscal_year", "position"], name="unique_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.track_ja}: {self.name_ja}"

    def history_key(self) -> str:
        return f"{self.plan.identifier}/schedule/{self.fiscal_year}/{self.position}"

    def history_plan(self) -> Plan:
        return self.plan
