"""People who use dxplan, their role and the departments they belong to.

What each role may do is decided in one place, the access policy (accounts/policy.py, with its
pure rules in core/access.py); this module only records who is who.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.core.access import Role


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
