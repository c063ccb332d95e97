"""The staff area's pages: login, the worklist of a year, the entry screen of an indicator.

Thin: they read through office.queries, check with office.forms and write through the
indicator actions (indicators/actions.py), each write audited. Every page is never cached
(access.staff_only).
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dxplan.accounts.policy import Refused, can, check
from dxplan.core import workflow
from dxplan.core.access import Verb
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.core.workflow import Step, StepRefused
from dxplan.indicators import actions
from dxplan.indicators.models import Indicator, Observation
from dxplan.plans.models import Department, Plan, PlanVersion

from . import queries
from .access import departments_of, staff_only
from .forms import ActualForm, StaffAuthenticationForm, say


class StaffLogin(LoginView):
    """Django's login (never cached, CSRF-protected) with the staff area's page and form."""

    template_name = "office/login.html"
    authentication_form = StaffAuthenticationForm

    def get_default_redirect_url(self) -> str:
        return reverse("office:worklist")


logout = never_cache(LogoutView.as_view(next_page=reverse_lazy("office:login")))


def version_key(version: PlanVersion) -> str:
    plan = version.plan
    return f"{plan.organisation.slug}/{plan.slug}/{version.slug}"


def _choose_version(request: HttpRequest, plans: list[Plan]) -> PlanVersion | None:
    """The version asked for, or the latest version of the user's organisation's first plan
    (else of the first plan)."""
    versions = {version_key(v): v for p in plans for v in p.versions.all()}
    for v in versions.values():
        v.plan = next(p for p in plans if p.pk == v.plan_id)
    asked = request.GET.get("version", "")
    if asked in versions:
        return versions[asked]
    organisations = {d.organisation_id for d in departments_of(request.user)}
    ordered = sorted(plans, key=lambda p: p.organisation_id not in organisations)
    for plan in ordered:
        found = list(plan.versions.all())
        if found:
            return versions[version_key(found[-1])]
    return None


@staff_only
def worklist(request: HttpRequest) -> HttpResponse:
    plans = queries.plans()
    version = _choose_version(request, plans)
    context: dict[str, Any] = {"plans": plans, "version": version}
    if version is None:
        return render(request, "office/worklist.html", context)
    plan = version.plan
    year = queries.default_year(version)
    if request.GET.get("year"):
        try:
            asked = parse_fiscal_year(request.GET["year"])
        except BilingualError as error:
            context["year_error"] = say(error)
        else:
            if queries.year_allowed(plan, asked):
                year = asked
            else:
                context["year_error"] = _("That year lies far outside the plan's years.")
    departments = {d.pk for d in departments_of(request.user)}
    items = queries.worklist(version, year, departments, request.user)
    context.update(
        plan=plan,
        version_key=version_key(version),
        year=year,
        years=queries.year_choices(version, year),
        items=items,
        has_departments=bool(departments),
        role=getattr(request.user, "role", ""),
        mine=[i for i in items if i.mine],
        others=[i for i in items if not i.mine],
    )
    return render(request, "office/worklist.html", context)


def _indicator(org: str, plan: str, version: str, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("measure__version__plan__organisation", "department"),
        measure__version__plan__organisation__slug=org,
        measure__version__plan__slug=plan,
        measure__version__slug=version,
        code=code,
    )


OUTCOMES = {
    "recorded": lambda name: (
        _("%(series)s: saved as a draft; not public until published.") % {"series": name}
    ),
    "changed": lambda name: (
        _("%(series)s: the draft was changed; not public until published.") % {"series": name}
    ),
    "waiting": lambda name: (
        _(
            "%(series)s: the correction was saved. The published figure stays public until the "
            "correction is published."
        )
        % {"series": name}
    ),
    "withdrawn": lambda name: (
        _("%(series)s: withdrawn; what is published stays as it is.") % {"series": name}
    ),
    "submitted": lambda name: (
        _("%(series)s: submitted to the DX office for review.") % {"series": name}
    ),
    "approved": lambda name: _("%(series)s: approved.") % {"series": name},
    "sent_back": lambda name: (
        _("%(series)s: sent back to the department with your reason.") % {"series": name}
    ),
    "published": lambda name: _("%(series)s: published.") % {"series": name},
}


def _anchor(form: ActualForm, field: str) -> str:
    """Where an error summary's link leads: the field, or the series' block."""
    if field not in form.fields:
        return f"series-{form.series.key}"
    anchor = form[field].auto_id
    return f"{anchor}_0" if field == "provisional" else anchor


class _Rollback(Exception):
    """Undo every save of the page: one of its figures changed since the form was opened."""


def _save_all(request: HttpRequest, forms: list[ActualForm], action: str) -> list[tuple[Any, str]]:
    """Save every series' form in one transaction, then submit or publish them as asked;
    nothing is stored if one figure changed since the page was read (its form says so)."""
    conflicts = False
    outcomes: list[tuple[Any, str]] = []
    try:
        with transaction.atomic():
            for form in forms:
                try:
                    outcome = form.save(actor=request.user, publish=action == "publish")
                except actions.Conflict as conflict:
                    form.refused(conflict)
                    conflicts = True
                    continue
                figure = form.observation_now
                if action == "submit" and figure is not None:
                    # nothing open to submit: already submitted, or public as it is
                    with contextlib.suppress(actions.NothingToDo, StepRefused):
                        outcome = actions.submit_figure(figure, actor=request.user).what
                if outcome:
                    outcomes.append((form, outcome))
            if conflicts:
                raise _Rollback
    except _Rollback:
        return []
    return outcomes


def _figures(series: list[Any], year: int) -> tuple[dict[int, Observation], dict[int, Any]]:
    observations = {
        o.series_id: o for o in Observation.objects.filter(series__in=series, fiscal_year=year)
    }
    return observations, queries.open_revisions(list(observations.values()))


@staff_only
def entry(
    request: HttpRequest, org: str, plan: str, version: str, code: str, year: int
) -> HttpResponse:
    """One form block per series of the indicator for the fiscal year, beside each series'
    history and earlier years. POST saves (as a draft, submitted, or published) and redirects;
    the buttons shown are those the user's role allows (accounts/policy.py), and the actions
    check again."""
    indicator = _indicator(org, plan, version, code)
    check(request.user, Verb.VIEW, indicator)
    the_plan = indicator.measure.version.plan
    if not queries.year_allowed(the_plan, year):
        raise Http404
    series = list(indicator.series.order_by("position"))
    for s in series:
        s.indicator = indicator
    observations, revisions = _figures(series, year)
    period = (the_plan.start_year, the_plan.end_year)
    forms = [
        ActualForm(
            request.POST if request.method == "POST" else None,
            prefix=s.key,
            series=s,
            observation=observations.get(s.pk),
            year=year,
            period=period,
        )
        for s in series
    ]
    may = {
        verb.value: can(request.user, verb, indicator)
        for verb in (Verb.ENTER, Verb.SUBMIT, Verb.WITHDRAW, Verb.REVIEW, Verb.PUBLISH)
    }
    if request.method == "POST":
        check(request.user, Verb.ENTER, indicator)
        valid = [form.is_valid() for form in forms]  # every form, to show every error
        if all(valid):
            action = request.POST.get("action", "draft")
            outcomes = _save_all(request, forms, action)
            if not any(form.errors for form in forms):
                said = [OUTCOMES[o](str(f.series.name)) for f, o in outcomes]
                for text in said:
                    messages.success(request, text)
                if not said:
                    messages.info(request, _("Nothing was changed."))
                return redirect(request.path)
            observations, revisions = _figures(series, year)
    history = queries.history(list(observations.values()))
    earlier = queries.earlier_years(series, year)
    blocks = []
    for form in forms:
        observation = observations.get(form.series.pk)
        figure = queries.Figure(
            form.series, observation, revisions.get(observation.pk) if observation else None
        )
        blocks.append(
            {
                "form": form,
                "series": form.series,
                "figure": figure,
                "history": history.get(observation.pk, []) if observation else [],
                "earlier": earlier[form.series.pk],
                "steps": _steps(figure, may),
            }
        )
    errors = [
        {
            "href": f"#{_anchor(form, field)}",
            "series": form.series.name,
            "label": form.fields[field].label if field in form.fields else "",
            "text": error,
        }
        for form in forms
        for field, errors in form.errors.items()
        for error in errors
    ]
    owner = indicator.owner_id()
    return render(
        request,
        "office/entry.html",
        {
            "indicator": indicator,
            "owner": Department.objects.filter(pk=owner).first() if owner else None,
            "plan": the_plan,
            "version": indicator.measure.version,
            "year": year,
            "blocks": blocks,
            "errors": errors,
            "may": may,
            "worklist": reverse("office:worklist")
            + f"?version={version_key(indicator.measure.version)}&year={year}",
        },
    )


def _steps(figure: queries.Figure, may: dict[str, bool]) -> list[str]:
    """The workflow steps this user may take on the series' figure now (buttons)."""
    state = figure.state if figure.revision is not None or figure.observation else "none"
    if figure.revision is None and state not in ("draft", "submitted", "approved", "sent_back"):
        return []
    steps = []
    if may["submit"] and workflow.allowed(state, Step.SUBMIT):
        steps.append("submit")
    if may["review"] and workflow.allowed(state, Step.APPROVE):
        steps.append("approve")
    if may["review"] and workflow.allowed(state, Step.SEND_BACK):
        steps.append("send_back")
    if may["publish"] and (
        workflow.allowed(state, Step.PUBLISH) or (may["submit"] and may["review"])
    ):
        steps.append("publish")
    if may["withdraw"] and workflow.allowed(state, Step.WITHDRAW):
        steps.append("withdraw")
    return steps


