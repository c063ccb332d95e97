"""Organisations, plans, versions with their node trees, and version mappings."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from dxplan.plans import queries
from dxplan.plans.models import Organisation

from .. import serializers
from ..schemas.common import Error
from ..schemas.plans import ApiIndex, MappingOut, NodeOut, OrganisationOut, PlanOut, VersionOut
from . import Router

router = Router(tags=["plans"])


@router.get("/", response=ApiIndex, url_name="index")
def index(request: HttpRequest):
    """Where to start: the resources of this API and its description."""
    return {
        "organisations": reverse("api-1:organisations"),
        "plans": reverse("api-1:plans"),
        "indicators": reverse("api-1:indicators"),
        "openapi": reverse("api-1:openapi-json"),
        "docs": reverse("api-1:openapi-view"),
    }


@router.get("/organisations", response=list[OrganisationOut], url_name="organisations")
def list_organisations(request: HttpRequest):
    """Municipalities with their 6-digit local government code."""
    return [serializers.organisation(o) for o in Organisation.objects.all()]


@router.get("/plans", response=list[PlanOut], url_name="plans")
def list_plans(request: HttpRequest):
    return [serializers.plan(p) for p in queries.plans().prefetch_related("levels")]


@router.get("/plans/{org}/{plan}", response={200: PlanOut, 404: Error}, url_name="plan")
def get_plan(request: HttpRequest, org: str, plan: str):
    return serializers.plan(queries.get_plan(org, plan))


@router.get(
    "/plans/{org}/{plan}/versions/{version}",
    response={200: VersionOut, 404: Error},
    url_name="version",
)
def get_version(request: HttpRequest, org: str, plan: str, version: str):
    """A version with its whole node tree (domains → … → initiatives)."""
    plan_obj = queries.get_plan(org, plan)
    return serializers.version(queries.version_tree(queries.get_version(plan_obj, version)))


@router.get(
    "/plans/{org}/{plan}/versions/{version}/nodes/{kind}/{code}",
    response={200: NodeOut, 404: Error},
    url_name="node",
)
def get_node(request: HttpRequest, org: str, plan: str, version: str, kind: str, code: str):
    """One node with its subtree; its id is kind/code, e.g. measure/1-1."""
    plan_obj = queries.get_plan(org, plan)
    key = f"{kind}/{code}"
    tree = queries.version_tree(queries.get_version(plan_obj, version), detail_under=key)
    item = tree.by_key.get(key)
    if item is None:
        raise Http404
    return serializers.node(item, tree.parents.get(item.node.pk))


@router.get(
    "/plans/{org}/{plan}/mappings/{old}/{new}",
    response={200: MappingOut, 404: Error},
    url_name="mapping",
)
def get_mapping(request: HttpRequest, org: str, plan: str, old: str, new: str):
    """How the nodes of one version map onto the next, with the reasoning for each link."""
    plan_obj = queries.get_plan(org, plan)
    old_version = queries.get_version(plan_obj, old)
    new_version = queries.get_version(plan_obj, new)
    links = list(queries.mappings(old_version, new_version))
    return serializers.mapping(old_version, new_version, links)


@router.get(
    "/plans/{org}/{plan}/mappings",
    response={200: list[MappingOut], 404: Error},
    url_name="mappings",
)
def list_mappings(request: HttpRequest, org: str, plan: str):
    plan_obj = get_object_or_404(queries.plans(), organisation__slug=org, slug=plan)
    return [serializers.mapping(a, b, links) for a, b, links in queries.plan_mappings(plan_obj)]
