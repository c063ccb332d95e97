"""The reporting round on the staff screens: the rounds and opening one (DX office), a round's
progress per department and, for a department, its own list (今回の依頼), and publishing the
round with a preview of every public change. The rounds app's actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dxplan.accounts.policy import anywhere, can, check, principal_of, visible
from dxplan.core.access import Verb
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.plans.models import Organisation, PlanVersion
from dxplan.rounds import actions, queries
from dxplan.rounds.models import ReportingRound

from . import queries as office_queries
from .access import departments_of, say, staff_only


class OpenRoundForm(forms.Form):
    fiscal_year = forms.CharField(
        label=gettext_lazy("Fiscal year reported"),
        max_length=20,
        help_text=gettext_lazy("e.g. R7, 令和7年度, 2025"),
    )
    due = forms.DateField(
        label=gettext_lazy("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("YYYY-MM-DD"),
    )
    versions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Plan versions covered"),
        queryset=PlanVersion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        field: Any = self.fields["versions"]
        field.queryset = PlanVersion.objects.filter(plan__organisation=organisation)
        field.queryset = field.queryset.select_related("plan")
        field.label_from_instance = lambda v: f"{v.plan.name} · {v.name}"

    def clean_fiscal_year(self) -> int:
        try:
            return parse_fiscal_year(self.cleaned_data["fiscal_year"])
        except BilingualError as error:
            raise forms.ValidationError(say(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("fiscal_year")
        if (
            year
            and ReportingRound.objects.filter(
                organisation=self.organisation, fiscal_year=year
            ).exists()
        ):
            self.add_error("fiscal_year", _("A round for this fiscal year is open already."))
        return data


def _organisation(request: HttpRequest) -> Organisation | None:
    """The city the user works for (their own, or their departments')."""
    principal = principal_of(request.user)
    ids = sorted(int(str(pk)) for pk in principal.organisations)
    if ids:
        return Organisation.objects.filter(pk=ids[0]).first()
    return Organisation.objects.order_by("code").first() if principal.unrestricted else None


@staff_only
def rounds(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = None
    if organisation is not None and can(request.user, Verb.MANAGE, organisation):
        form = OpenRoundForm(
            request.POST if request.method == "POST" else None, organisation=organisation
        )
        if request.method == "POST" and form.is_valid():
            made = actions.open_round(
                organisation,
                form.cleaned_data["fiscal_year"],
                form.cleaned_data["due"],
                form.cleaned_data["versions"],
                actor=request.user,
            )
            messages.success(request, _("The round was opened."))
            return redirect("office:round", made.pk)
    listed = list(visible(request.user, ReportingRound.objects.all(), Verb.VIEW))
    return render(
        request,
        "office/rounds.html",
        {"rounds": listed, "form": form, "organisation": organisation},
    )


def _entry_url(item: queries.RoundItem, year: int) -> str:
    version = item.indicator.measure.version
    plan = version.plan
    return reverse(
        "office:entry",
        args=[plan.organisation.slug, plan.slug, version.slug, item.indicator.code, year],
    )


@staff_only
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(ReportingRound.objects.select_related("organisation"), pk=pk)
    today = timezone.localdate()
    everything = queries.items(round)
    seen = {(i.series.pk) for i in queries.items(round, request.user)}
    check(request.user, Verb.VIEW, round) if not seen else None
    mine_departments = {d.pk for d in departments_of(request.user)}
    mine = [i for i in everything if i.owner is not None and i.owner.pk in mine_departments]
    for item in everything:
        item.entry_url = _entry_url(item, round.fiscal_year)  # type: ignore[attr-defined]
    wide = anywhere(request.user, Verb.REVIEW) or anywhere(request.user, Verb.MANAGE)
    return render(
        request,
        "office/round.html",
        {
            "round": round,
            "today": today,
            "overdue": today > round.due,
            "departments": queries.by_department(round, everything, today) if wide else [],
            "mine": mine,
            "listed": [i for i in everything if i.series.pk in seen] if wide else [],
            "may_publish": can(request.user, Verb.PUBLISH, round) and round.published_at is None,
        },
    )


@staff_only
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: every change the round's publication would make public; POST: make it."""
    round = get_object_or_404(ReportingRound.objects.select_related("organisation"), pk=pk)
    check(request.user, Verb.PUBLISH, round)
    if request.method == "POST":
        outcomes = actions.publish_round(round, actor=request.user)
        messages.success(request, _("Published: %(count)s figures.") % {"count": len(outcomes)})
        return redirect("office:round", round.pk)
    approved = {i.revision.pk for i in queries.items(round) if i.revision is not None}
    changes = [
        item
        for item in office_queries.review_queue(request.user, states=("approved",))
        if item.revision.pk in approved
    ]
    return render(request, "office/round_publish.html", {"round": round, "changes": changes})


round_publish_post = require_POST(round_publish)
