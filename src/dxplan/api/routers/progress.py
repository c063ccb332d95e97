"""A plan version's progress: its indicators by status, in all and per node of its tree."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status
from pydantic import field_validator

from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.indicators.rollup import version_rollup
from dxplan.plans import queries
from dxplan.plans.models import PlanVersion

from .. import serializers
from ..schemas.common import Error, InvalidInput
from ..schemas.progress import ProgressOut
from . import Router

router = Router(tags=["progress"])

# The written forms of a fiscal year from FY1926 to FY2200 that the OpenAPI document offers
# (2025, FY2025, 2025年度, R7, 令和7年度, 令和元年度 …); core.fiscal_year reads more (full-width
# digits, lower case, spaces), so a client that writes as the plan files do is answered too.
_YEAR = r"(?:19(?:2[6-9]|[3-9]\d)|2[01]\d\d|2200)"
_REIWA = r"(?:[1-9]|[1-9]\d|1[0-7]\d|18[0-2])"
_HEISEI = r"(?:[1-9]|[12]\d|3[01])"
_SHOWA = r"(?:[1-9]|[1-5]\d|6[0-4])"
FISCAL_YEAR_FORMS = (
    rf"^(?:(?:FY)?{_YEAR}(?:年度)?|(?:R|令和)(?:元|{_REIWA})(?:年度)?"
    rf"|(?:H|平成)(?:元|{_HEISEI})(?:年度)?|(?:S|昭和)(?:元|{_SHOWA})(?:年度)?)$"
)


class ProgressQuery(Schema):
    plan: str = Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
        description="Plan id: organisation slug / plan slug, e.g. nagasaki/dx-plan.",
    )
    version: str | None = Field(
        None,
        description="Version slug, e.g. 2025-2027; by default the plan's current version (the "
        "last it lists, as on the plan's home page).",
    )
    fiscal_year: str | None = Field(
        None,
        description="Count only the actuals of fiscal years up to this one, written in any form "
        "a plan file accepts: 2025, FY2025, 2025年度, 令和7年度, R7. By default every published "
        "actual counts.",
        json_schema_extra={"pattern": FISCAL_YEAR_FORMS, "examples": ["R7", "2025"]},
    )

    @field_validator("fiscal_year")
    @classmethod
    def _a_fiscal_year(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_fiscal_year(value)
            except BilingualError as error:
                raise ValueError(str(error)) from None
        return value


def _not_found(ja: str, en: str) -> Status:
    return Status(404, {"detail": f"{ja} / {en}"})


@router.get(
    "/progress",
    response={200: ProgressOut, 404: Error, 422: InvalidInput},
    url_name="progress",
)
def get_progress(request: HttpRequest, query: Query[ProgressQuery]):
    """How many indicators of a plan version are in each status, in all and for each node of
    its tree with indicators below it (a field, a policy …), as of a fiscal year if given."""
    org, _, slug = query.plan.partition("/")
    plan = queries.plans().filter(organisation__slug=org, slug=slug).first()
    if plan is None:
        return _not_found(f"計画「{query.plan}」はありません。", f"No plan '{query.plan}'.")
    version: PlanVersion | None
    if query.version is None:
        version = queries.latest_version(plan)
    else:
        version = next((v for v in plan.versions.all() if v.slug == query.version), None)
    if version is None and query.version is None:
        return _not_found(
            f"計画「{query.plan}」には版がありません。", f"The plan '{query.plan}' has no version."
        )
    if version is None:
        return _not_found(
            f"計画「{query.plan}」に版「{query.version}」はありません。",
            f"The plan '{query.plan}' has no version '{query.version}'.",
        )
    version.plan = plan
    as_of = None if query.fiscal_year is None else parse_fiscal_year(query.fiscal_year)
    return serializers.progress(version_rollup(version, as_of=as_of))