STEPS = {"submit", "approve", "send_back", "publish", "withdraw"}


@staff_only
@require_POST
def step(
    request: HttpRequest,
    org: str,
    plan: str,
    version: str,
    code: str,
    year: int,
    series: str,
    name: str,
) -> HttpResponse:
    """Take one workflow step on a series' figure for the year (the actions check the policy
    and the state machine; each step is in the history under its own verb)."""
    if name not in STEPS:
        raise Http404
    indicator = _indicator(org, plan, version, code)
    check(request.user, Verb.VIEW, indicator)
    observation = get_object_or_404(
        Observation.objects.select_related("series"),
        series__indicator=indicator,
        series__key=series,
        fiscal_year=year,
    )
    observation.series.indicator = indicator
    label = str(observation.series.name)
    try:
        if name == "submit":
            outcome = actions.submit_figure(observation, actor=request.user)
        elif name == "approve":
            outcome = actions.approve_figure(observation, actor=request.user)
        elif name == "send_back":
            outcome = actions.send_back_figure(
                observation, request.POST.get("reason", ""), actor=request.user
            )
        elif name == "withdraw":
            outcome = actions.withdraw_figure(observation, actor=request.user)
        else:
            outcome = actions.publish_figure_now(observation, actor=request.user)
    except Refused:
        raise
    except BilingualError as error:
        messages.error(request, f"{label}: {say(error)}")
    else:
        if outcome.what == "unchanged":
            messages.info(request, _("Nothing to publish: the figure is public as it is."))
        else:
            messages.success(request, OUTCOMES[outcome.what](label))
    if request.POST.get("next") == "review":
        return redirect("office:review")
    return redirect("office:entry", org, plan, version, code, year)
