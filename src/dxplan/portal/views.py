"""Public pages: thin views over plans.queries and the public figures (dxplan.figures),
rendered on the server, no JavaScript needed.

Every label that names a level of the plan's tree (基本施策, 施策, 事業 …) comes from the plan's own
levels (`queries.plan_shape`), never from the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from dxplan.charts import rollup as rollup_chart
from dxplan.charts.render import svg
from dxplan.core import progress as method
from dxplan.core.rollup import tally
from dxplan.figures import read
from dxplan.figures.words import StatusCount, figures_table, status_counts, status_name
from dxplan.indicators import queries as indicator_queries
from dxplan.indicators import rollup, standing
from dxplan.plans import queries
from dxplan.plans.models import Plan, PlanVersion
from dxplan.plans.queries import PlanLevel, PlanShape, TreeNode, VersionTree
from dxplan.rounds import queries as round_queries
from dxplan.surveys.queries import plan_surveys


def _indicator_list_url(version: PlanVersion) -> str:
    plan = version.plan
    return reverse("portal:indicators", args=[plan.organisation.slug, plan.slug, version.slug])


@dataclass(frozen=True)
class NodeCounts:
    """A node of the tree with the counts of the indicators at or below it."""

    item: TreeNode
    total: int
    counts: list[StatusCount]


@dataclass
class OverviewItem:
    """A node of the home page's overview, with only its children of overview levels."""

    item: TreeNode
    children: list[OverviewItem] = field(default_factory=list)


def overview(tree: VersionTree) -> list[OverviewItem]:
    """The top levels of a version (default: domains, fields and visions), as nested items."""
    kinds = {level.code for level in tree.shape.overview_levels()}

    def build(items: list[TreeNode]) -> list[OverviewItem]:
        return [OverviewItem(i, build(i.children)) for i in items if i.node.kind in kinds]

    return build(tree.roots)


def overview_heading(plan: Plan, shape: PlanShape) -> str:
    """Domains, fields and 2030 visions (the default shape), or a heading for any plan."""
    if not shape.declared and [lv.code for lv in shape.overview_levels()] == [
        "domain",
        "field",
        "vision",
    ]:
        if plan.vision_year:
            return _("Domains, fields and %(year)s visions") % {"year": plan.vision_year}
        return _("Domains, fields and visions")
    return _("The policy system at a glance")


def index(request: HttpRequest) -> HttpResponse:
    """The plan's home when the site holds one plan; otherwise the list of plans."""
    all_plans = list(queries.plans())
    if len(all_plans) == 1:
        return _plan_home(request, all_plans[0])
    return render(request, "portal/index.html", {"plans": all_plans})


