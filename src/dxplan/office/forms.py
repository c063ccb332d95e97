"""The staff forms: one series' actual for a year, the login, the upload.

Values are read as the importers read them (core.numbers: ５０．０％, 50.0%, 1,234) and checked
by the one rule for actuals (core.actual_rules); saving goes through the indicator actions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dxplan.accounts.actors import Actor
from dxplan.core.actual_rules import actual_errors, as_entered, is_count
from dxplan.core.errors import BilingualError
from dxplan.core.numbers import check_storable, parse_decimal
from dxplan.core.plan_rules import is_percent
from dxplan.indicators.actions import enter_figure, fingerprint, proposed, publish_figure_now
from dxplan.indicators.models import Observation, Series

from .access import is_staff, say

MAX_UPLOAD = 5 * 1024 * 1024  # bytes: a year's workbook of a large plan is well under 1 MB
FINAL, PROVISIONAL = "final", "provisional"
TEXTS = ("source_ja", "source_en", "analysis_ja", "analysis_en", "note")


class StaffAuthenticationForm(AuthenticationForm):
    """Django's login form; an account without staff rights is refused, saying so."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "not_staff": _(
            "This account has no staff rights. Ask the DX office to make it a staff account."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not is_staff(user):
            raise ValidationError(self.error_messages["not_staff"], code="not_staff")


class ActualForm(forms.Form):
    """One series' figure for one fiscal year; all fields empty means nothing to store."""

    value = forms.CharField(label=_("Value"), required=False, max_length=40)
    lower = forms.CharField(label=_("Lower bound"), required=False, max_length=40)
    upper = forms.CharField(label=_("Upper bound"), required=False, max_length=40)
    provisional = forms.ChoiceField(
        label=_("Provisional or final"),
        choices=[
            (FINAL, _("Final figure (確定値)")),
            (PROVISIONAL, _("Provisional figure (速報値)")),
        ],
        widget=forms.RadioSelect,
        initial=FINAL,
    )
    source_ja = forms.CharField(label=_("Source (Japanese)"), required=False, max_length=500)
    source_en = forms.CharField(label=_("Source (English)"), required=False, max_length=500)
    analysis_ja = forms.CharField(
        label=_("Factors behind the figure (要因分析, Japanese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the figure."),
    )
    analysis_en = forms.CharField(
        label=_("Factors behind the figure (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Not on the public pages, but published with the figure in the open data (API): "
            "write no personal names or contact details here."
        ),
    )

    def __init__(
        self,
        *args: Any,
        series: Series,
        observation: Observation | None,
        year: int,
        period: tuple[int, int],
        **kwargs: Any,
    ) -> None:
        self.series, self.observation, self.year, self.period = series, observation, year, period
        self.indicator = series.indicator
        initial = self.initial_of(observation) if observation is not None else {}
        # what the form was made from: a save based on a figure changed since is refused
        initial["seen"] = fingerprint(observation)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        unit = self.indicator.unit
        for name in ("value", "lower", "upper"):
            self.fields[name].widget.attrs.update(inputmode="decimal", autocomplete="off")
        self.fields["value"].help_text = _(
            "In %(unit)s, as published (e.g. 50.0, ５０．０％, 1,234). %(rule)s"
        ) % {"unit": unit, "rule": self.rule_text()}
        self.fields["upper"].help_text = _(
            "An interval (e.g. a survey's): both bounds or neither, lower ≤ value ≤ upper."
        )
        self.blank = False
        self.observation_now: Observation | None = observation

    def refused(self, conflict: BilingualError) -> None:
        """The figure changed since the form was read: say so with both values, and take the
        current state as read, so that saving again (after looking) is a decision."""
        self.add_error("value", say(conflict))
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        data[self.add_prefix("seen")] = fingerprint(
            Observation.objects.filter(series=self.series, fiscal_year=self.year).first()
        )
        self.data = data

    def rule_text(self) -> str:
        unit = self.indicator.unit
        if is_percent(unit):
            return str(_("A share: from 0 to 100."))
        if is_count(unit, self.indicator.decimals):
            return str(_("A count: a whole number."))
        return ""

    def initial_of(self, observation: Observation) -> dict[str, Any]:
        """The form as the figure will be once published: what is under way shows."""
        current = proposed(observation)
        decimals = self.indicator.decimals
        numbers = {
            name: as_entered(Decimal(str(current[name])), decimals)
            for name in ("value", "lower", "upper")
            if current[name] is not None
        }
        return {
            **numbers,
            "provisional": PROVISIONAL if current["provisional"] else FINAL,
            **{name: current[name] for name in TEXTS},
        }

    def _number(self, name: str) -> Decimal | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            return check_storable(parse_decimal(text, self.indicator.unit))
        except BilingualError as error:
            raise ValidationError(say(error), code="number") from None

    def clean_value(self) -> Decimal | None:
        return self._number("value")

    def clean_lower(self) -> Decimal | None:
        return self._number("lower")

    def clean_upper(self) -> Decimal | None:
        return self._number("upper")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        numbers = {name: data.get(name) for name in ("value", "lower", "upper")}
        written = {name: self.data.get(self.add_prefix(name), "").strip() for name in numbers}
        texts = [data.get(name) for name in TEXTS if not self.fields[name].disabled]
        if not any(written.values()) and not any(texts):
            if self.observation is not None:
                self.add_error(
                    "value", _("Enter the value: a figure once entered cannot be emptied here.")
                )
            self.blank = self.observation is None
            return data
        if not written["value"]:
            self.add_error(
                "value", _("Enter the value, or leave every field of this series empty.")
            )
            return data
        value = numbers["value"]
        if value is None or any(name in self.errors for name in numbers):
            return data
        for part, error in actual_errors(
            unit=self.indicator.unit,
            value=value,
            lower=numbers["lower"],
            upper=numbers["upper"],
            decimals=self.indicator.decimals,
            year=self.year,
            baseline_year=self.series.baseline_year,
            period=self.period,
        ):
            self.add_error(part if part in numbers else None, say(error))
        return data

    def save(self, *, actor: Actor, publish: bool) -> str | None:
        """Store the figure through the actions; what happened (None: nothing). A figure
        changed by someone else since the form was opened is refused (indicators.actions
        .Conflict), naming both values."""
        if self.blank:
            return None
        data = self.cleaned_data
        values = {
            "value": data["value"],
            "source_ja": data["source_ja"],
            "source_en": data["source_en"],
            "lower": data["lower"],
            "upper": data["upper"],
            "provisional": data["provisional"] == PROVISIONAL,
            "note": data["note"],
            "analysis_ja": data["analysis_ja"],
            "analysis_en": data["analysis_en"],
        }
        outcome = enter_figure(
            self.series, self.year, values, actor=actor, seen=data.get("seen") or None
        )
        self.observation_now = outcome.observation
        what: str | None = None if outcome.what == "unchanged" else outcome.what
        if publish:
            published = publish_figure_now(outcome.observation, actor=actor)
            what = "published" if published.what == "published" else what
        return what


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx) or CSV file"),
        help_text=_("At most 5 MB. Nothing is stored before you confirm the preview."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".xlsm", ".csv")):
            raise ValidationError(
                _("Give an Excel workbook (.xlsx) or a CSV file (.csv)."), code="type"
            )
        if upload.size > MAX_UPLOAD:
            raise ValidationError(
                _("The file is too large (%(size)s MB): at most 5 MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}"},
                code="size",
            )
        return upload
