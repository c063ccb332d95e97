"""The history of every record: one event per change, pointing at its object."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who changed what, from what, to what, and when.

    `changes` holds {field: [before, after]} for the fields that changed; `state` holds every field
    of the object after the change (before it, for a deletion), so any earlier state can be
    restored. Events of one import hang under that import's own event (`group`).
    """

    class Verb(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        RESTORE = "restore", _("restored")
        IMPORT = "import", _("imported")
        DELETE_PLAN = "delete_plan", _("plan deleted")
        CHANGE_CODE = "change_code", _("code changed")
        # the steps of a figure's workflow (core/workflow.py), one verb each, so that "when was
        # this published" is a filter on the verb
        FIGURE_ENTERED = "figure_entered", _("figure entered")
        FIGURE_EDITED = "figure_edited", _("figure changed")
        FIGURE_SUBMITTED = "figure_submitted", _("figure submitted")
        FIGURE_SENT_BACK = "figure_sent_back", _("figure sent back")
        FIGURE_APPROVED = "figure_approved", _("figure approved")
        FIGURE_PUBLISHED = "figure_published", _("figure published")
        FIGURE_WITHDRAWN = "figure_withdrawn", _("figure withdrawn")
        REPORTING_ROUND_OPENED = "round_opened", _("reporting round opened")
        REPORTING_ROUND_PUBLISHED = "round_published", _("reporting round published")
        TOKEN_ISSUED = "token_issued", _("API token issued")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(
        _("actor name"), max_length=150, help_text=_("The user name, or the command that acted.")
    )
    verb = models.CharField(_("verb"), max_length=20, choices=Verb.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_pk = models.CharField(_("object id"), max_length=64, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_key = models.CharField(_("object"), max_length=500, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    scope = models.CharField(
        _("plan identifier"),
        max_length=200,
        blank=True,
        help_text=_("Kept after a plan is deleted."),
    )
    changes = models.JSONField(_("changes"), default=dict)
    state = models.JSONField(_("state"), null=True, blank=True)
    group = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("part of"),
    )
    detail = models.JSONField(_("detail"), default=dict)

    class Meta:
        verbose_name = _("history event")
        verbose_name_plural = _("history")
        ordering = ["-time", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="audit_object"),
            models.Index(fields=["scope", "time"], name="audit_scope_time"),
        ]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.object_key}"
