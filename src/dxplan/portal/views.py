"""Public pages: thin views over plans.queries, rendered on the server, no JavaScript needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dxplan.plans import queries
from dxplan.surveys.queries import plan_surveys


def index(request: HttpRequest) -> HttpResponse:
    """The plan's home when the site holds one plan; otherwise the list of plans."""
    all_plans = list(queries.plans())
    if len(all_plans) == 1:
        return _plan_home(request, all_plans[0])
    return render(request, "portal/index.html", {"plans": all_plans})


def plan_home(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    return _plan_home(request, queries.get_plan(org, plan))


def _plan_home(request: HttpRequest, plan) -> HttpResponse:  # type: ignore[no-untyped-def]
    latest = queries.latest_version(plan)
    tree = queries.version_tree(latest) if latest else None
    return render(request, "portal/plan_home.html", {"plan": plan, "latest": latest, "tree": tree})


def version_tree(request: HttpRequest, org: str, plan: str, version: str) -> HttpResponse:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    tree = queries.version_tree(version_obj)
    return render(
        request,
        "portal/version_tree.html",
        {"plan": plan_obj, "version": version_obj, "tree": tree},
    )


def measure(request: HttpRequest, org: str, plan: str, version: str, code: str) -> HttpResponse:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    tree = queries.version_tree(version_obj)
    key = f"measure/{code}"
    if key not in tree.by_key:
        raise Http404
    node = tree.by_key[key]
    ancestors = tree.ancestors(key)
    return render(
        request,
        "portal/measure.html",
        {
            "plan": plan_obj,
            "version": version_obj,
            "node": node,
            "ancestors": ancestors,
            "vision": next((a for a in ancestors if a.node.kind == "vision"), None),
            "policy": next((a for a in ancestors if a.node.kind == "policy"), None),
            "field": next((a for a in ancestors if a.node.kind == "field"), None),
            "predecessors": node.node.predecessors.select_related("from_node", "from_version"),
            "successors": node.node.successors.select_related("to_node", "to_version"),
        },
    )


def indicator_list(request: HttpRequest, org: str, plan: str, version: str) -> HttpResponse:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    items = queries.indicators().filter(measure__version=version_obj)
    return render(
        request,
        "portal/indicators.html",
        {"plan": plan_obj, "version": version_obj, "indicators": items},
    )


def compare(request: HttpRequest, org: str, plan: str, old: str, new: str) -> HttpResponse:
    return _compare(request, queries.get_plan(org, plan), old, new)


def compare_latest(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    """The newest pair of versions that has a mapping."""
    plan_obj = queries.get_plan(org, plan)
    pairs = queries.mapping_pairs(plan_obj)
    if not pairs:
        raise Http404
    old, new = pairs[-1]
    return _compare(request, plan_obj, old.slug, new.slug)


def _compare(request: HttpRequest, plan_obj, old: str, new: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    old_version = queries.get_version(plan_obj, old)
    new_version = queries.get_version(plan_obj, new)
    old_tree = queries.version_tree(old_version)
    new_tree = queries.version_tree(new_version)
    links = list(queries.mappings(old_version, new_version))
    return render(
        request,
        "portal/compare.html",
        {
            "plan": plan_obj,
            "old": old_version,
            "new": new_version,
            "links": links,
            "old_measures": old_tree.of_kind("measure"),
            "new_measures": new_tree.of_kind("measure"),
            "old_tree": old_tree,
            "new_tree": new_tree,
        },
    )


def surveys(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    plan_obj = queries.get_plan(org, plan)
    return render(
        request, "portal/surveys.html", {"plan": plan_obj, "surveys": plan_surveys(plan_obj)}
    )


def context_page(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    """Purpose, background, trends and the revision schedule."""
    plan_obj = queries.get_plan(org, plan)
    latest = queries.latest_version(plan_obj)
    fields = {n.code: n for n in queries.version_tree(latest).of_kind("field")} if latest else {}
    milestones = list(plan_obj.milestones.all())
    return render(
        request,
        "portal/context.html",
        {
            "plan": plan_obj,
            "trends": [(fields.get(t.field_code), t) for t in plan_obj.trends.all()],
            "milestones": milestones,
            "schedule_years": sorted({m.fiscal_year for m in milestones}),
            "quarters": [1, 2, 3, 4],
        },
    )
