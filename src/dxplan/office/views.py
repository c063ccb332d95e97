"""The staff area's pages: login, the worklist of a year, the entry screen of an indicator.

Thin: they read through office.queries, check with office.forms and write through the
indicator actions (indicators/actions.py), each write audited. Every page is never cached
(access.staff_only).
"""

from __future__ import annotations

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

from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.indicators.actions import publish_actual
from dxplan.indicators.models import Indicator, Observation
from dxplan.plans.models import Plan, PlanVersion

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
    items = queries.worklist(version, year, departments)
    context.update(
        plan=plan,
        version_key=version_key(version),
        year=year,
        years=queries.year_choices(version, year),
        items=items,
        has_departments=bool(departments),
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
        _("%(series)s: back to the published figure; no correction waits any more.")
        % {"series": name}
    ),
    "published": lambda name: _("%(series)s: published.") % {"series": name},
}


def _anchor(form: ActualForm, field: str) -> str:
    """Where an error summary's link leads: the field, or the series' block."""
    if field not in form.fields:
        return f"series-{form.series.key}"
    anchor = form[field].auto_id
    return f"{anchor}_0" if field == "provisional" else anchor


@staff_only
def entry(
    request: HttpRequest, org: str, plan: str, version: str, code: str, year: int
) -> HttpResponse:
    """One form block per series of the indicator for the fiscal year, beside each series'
    history and earlier years. POST saves (as a draft, or published) and redirects."""
    indicator = _indicator(org, plan, version, code)
    the_plan = indicator.measure.version.plan
    if not queries.year_allowed(the_plan, year):
        raise Http404
    series = list(indicator.series.order_by("position"))
    for s in series:
        s.indicator = indicator
    observations = {
        o.series_id: o for o in Observation.objects.filter(series__in=series, fiscal_year=year)
    }
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
    if request.method == "POST":
        valid = [form.is_valid() for form in forms]  # every form, to show every error
        if all(valid):
            publish = request.POST.get("action") == "publish"
            with transaction.atomic():
                outcomes = [(f, f.save(actor=request.user, publish=publish)) for f in forms]
            said = [OUTCOMES[o](str(f.series.name)) for f, o in outcomes if o]
            for text in said:
                messages.success(request, text)
            if not said:
                messages.info(request, _("Nothing was changed."))
            return redirect(request.path)
    history = queries.history(list(observations.values()))
    earlier = queries.earlier_years(series, year)
    blocks = [
        {
            "form": form,
            "series": form.series,
            "figure": queries.Figure(form.series, observations.get(form.series.pk)),
            "history": history.get(observations[form.series.pk].pk, [])
            if form.series.pk in observations
            else [],
            "earlier": earlier[form.series.pk],
        }
        for form in forms
    ]
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
    return render(
        request,
        "office/entry.html",
        {
            "indicator": indicator,
            "plan": the_plan,
            "version": indicator.measure.version,
            "year": year,
            "blocks": blocks,
            "errors": errors,
            "worklist": reverse("office:worklist")
            + f"?version={version_key(indicator.measure.version)}&year={year}",
        },
    )


@staff_only
@require_POST
def publish(
    request: HttpRequest, org: str, plan: str, version: str, code: str, year: int, series: str
) -> HttpResponse:
    """Publish one series' draft or waiting correction for the year (audited)."""
    indicator = _indicator(org, plan, version, code)
    observation = get_object_or_404(
        Observation.objects.select_related("series"),
        series__indicator=indicator,
        series__key=series,
        fiscal_year=year,
    )
    if observation.state == Observation.State.PUBLISHED and not observation.correction:
        messages.info(request, _("Nothing to publish: the figure is public as it is."))
    else:
        publish_actual(observation, actor=request.user)
        messages.success(request, OUTCOMES["published"](str(observation.series.name)))
    return redirect("office:entry", org, plan, version, code, year)
