"""Organisations, plans, plan versions, the node tree of each version, and version mappings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.bilingual import BilingualText, text_fields


class Organisation(models.Model):
    """A municipality, identified by its 6-digit local government code (長崎市 = 422011)."""

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


class Department(models.Model):
    """An organisational unit that owns measures and indicators (所管課)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name_ja, name_en = text_fields(_("name"))
    name = BilingualText("name")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organisation", "name_ja"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name_ja"], name="unique_department")
        ]

    def __str__(self) -> str:
        return self.name_ja


class Plan(models.Model):
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


class PlanVersion(models.Model):
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


class Node(models.Model):
    """One element of a version's policy system: from domain down to initiative."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", _("domain")
        FIELD = "field", _("field")
        VISION = "vision", _("vision")
        POLICY = "policy", _("basic policy")
        MEASURE = "measure", _("basic measure")
        INITIATIVE = "initiative", _("initiative")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
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

    def clean(self) -> None:
        """Keep the tree a tree when staff edit it: same version, allowed parent, no cycle."""
        from django.core.exceptions import ValidationError

        from dxplan.io.planfiles import ALLOWED_PARENTS

        parent = self.parent
        if parent is None:
            return
        if parent.version_id != self.version_id:
            raise ValidationError({"parent": _("The parent must belong to the same version.")})
        if parent.kind not in ALLOWED_PARENTS[self.kind]:
            raise ValidationError({"parent": _("This kind of node cannot stand there.")})
        seen = {self.pk}
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A node cannot be its own ancestor.")})
            seen.add(parent.pk)
            parent = parent.parent


class EvaluationRecord(models.Model):
    """A measure's achievements and challenges over one phase (主な成果・課題)."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="evaluations")
    phase_start = models.PositiveIntegerField(_("first fiscal year"))
    phase_end = models.PositiveIntegerField(_("last fiscal year"))
    achievements_ja, achievements_en = text_fields(_("achievements"), long=True)
    challenges_ja, challenges_en = text_fields(_("challenges"), long=True)
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


class VersionMapping(models.Model):
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


class Trend(models.Model):
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


class Milestone(models.Model):
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


class AuditEvent(models.Model):
    """What an action changed, who did it and when: written by every action in one transaction."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("actor")
    )
    action = models.CharField(_("action"), max_length=80)
    subject = models.CharField(_("subject"), max_length=300)
    detail = models.JSONField(_("detail"), default=dict)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.subject}"
