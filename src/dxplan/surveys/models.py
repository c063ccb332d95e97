"""Published survey results: the figures a city printed, per question and answer option.

Not the questionnaire engine (questionnaires and raw responses come later): these are the results
as published, which indicator baselines refer to by option code.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from dxplan.bilingual import BilingualText, text_fields
from dxplan.core import surveys as survey_math
from dxplan.plans.models import Plan
from dxplan.records import TimeStamped


class PublishedSurvey(TimeStamped):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="surveys")
    key = models.SlugField(_("key"))
    position = models.PositiveIntegerField(_("order"), default=0)
    title_ja, title_en = text_fields(_("title"))
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    fieldwork_ja, fieldwork_en = text_fields(_("fieldwork period"), required=False)
    method_ja, method_en = text_fields(_("method"), required=False)
    distributed = models.PositiveIntegerField(_("distributed"), null=True, blank=True)
    valid_responses = models.PositiveIntegerField(_("valid responses"))
    published_response_rate = models.DecimalField(
        _("published response rate (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    response_rate_decimals = models.PositiveSmallIntegerField(
        _("decimal places of the response rate"), default=1
    )
    note = models.TextField(_("note"), blank=True)

    title = BilingualText("title")
    fieldwork = BilingualText("fieldwork")
    method = BilingualText("method")

    class Meta:
        verbose_name = _("published survey")
        verbose_name_plural = _("published surveys")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="unique_survey_key")]

    def __str__(self) -> str:
        return self.title_ja

    def history_key(self) -> str:
        return f"{self.plan.identifier}/survey/{self.key}"

    def history_plan(self) -> Plan:
        return self.plan

    @property
    def response_rate(self) -> Decimal | None:
        """Valid responses over questionnaires distributed, as a fraction."""
        if not self.distributed:
            return None
        return survey_math.share(self.valid_responses, self.distributed)


class PublishedQuestion(TimeStamped):
    class Type(models.TextChoices):
        SINGLE = "single", _("single answer")
        MULTIPLE = "multiple", _("multiple answers")

    class PublishedAs(models.TextChoices):
        PERCENT = "percent", _("percentages")
        COUNT = "count", _("counts")

    survey = models.ForeignKey(PublishedSurvey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=80)
    position = models.PositiveIntegerField(_("order"), default=0)
    text_ja, text_en = text_fields(_("question"), long=True)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    base = models.PositiveIntegerField(
        _("base"), help_text=_("Respondents the shares are computed on.")
    )
    base_note_ja, base_note_en = text_fields(_("base note"), required=False, long=True)
    published_as = models.CharField(_("published as"), max_length=10, choices=PublishedAs.choices)
    summary_ja, summary_en = text_fields(_("summary"), required=False, long=True)
    note = models.TextField(_("note"), blank=True)

    text = BilingualText("text")
    base_note = BilingualText("base_note")
    summary = BilingualText("summary")

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="unique_question_key"),
            models.CheckConstraint(condition=models.Q(base__gt=0), name="question_base_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.survey.key}/{self.key}"

    def history_key(self) -> str:
        return f"{self.survey.history_key()}/{self.key}"

    def history_plan(self) -> Plan:
        return self.survey.plan


class PublishedOption(TimeStamped):
    question = models.ForeignKey(
        PublishedQuestion, on_delete=models.CASCADE, related_name="options"
    )
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Stable within the question; indicators refer to it.")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    label_ja, label_en = text_fields(_("label"))
    count = models.PositiveIntegerField(_("count"))
    published = models.DecimalField(_("published figure"), max_digits=12, decimal_places=2)
    published_decimals = models.PositiveSmallIntegerField(
        _("decimal places as printed"), default=1, help_text=_("12.7 was printed with one.")
    )

    label = BilingualText("label")

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="unique_option_code")
        ]

    def __str__(self) -> str:
        return self.label_ja

    def history_key(self) -> str:
        return f"{self.question.history_key()}/{self.code}"

    def history_plan(self) -> Plan:
        return self.question.survey.plan

    @property
    def share(self) -> Decimal:
        return survey_math.share(self.count, self.question.base)
