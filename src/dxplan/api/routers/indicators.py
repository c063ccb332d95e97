"""Outcome indicators with series, baselines, targets and their public figures (dxplan.figures)."""

from collections.abc import Iterable

from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from dxplan.core import plan_rules
from dxplan.core.progress import Status
from dxplan.figures import read
from dxplan.figures.records import IndicatorFigures
from dxplan.indicators import queries as indicator_queries
from dxplan.indicators import standing
from dxplan.indicators.models import Indicator
from dxplan.plans import queries
from dxplan.plans.models import Node

from .. import serializers
from ..pagination import LinkPagination, PageOf
from ..schemas.common import Error, InvalidInput
from ..schemas.indicators import IndicatorOut
from . import Router

router = Router(tags=["indicators"])


class IndicatorFilter(Schema):
    plan: str | None = Field(
        None,
        pattern=r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
        description="Plan id: organisation slug / plan slug, e.g. nagasaki/dx-plan.",
    )
    version: str | None = Field(None, description="Version slug, e.g. 2025-2027.")
    field: str | None = Field(None, description="Code of the field above the measure, e.g. 4.")
    measure: str | None = Field(None, description="Measure code, e.g. 1-1.")
    status: Status | None = Field(
        None,
        description="Only indicators in this overall status, from their latest published "
        "figures (as GET /api/v1/progress counts them), e.g. deteriorating.",
    )


def _nearest_fields(version_ids: Iterable[int], wanted: Iterable[int]) -> dict[int, str | None]:
    """The code of the field nearest above each wanted node, from one query over the versions'
    (id, parent, kind, code): a page of 100 indicators walks up from 100 nodes, not all."""
    nodes = {
        pk: (parent, kind, code)
        for pk, parent, kind, code in Node.objects.filter(version_id__in=version_ids).values_list(
            "pk", "parent_id", "kind", "code"
        )
    }

    def parent_of(pk: int) -> int | None:
        return nodes[pk][0]

    result: dict[int, str | None] = {}
    for pk in wanted:
        chain = [pk, *reversed(plan_rules.ancestors(pk, parent_of))]  # the nearest first
        result[pk] = next((nodes[node][2] for node in chain if nodes[node][1] == "field"), None)
    return result


def _field_codes(indicators: list[IndicatorFigures]) -> dict[int, str | None]:
    """The field above each indicator's measure."""
    nearest = _nearest_fields(
        {i.version.pk for i in indicators}, {i.measure.pk for i in indicators}
    )
    return {i.pk: nearest[i.measure.pk] for i in indicators}


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], 422: InvalidInput},
    url_name="indicators",
)
@paginate(LinkPagination)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]):
    """All indicators; filter by plan (org/plan), version slug, field code, measure code or
    overall status."""
    items = indicator_queries.indicators()
    if filters.plan:
        org, _, plan = filters.plan.partition("/")
        items = items.filter(
            measure__version__plan__organisation__slug=org, measure__version__plan__slug=plan
        )
    if filters.version:
        items = items.filter(measure__version__slug=filters.version)
    if filters.measure:
        items = items.filter(measure__code=filters.measure)
    if filters.status:
        items = standing.in_status(items, filters.status)
    if filters.field:
        pairs = set(items.values_list("measure__version_id", "measure_id"))
        nearest = _nearest_fields({v for v, _ in pairs}, {m for _, m in pairs})
        items = items.filter(
            measure_id__in=[pk for pk, code in nearest.items() if code == filters.field]
        )
    ordered = items.order_by(
        "measure__version__plan", "measure__version__position", "measure__position", "position"
    )

    def serialize(page: list[Indicator]) -> list[dict]:
        found = read.of_all(page)
        fields = _field_codes(found)
        return [serializers.indicator(i, fields[i.pk]) for i in found]

    return PageOf(ordered, serialize)


@router.get(
    "/plans/{org}/{plan}/versions/{version}/indicators/{code}",
    response={200: IndicatorOut, 404: Error},
    url_name="indicator",
)
def get_indicator(request: HttpRequest, org: str, plan: str, version: str, code: str):
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    indicator = read.indicator(version_obj, code)
    if indicator is None:
        raise Http404
    return serializers.indicator(indicator, _field_codes([indicator])[indicator.pk])
