"""People who use dxplan, their role and the departments they belong to.

What each role may do is decided in one place, the access policy (accounts/policy.py, with its
pure rules in core/access.py); this module only records who is who.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.core.access import Role, Target


class User(AbstractUser):
    class Roles(models.TextChoices):
        NONE = Role.NONE.value, _("no role")
        DEPARTMENT_EDITOR = Role.DEPARTMENT_EDITOR.value, _("department editor")
        REVIEWER = Role.REVIEWER.value, _("reviewer")
        OFFICE_EDITOR = Role.OFFICE_EDITOR.value, _("DX office editor")
        COMMITTEE = Role.COMMITTEE.value, _("committee member")

    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Roles.choices,
        blank=True,
        default=Roles.NONE,
        help_text=_(
            "Department editors report their departments' figures; reviewers approve or send "
            "back and publish; DX office editors do all of this for every plan of the "
            "organisation; committee members read drafts and change nothing. Administrators "
            "(superusers) may do everything."
        ),
    )
    organisation = models.ForeignKey(
        "plans.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
        help_text=_("The city whose plans this person works on (a department's city counts too)."),
    )
    departments = models.ManyToManyField(
        "plans.Department",
        blank=True,
        related_name="members",
        verbose_name=_("departments"),
        help_text=_("The departments whose figures this person reports."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class ApiToken(models.Model):
    """A department's key to the write API: its systems enter and submit the figures the
    department owns, as a department editor of it would (accounts/policy.py). Only a hash of the
    key is stored; the key is shown once, when issued. Revoked keys stay, for the history."""

    ACCESS_ORGANISATION = "organisation"

    organisation = models.ForeignKey(
        "plans.Organisation",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    department = models.ForeignKey(
        "plans.Department",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What uses it, e.g. a system."))
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.CharField(_("issued by"), max_length=150, blank=True)
    last_used_at = models.DateTimeField(_("last write"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["organisation", "department", "-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def get_username(self) -> str:
        """How the history names what the token did."""
        return f"token {self.prefix} ({self.department.name_ja})"

    def history_key(self) -> str:
        return f"{self.organisation.code}/token/{self.prefix}"

    def history_plan(self) -> None:
        return None

    def access_target(self) -> Target:
        return Target(self.organisation_id)
