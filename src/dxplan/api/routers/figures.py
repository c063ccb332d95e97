"""Writing figures: a department's systems enter, submit and withdraw the yearly figures of the
indicators their department owns, with a token, through the same actions and the same access
policy as the staff screens (indicators/actions.py, accounts/policy.py).

    GET  /api/v1/figures/{org}/{plan}/{version}/{code}/{series}/{year}    as it stands
    PUT  /api/v1/figures/{org}/{plan}/{version}/{code}/{series}/{year}    enter or correct
    POST /api/v1/figures/{org}/{plan}/{version}/{code}/{series}/{year}/submit
    POST /api/v1/figures/{org}/{plan}/{version}/{code}/{series}/{year}/withdraw

Nothing here is public until the DX office publishes it; these answers are never cached.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.responses import Status

from dxplan.accounts.policy import Refused, check
from dxplan.core.access import Verb
from dxplan.core.actual_rules import actual_errors
from dxplan.core.errors import BilingualError
from dxplan.core.numbers import check_storable, parse_decimal, plain
from dxplan.core.plan_rules import year_error
from dxplan.indicators import actions
from dxplan.indicators.models import Observation, Series
from dxplan.tokens.actions import note_write

from ..auth import DepartmentToken, token
from ..schemas.common import Error, InvalidInput
from . import Router

router = Router(tags=["figures (write)"], auth=DepartmentToken())
PATH = "/figures/{org}/{plan}/{version}/{code}/{series}/{year}"
STATES = "draft, submitted, sent_back, approved, published or withdrawn"


class TextIn(Schema):
    ja: str = Field("", max_length=5000)
    en: str = Field("", max_length=5000)


class FigureIn(Schema):
    """A year's figure as the department gives it. Numbers are strings or numbers in the
    indicator's unit, read as the workbook reads them (`50.0`, `５０．０％`, `1,234`)."""

    value: str | float = Field(description="The figure, in the indicator's unit.")
    lower: str | float | None = Field(None, description="Lower bound (both or neither).")
    upper: str | float | None = Field(None, description="Upper bound (both or neither).")
    source: TextIn | None = None
    provisional: bool = Field(False, description="A preliminary figure (速報値).")
    analysis: TextIn | None = Field(None, description="The factors behind it (要因分析).")
    note: str = Field("", max_length=5000)
    seen: str | None = Field(
        None,
        max_length=64,
        description="The `fingerprint` of the figure as read before: a save based on a figure "
        "changed since is refused with 409, naming both values.",
    )


class FigureOut(Schema):
    series: str = Field(description="version/indicator code/series key")
    fiscal_year: int
    state: str = Field(description=f"Where it stands: none, {STATES}.")
    value: float | None = Field(description="The figure as it stands in the workflow.")
    lower: float | None
    upper: float | None
    provisional: bool
    public_value: float | None = Field(description="What the public sees now (None: nothing).")
    correcting: bool = Field(description="A published figure with a correction under way.")
    reason: str = Field(description="Why it was sent back, if it was.")
    fingerprint: str = Field(description="Send back as `seen` with the next PUT.")


class OutcomeOut(Schema):
    what: str = Field(
        description="recorded, changed, waiting (a correction), withdrawn, unchanged, submitted"
    )
    figure: FigureOut


class ConflictOut(Schema):
    detail: str
    current: float | None
    yours: float | None


def _series(org: str, plan: str, version: str, code: str, key: str) -> Series:
    found = (
        Series.objects.select_related("indicator__measure__version__plan__organisation")
        .filter(
            indicator__measure__version__plan__organisation__slug=org,
            indicator__measure__version__plan__slug=plan,
            indicator__measure__version__slug=version,
            indicator__code=code,
            key=key,
        )
        .first()
    )
    if found is None:
        raise LookupError
    return found


def _figure(series: Series, year: int) -> dict[str, Any]:
    observation = Observation.objects.filter(series=series, fiscal_year=year).first()
    revision = actions.current_revision(observation) if observation is not None else None
    current = actions.proposed(observation)
    published = observation is not None and observation.state == Observation.State.PUBLISHED

    def number(value: Decimal | None) -> float | None:
        return float(plain(value)) if value is not None else None

    indicator = series.indicator
    return {
        "series": f"{indicator.measure.version.slug}/{indicator.code}/{series.key}",
        "fiscal_year": year,
        "state": str(revision.state if revision else observation.state) if observation else "none",
        "value": number(current.get("value")),
        "lower": number(current.get("lower")),
        "upper": number(current.get("upper")),
        "provisional": bool(current.get("provisional", False)),
        "public_value": number(observation.value) if published and observation else None,
        "correcting": bool(published and revision is not None),
        "reason": revision.reason if revision is not None else "",
        "fingerprint": actions.fingerprint(observation),
    }


def _number(text: str | float | None, unit: str, what: str) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return check_storable(parse_decimal(str(text), unit))
    except (BilingualError, InvalidOperation) as error:
        message = error.en if isinstance(error, BilingualError) else "not a number"
        raise ValueError(f"{what}: {message}") from None


