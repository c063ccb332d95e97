"""Organisations, plans, versions with their node trees, and version mappings."""

from collections import Counter
from dataclasses import replace

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from dxplan.indicators import queries as indicator_queries
from dxplan.indicators.models import Indicator
from dxplan.plans import queries
from dxplan.plans.models import EvaluationRecord, Organisation, PlanVersion

from .. import errors, serializers
from ..pagination import LinkPagination, SliceOf, absolute_url
from ..schemas.common import Error, InvalidInput
from ..schemas.plans import (
    ApiIndex,
    FlatNodeOut,
    MappingOut,
    NodeOut,
    OrganisationOut,
    PlanOut,
    VersionOut,
)
from . import Router

router = Router(tags=["plans"])

# Nodes of a version's tree answered in one call: Nagasaki's whole tree (a few hundred) fits;
# of a plan of 5,000 measures, the levels above them. The rest are paged at `nodes_url`.
MAX_TREE_NODES = 2000


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


class TreeDepth(Schema):
    depth: int | None = Field(
        None,
        ge=1,
        description="Levels of the tree to answer, from the roots (1: the roots only). By "
        f"default as many as hold at most {MAX_TREE_NODES} nodes in all; a depth whose tree "
        f"holds more is a 400. Every node is in the paginated list at `nodes_url`.",
    )


class NodeFilter(Schema):
    kind: str | None = Field(
        None, description="Only the nodes of this level (their `kind`), e.g. measure."
    )


def _nodes_url(request: HttpRequest, org: str, plan: str, version: str) -> str:
    return absolute_url(request, reverse("api-1:nodes", args=[org, plan, version]))


def default_depth(per_depth: dict[int, int]) -> int:
    """The deepest depth whose tree holds at most MAX_TREE_NODES nodes (0 if the roots alone
    are more)."""
    depth, total = 0, 0
    for level, count in sorted(per_depth.items()):
        total += count
        if total > MAX_TREE_NODES:
            break
        depth = level
    return depth


@router.get(
    "/plans/{org}/{plan}/versions/{version}",
    response={200: VersionOut, 400: Error, 404: Error, 422: InvalidInput},
    url_name="version",
    openapi_extra={
        "responses": {
            "400": errors.bad_request_documented(
                f"`depth` asks for a tree of more than {MAX_TREE_NODES} nodes (`detail` says "
                "how many, and where to read them page by page)"
            )
        }
    },
)
def get_version(request: HttpRequest, org: str, plan: str, version: str, query: Query[TreeDepth]):
    """A version with its node tree (domains → … → initiatives), whole if it holds at most
    2000 nodes, else down to the deepest level that keeps it so; `complete` says which.
    Every node is in the paginated list at `nodes_url`."""
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    order = queries.ReadingOrder.of(version_obj)
    per_depth = order.nodes_per_depth()
    deepest = max(per_depth, default=0)
    nodes_url = _nodes_url(request, org, plan, version)
    if query.depth is None:
        depth = default_depth(per_depth)
    else:
        depth = min(query.depth, deepest)
        shown = sum(count for level, count in per_depth.items() if level <= depth)
        if shown > MAX_TREE_NODES:
            detail = (
                f"A tree of depth {query.depth} holds {shown} nodes, more than the "
                f"{MAX_TREE_NODES} one answer holds: ask for a smaller depth, or read every "
                f"node page by page from {nodes_url}"
            )
            return Status(400, {"detail": detail})
    complete = depth == deepest
    if complete:  # as before the depth: one read of the whole tree
        tree = indicator_queries.version_tree(version_obj)
    else:
        tree = indicator_queries.version_tree(
            version_obj, only=[pk for pk in order.ids if order.depth[pk] <= depth]
        )
    return serializers.version(
        tree,
        node_count=len(order.ids),
        depth=depth,
        complete=complete,
        nodes_url=nodes_url,
        children_count=Counter(p for p in order.parent_of.values() if p is not None),
    )


@router.get(
    "/plans/{org}/{plan}/versions/{version}/nodes",
    response={200: list[FlatNodeOut], 404: Error, 422: InvalidInput},
    url_name="nodes",
)
@paginate(LinkPagination)
def list_nodes(request: HttpRequest, org: str, plan: str, version: str, filters: Query[NodeFilter]):
    """Every node of a version, flat and paginated, in reading order (each node, then its
    children, depth first: the order of the plan file); filter by level with `kind`."""
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    order = queries.ReadingOrder.of(version_obj)
    listed = order
    if filters.kind:
        kept = set(
            version_obj.nodes.filter(kind=filters.kind).order_by().values_list("pk", flat=True)
        )
        listed = replace(order, ids=[pk for pk in order.ids if pk in kept])

    def read(offset: int, limit: int) -> list[dict]:
        return _flat_nodes(version_obj, order, listed, offset, limit)

    return SliceOf(len(listed.ids), read)


def _flat_nodes(
    version: PlanVersion,
    order: queries.ReadingOrder,
    listed: queries.ReadingOrder,
    offset: int,
    limit: int,
) -> list[dict]:
    """`limit` nodes of `listed` from `offset`, read under their ancestors (tree_slice, in
    outline), then three queries however long the page: the page's indicators (their codes: the
    series and observations that tree_slice(outline=False) would read with them, 12,000 objects
    for a page of 1,000 measures, are not shown here) and evaluations, and the ids of the
    parents and children the slice did not read: its last nodes' children (on the next page)
    and, with a `kind` filter, the nodes' parents."""
    tree, _, on_page, _ = queries.tree_slice(version, offset, limit, order=listed)
    read = {item.node.pk: item for item in tree.by_key.values()}
    for indicator in Indicator.objects.filter(measure_id__in=on_page).only("measure", "code"):
        read[indicator.measure_id].indicators.append(indicator)
    for evaluation in EvaluationRecord.objects.filter(node_id__in=on_page):
        read[evaluation.node_id].evaluations.append(evaluation)
    keys = {pk: item.node.key for pk, item in read.items()}
    page = set(on_page)
    unread_parents = {order.parent_of[pk] for pk in on_page} - keys.keys() - {None}
    around = version.nodes.filter(Q(parent_id__in=on_page) | Q(pk__in=unread_parents))
    for pk, kind, code in around.order_by().values_list("pk", "kind", "code"):
        keys[pk] = f"{kind}/{code}"
    children: dict[int, list[str]] = {pk: [] for pk in on_page}
    for pk in order.ids:  # children in reading order
        parent = order.parent_of[pk]
        if parent in page:
            children[parent].append(keys[pk])
    items = []
    for pk in on_page:
        parent = order.parent_of[pk]
        parent_key = keys[parent] if parent is not None else None
        items.append(serializers.flat_node(read[pk], parent_key, order.depth[pk], children[pk]))
    return items


@router.get(
    "/plans/{org}/{plan}/versions/{version}/nodes/{kind}/{code}",
    response={200: NodeOut, 404: Error},
    url_name="node",
)
def get_node(request: HttpRequest, org: str, plan: str, version: str, kind: str, code: str):
    """One node with its subtree; its id is kind/code, e.g. measure/1-1."""
    plan_obj = queries.get_plan(org, plan)
    key = f"{kind}/{code}"
    tree = indicator_queries.version_tree(queries.get_version(plan_obj, version), detail_under=key)
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
