"""People who use dxplan. Users belong to departments; roles come with the reporting round."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
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
