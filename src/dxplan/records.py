"""What every content record carries: when it was made and changed, and whose word it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.core.access import Target

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class TimeStamped(models.Model):
    """created_at / updated_at: DCAT's modified dates and the importer's conflict rule need them."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def access_target(self) -> Target:
        """What the access policy (accounts/policy.py) weighs: the organisation whose plan this
        record belongs to. Figures and evaluations add their owning department."""
        plan = self.history_plan() if hasattr(self, "history_plan") else None
        return Target(plan.organisation_id if plan is not None else None)


class Attribution(models.TextChoices):
    """Whether a text is the city's published word or an inference made while transcribing."""

    CITY = "city", _("the city")
    EDITORS = "editors", _("the editors")


def attribution_field(label: str | _StrPromise) -> models.CharField:
    return models.CharField(
        label, max_length=10, choices=Attribution.choices, default=Attribution.CITY
    )


def model_name(model: type[models.Model] | models.Model) -> str:
    """A model's lower-case name ("observation"), as history events and plan states name it."""
    name = model._meta.model_name
    assert name is not None  # set when the model class is created
    return name
