"""The yearly reporting round: the DX office asks the departments for one fiscal year's figures
by a due date (core/rounds.py has its rules)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.core.access import Target
from dxplan.plans.models import Organisation, PlanVersion
from dxplan.records import TimeStamped


class ReportingRound(TimeStamped):
    """A year's round of reporting: which plan versions it covers, by when."""

    ACCESS_ORGANISATION = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("city")
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year reported"))
    due = models.DateField(_("due date"))
    versions = models.ManyToManyField(
        PlanVersion, related_name="rounds", verbose_name=_("plan versions covered")
    )
    note = models.TextField(_("note"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["organisation", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year"], name="one_round_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} FY{self.fiscal_year}"

    def history_key(self) -> str:
        return f"{self.organisation.code}/round/{self.fiscal_year}"

    def history_plan(self) -> None:
        return None

    def access_target(self) -> Target:
        return Target(self.organisation_id)

    def access_name(self) -> str:
        return str(self)


class Reminder(models.Model):
    """A reminder sent to a person (at most one a day, whatever the rounds)."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    sent_on = models.DateField(_("sent on"))
    kind = models.CharField(_("kind"), max_length=10)  # before | overdue
    outstanding = models.PositiveIntegerField(_("figures outstanding"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.sent_on} {self.kind}"