def plan_home(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    return _plan_home(request, queries.get_plan(org, plan))


def _plan_home(request: HttpRequest, plan: Plan) -> HttpResponse:
    latest = queries.latest_version(plan)
    shape = queries.plan_shape(plan)
    if latest is not None:
        latest.plan = plan
    tops = [level.code for level in shape.overview_levels()]
    tree = queries.version_tree(latest, outline=True, levels=tops) if latest else None
    summary = rollup.summary(latest) if latest else tally([])
    counts = status_counts(summary, list_url=_indicator_list_url(latest)) if latest else []
    chart = rollup_chart.status_chart(
        [(c.name, c.count) for c in counts], rollup_chart.Labels(_("Number of indicators"))
    )
    return render(
        request,
        "portal/plan_home.html",
        {
            "plan": plan,
            "shape": shape,
            "latest": latest,
            "tree": tree,
            "overview": overview(tree) if tree else [],
            "overview_heading": overview_heading(plan, shape),
            "summary": summary,
            "summary_counts": counts,
            "summary_chart": svg(chart) if summary.total else "",
        },
    )


def version_tree(request: HttpRequest, org: str, plan: str, version: str) -> HttpResponse:
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    page = queries.tree_page(
        version_obj, _page_number(request)
    )  # past the end: the last, as for indicators
    counted = rollup.version_rollup(
        version_obj, parents=page.order.parent_of if page.order else None
    )
    kinds = {level.code for level in rollup.summary_levels(page.tree.shape)}
    list_url = _indicator_list_url(version_obj)
    return render(
        request,
        "portal/version_tree.html",
        {
            "plan": plan_obj,
            "shape": page.tree.shape,
            "version": version_obj,
            "tree": page.tree,
            "page": page,
            "continued": page.continued,
            "summary": counted.total,
            "summary_counts": status_counts(counted.total, list_url=list_url, present=True),
            "node_counts": {
                item.node.pk: status_counts(counted.by_node[item.node.pk], present=True)
                for item in page.tree.by_key.values()
                if item.node.kind in kinds and item.node.pk in counted.by_node
            },
        },
    )


def _page_number(request: HttpRequest) -> int:
    """The `?page=` asked for; anything but a positive whole number is the first page."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _children_by_level(item: TreeNode, shape: PlanShape) -> list[tuple[PlanLevel, list[TreeNode]]]:
    """A node's children grouped by level, in the plan's order of levels."""
    groups: dict[str, list[TreeNode]] = {}
    for child in item.children:
        groups.setdefault(child.node.kind, []).append(child)
    order = list(shape.levels)
    kinds = sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
    return [(shape.level(kind), groups[kind]) for kind in kinds]


def node_page(
    request: HttpRequest, org: str, plan: str, version: str, level: str, code: str
) -> HttpResponse:
    """The page of a node of a level with pages: a measure (基本施策) in the default shape."""
    plan_obj = queries.get_plan(org, plan)
    shape = queries.plan_shape(plan_obj)
    kind = shape.kind_of_segment(level)
    if kind is None:
        raise Http404
    version_obj = queries.get_version(plan_obj, version)
    key = f"{kind}/{code}"
    tree = indicator_queries.version_tree(version_obj, detail_under=key)
    if key not in tree.by_key:
        raise Http404
    node = tree.by_key[key]
    tallies = rollup.tree_tallies(tree)
    below = [
        NodeCounts(child, tallies[child.node.pk].total, status_counts(tallies[child.node.pk]))
        for child in node.children
        if child.node.pk in tallies
    ]
    return render(
        request,
        "portal/node.html",
        {
            "plan": plan_obj,
            "shape": shape,
            "version": version_obj,
            "node": node,
            "ancestors": tree.ancestors(key),
            "children_by_level": _children_by_level(node, shape),
            "indicators": [(i, figures_table(i)) for i in read.of_all(node.indicators)],
            "below": below,
            "below_total": tallies[node.node.pk] if below else None,
            "below_counts": status_counts(tallies[node.node.pk]) if below else [],
            "predecessors": node.node.predecessors.select_related("from_node", "from_version"),
            "successors": node.node.successors.select_related("to_node", "to_version"),
        },
    )


INDICATORS_PER_PAGE = 100


def indicator_list(request: HttpRequest, org: str, plan: str, version: str) -> HttpResponse:
    """The version's indicators, a hundred to a page: a plan of 5,000 reads one page of them.
    `?status=on_track` lists those in that status only (by their stored standings, as the
    roll-ups count them, filtered in the database); a status that does not exist is ignored."""
    plan_obj = queries.get_plan(org, plan)
    version_obj = queries.get_version(plan_obj, version)
    wanted = request.GET.get("status", "")
    status = method.Status(wanted) if wanted in set(method.Status) else None
    items: Any = indicator_queries.indicators().filter(measure__version=version_obj)
    every = 0
    if status is not None:
        every = items.count()
        items = standing.in_status(items, status)
    page = Paginator(items, INDICATORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/indicators.html",
        {
            "plan": plan_obj,
            "shape": queries.plan_shape(plan_obj),
            "version": version_obj,
            "indicators": read.of_all(page.object_list),
            "page": page,
            "status": status,
            "status_name": status_name(status) if status else "",
            "every": every,
            "page_query": f"status={status}&" if status else "",
        },
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


def _compare(request: HttpRequest, plan_obj: Plan, old: str, new: str) -> HttpResponse:
    old_version = queries.get_version(plan_obj, old)
    new_version = queries.get_version(plan_obj, new)
    old_tree = queries.version_tree(old_version, outline=True)
    new_tree = queries.version_tree(new_version, outline=True)
    links = list(queries.mappings(old_version, new_version))
    shape = queries.plan_shape(plan_obj)
    mapped = {n.kind for link in links for n in (link.from_node, link.to_node) if n is not None}
    mapped_levels = [lv for lv in shape.levels.values() if lv.code in mapped]
    return render(
        request,
        "portal/compare.html",
        {
            "plan": plan_obj,
            "shape": shape,
            "old": old_version,
            "new": new_version,
            "links": links,
            "mapped_levels": mapped_levels or shape.page_levels,
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
    # trends.yaml names the fields (分野) of the newest version by code
    fields = {n.code: n for n in latest.nodes.filter(kind="field")} if latest else {}
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
            "has_rounds": round_queries.rounds_of_plan(plan_obj).exists(),
        },
    )


@never_cache  # how late a department is changes with the date, not only with a write
def reporting(request: HttpRequest, org: str, plan: str) -> HttpResponse:
    """How the yearly reporting went: per round, per department, how many figures arrived on
    time and the median days late of the others (core/rounds.py)."""
    plan_obj = queries.get_plan(org, plan)
    today = timezone.localdate()
    listed = []
    for round in round_queries.rounds_of_plan(plan_obj):
        items = round_queries.items(round)
        listed.append((round, round_queries.by_department(round, items, today)))
    return render(
        request, "portal/reporting.html", {"plan": plan_obj, "rounds": listed, "today": today}
    )