def _invalid(problems: list[str]) -> Status[dict[str, Any]]:
    """422 in the shape ninja gives its own (`detail`: a list of what is wrong and where)."""
    return Status(
        422,
        {
            "detail": [
                {"type": "dxplan", "loc": ["body", p.split(":")[0]], "msg": p} for p in problems
            ]
        },
    )


def _refused(error: Refused) -> Status[dict[str, str]]:
    return Status(403, {"detail": f"{error.en} / {error.ja}"})


@router.get(
    PATH,
    response={200: FigureOut, 401: Error, 403: Error, 404: Error, 422: InvalidInput},
    summary="A figure as it stands in the workflow",
)
def get_figure(
    request: HttpRequest, org: str, plan: str, version: str, code: str, series: str, year: int
) -> Any:
    try:
        found = _series(org, plan, version, code, series)
        check(token(request), Verb.VIEW, found)
    except LookupError:
        return Status(404, {"detail": "No such series."})
    except Refused as error:
        return _refused(error)
    return Status(200, _figure(found, year))


@router.put(
    PATH,
    response={
        200: OutcomeOut,
        401: Error,
        403: Error,
        404: Error,
        409: ConflictOut,
        422: InvalidInput,
    },
    summary="Enter or correct a figure (a draft; a published figure's correction waits)",
)
def put_figure(
    request: HttpRequest,
    org: str,
    plan: str,
    version: str,
    code: str,
    series: str,
    year: int,
    body: FigureIn,
) -> Any:
    try:
        found = _series(org, plan, version, code, series)
    except LookupError:
        return Status(404, {"detail": "No such series."})
    indicator, the_plan = found.indicator, found.indicator.measure.version.plan
    if year_error(year, (the_plan.start_year, the_plan.end_year)) is not None:
        return Status(404, {"detail": "That fiscal year lies far outside the plan's years."})
    try:
        value = _number(body.value, indicator.unit, "value")
        lower = _number(body.lower, indicator.unit, "lower")
        upper = _number(body.upper, indicator.unit, "upper")
    except ValueError as error:
        return _invalid([str(error)])
    if value is None:
        return _invalid(["value: enter the figure."])
    problems = [
        f"{part}: {error.en} / {error.ja}"
        for part, error in actual_errors(
            unit=indicator.unit,
            value=value,
            lower=lower,
            upper=upper,
            decimals=indicator.decimals,
            year=year,
            baseline_year=found.baseline_year,
            period=(the_plan.start_year, the_plan.end_year),
        )
    ]
    if problems:
        return _invalid(problems)
    values = {
        "value": value,
        "lower": lower,
        "upper": upper,
        "source_ja": body.source.ja if body.source else "",
        "source_en": body.source.en if body.source else "",
        "provisional": body.provisional,
        "note": body.note,
        "analysis_ja": body.analysis.ja if body.analysis else "",
        "analysis_en": body.analysis.en if body.analysis else "",
    }
    try:
        outcome = actions.enter_figure(found, year, values, actor=token(request), seen=body.seen)
    except Refused as error:
        return _refused(error)
    except actions.Conflict as conflict:
        return Status(
            409,
            {
                "detail": f"{conflict.en} / {conflict.ja}",
                "current": float(conflict.current["value"]) if conflict.current else None,
                "yours": float(value),
            },
        )
    note_write(token(request))
    return Status(200, {"what": outcome.what, "figure": _figure(found, year)})


def _step(request: HttpRequest, step: str, found: Series, year: int) -> Any:
    observation = Observation.objects.filter(series=found, fiscal_year=year).first()
    if observation is None:
        return Status(404, {"detail": "No figure has been entered for that year."})
    observation.series = found
    take = actions.submit_figure if step == "submit" else actions.withdraw_figure
    try:
        outcome = take(observation, actor=token(request))
    except Refused as error:
        return _refused(error)
    except BilingualError as error:  # nothing under way, or a step its state does not allow
        return Status(409, {"detail": f"{error.en} / {error.ja}", "current": None, "yours": None})
    note_write(token(request))
    return Status(200, {"what": outcome.what, "figure": _figure(found, year)})


STEP_RESPONSES = {
    200: OutcomeOut,
    401: Error,
    403: Error,
    404: Error,
    409: ConflictOut,
    422: InvalidInput,
}


@router.post(PATH + "/submit", response=STEP_RESPONSES, summary="Submit a figure for review")
def submit(
    request: HttpRequest, org: str, plan: str, version: str, code: str, series: str, year: int
) -> Any:
    try:
        found = _series(org, plan, version, code, series)
    except LookupError:
        return Status(404, {"detail": "No such series."})
    return _step(request, "submit", found, year)


@router.post(
    PATH + "/withdraw",
    response=STEP_RESPONSES,
    summary="Withdraw what is under way (the published figure stays)",
)
def withdraw(
    request: HttpRequest, org: str, plan: str, version: str, code: str, series: str, year: int
) -> Any:
    try:
        found = _series(org, plan, version, code, series)
    except LookupError:
        return Status(404, {"detail": "No such series."})
    return _step(request, "withdraw", found, year)
