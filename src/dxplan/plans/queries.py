"""Read paths for the portal and the API: whole trees in a fixed number of queries.

Plans only: what is read of indicators and their figures is indicators/queries.py's (a tree
with its indicators: indicators.queries.version_tree) and dxplan.figures'."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from dxplan.bilingual import pick
from dxplan.core import plan_rules
from dxplan.core.tree import group_children, preorder, subtree

from .models import EvaluationRecord, Node, Plan, PlanVersion, VersionMapping


def plans() -> QuerySet[Plan]:
    """Plans with their versions, and whether any version is mapped onto another (for menus).

    Levels are read by `plan_shape` when a page needs them; prefetch "levels" for lists.
    """
    mapped = VersionMapping.objects.filter(from_version__plan=OuterRef("pk"))
    return (
        Plan.objects.select_related("organisation")
        .prefetch_related("versions")
        .annotate(has_mappings=Exists(mapped))
    )


def get_plan(org_slug: str, plan_slug: str) -> Plan:
    return get_object_or_404(plans(), organisation__slug=org_slug, slug=plan_slug)


def get_version(plan: Plan, version_slug: str) -> PlanVersion:
    """The version, holding the very plan object given (so its prefetched levels are reused)."""
    version = get_object_or_404(PlanVersion, plan=plan, slug=version_slug)
    version.plan = plan
    return version


def latest_version(plan: Plan) -> PlanVersion | None:
    versions = list(plan.versions.all())
    return versions[-1] if versions else None


# Levels of the default shape whose codes are not shown to readers: domain codes are slugs
# (kurashi) and initiative codes were numbered by the transcribers, not by the city.
_UNNUMBERED_DEFAULT_LEVELS = frozenset({"domain", "initiative"})


@dataclass(frozen=True)
class PlanLevel:
    """One level of a plan's tree (基本施策, 施策, 事業 …) as the site and the API present it."""

    code: str
    name_ja: str
    name_en: str
    parents: tuple[str, ...] = ()
    has_page: bool = False
    carries_indicators: bool = False
    shows_code: bool = True

    @property
    def name(self) -> str:
        """The name in the active language."""
        return pick(self.name_ja, self.name_en)


@dataclass(frozen=True)
class PlanShape:
    """A plan's levels, in the plan's order: its own, or the six default ones."""

    org_slug: str
    plan_slug: str
    levels: dict[str, PlanLevel]
    declared: bool

    def level(self, kind: str) -> PlanLevel:
        """The level of a node kind; a kind the plan does not know gets a bare level."""
        return self.levels.get(kind) or PlanLevel(kind, kind, kind)

    @property
    def page_levels(self) -> list[PlanLevel]:
        return [level for level in self.levels.values() if level.has_page]

    @property
    def indicator_levels(self) -> list[PlanLevel]:
        return [level for level in self.levels.values() if level.carries_indicators]

    def url_segment(self, kind: str) -> str:
        """The path segment of a level's pages: `measures` for measures (kept from the first
        URLs), the level code itself for every other level (docs/decisions/0005)."""
        return "measures" if kind == "measure" else kind

    def kind_of_segment(self, segment: str) -> str | None:
        """The level a path segment names, if it has pages."""
        for level in self.page_levels:
            if self.url_segment(level.code) == segment:
                return level.code
        return None

    def path_to_pages(self) -> list[PlanLevel]:
        """The levels from a root down to the first level with pages, taking the deepest
        allowed parent at each step (default: domain, field, vision, policy, measure)."""
        if not self.page_levels:
            return list(self.levels.values())[:1]
        order = list(self.levels)
        path = [self.page_levels[0]]
        seen = {path[0].code}
        while True:
            parents = [p for p in path[0].parents if p in self.levels and p not in seen]
            if not parents:
                return path
            parent = max(parents, key=order.index)
            seen.add(parent)
            path.insert(0, self.levels[parent])

    def overview_levels(self) -> list[PlanLevel]:
        """The levels a plan's home page shows: those above the parent of the first level with
        pages (default: domain, field, vision), or the whole path when that leaves fewer than
        two; at most three."""
        path = self.path_to_pages()
        upper = path[:-2]
        return (upper if len(upper) >= 2 else path)[:3]


def plan_shape(plan: Plan) -> PlanShape:
    """The plan's levels: one query, or none when "levels" was prefetched; kept on the plan."""
    cached = plan.__dict__.get("_dxplan_shape")
    if cached is not None:
        return cached
    if "levels" not in getattr(plan, "_prefetched_objects_cache", {}):
        prefetch_related_objects([plan], "levels")
    declared = bool(plan.levels.all())
    rules = plan.level_rules()
    order = list(rules)
    levels = {
        code: PlanLevel(
            rule.code,
            rule.name_ja,
            rule.name_en,
            tuple(sorted(rule.parents, key=lambda p: order.index(p) if p in order else len(order))),
            rule.has_page,
            rule.carries_indicators,
            declared or code not in _UNNUMBERED_DEFAULT_LEVELS,
        )
        for code, rule in rules.items()
    }
    shape = PlanShape(plan.organisation.slug, plan.slug, levels, declared)
    plan.__dict__["_dxplan_shape"] = shape
    return shape


@dataclass
class TreeNode:
    node: Node
    level: PlanLevel = field(default_factory=lambda: PlanLevel("", "", ""))
    children: list[TreeNode] = field(default_factory=list)
    indicators: list[Any] = field(default_factory=list)  # indicators.queries.version_tree's
    evaluations: list[EvaluationRecord] = field(default_factory=list)

    def __getattr__(self, name: str):
        return getattr(self.node, name)


@dataclass
class VersionTree:
    version: PlanVersion
    roots: list[TreeNode]
    by_key: dict[str, TreeNode]
    parents: dict[int, TreeNode]
    shape: PlanShape
    # the ids of the nodes read with their details (evaluations, and indicators when
    # indicators.queries.version_tree read it); None: every node (none for an outline)
    detailed: list[int] | None = None

    def ancestors(self, key: str) -> list[TreeNode]:
        """From the root down to the node's parent (stopping should the tree have a cycle)."""
        return [self.by_key[k] for k in plan_rules.ancestors(key, self.parent_key)]

    def parent_key(self, key: str) -> str | None:
        parent = self.parents.get(self.by_key[key].node.pk)
        return parent.node.key if parent else None

    def of_kind(self, kind: str) -> list[TreeNode]:
        return [n for n in self.by_key.values() if n.node.kind == kind]


def version_tree(
    version: PlanVersion,
    *,
    outline: bool = False,
    detail_under: str | None = None,
    levels: Collection[str] | None = None,
    only: Collection[int] | None = None,
) -> VersionTree:
    """The whole tree with levels and evaluations, in a fixed number of queries however deep
    the plan: levels (unless read before), nodes, then evaluations. Each node's `indicators`
    stay empty: indicators.queries.version_tree reads them as well.

    `outline=True` reads only levels and nodes, for pages that draw the tree and nothing else;
    each node's `evaluations` stay empty. `detail_under="measure/1-1"` reads only that node,
    its ancestors and the nodes under it, with the evaluations of those under it, for its page:
    a plan of 5,000 measures reads a handful (one more query, of ids). `levels=["domain",
    "field"]` reads the nodes of those top levels only (a plan's home page). `only=[...]` reads
    the nodes of those ids only, with their evaluations (a page of the tree: `tree_page`).
    """
    shape = plan_shape(version.plan)
    nodes = version.nodes.select_related("department").order_by("position")
    if levels is not None:
        nodes = nodes.filter(kind__in=list(levels))
    under: Collection[int] | None = None
    if detail_under is not None:  # the node's ancestors and subtree only, found from the ids
        keep, under = _path_and_subtree(version, detail_under)
        nodes = nodes.filter(pk__in=keep)
    elif only is not None:
        under = list(only)
        nodes = nodes.filter(pk__in=under)
    node_list = list(nodes)
    wrapped = {n.pk: TreeNode(n, shape.level(n.kind)) for n in node_list}
    roots, children = group_children(node_list, lambda n: n.pk, lambda n: n.parent_id)
    if not outline:
        evaluations = EvaluationRecord.objects.filter(node__version=version)
        if under is not None:
            evaluations = evaluations.filter(node_id__in=under)
        for evaluation in evaluations:
            wrapped[evaluation.node_id].evaluations.append(evaluation)
    parents: dict[int, TreeNode] = {}
    for parent_pk, kids in children.items():
        wrapped[parent_pk].children = [wrapped[k.pk] for k in kids]
        for kid in kids:
            parents[kid.pk] = wrapped[parent_pk]
    return VersionTree(
        version,
        [wrapped[r.pk] for r in roots],
        {n.key: wrapped[n.pk] for n in node_list},
        parents,
        shape,
        [] if outline else None if under is None else list(under),
    )


TREE_PAGE_SIZE = 500  # nodes on one page of a version's tree (Nagasaki's whole tree fits on one)


@dataclass
class TreePage:
    """One page of a version's tree in reading order, each node under its ancestors: those that
    began on an earlier page come first, as `continued`, so that every page reads on its own."""

    tree: VersionTree
    number: int
    pages: int
    count: int  # nodes in the whole version
    start: int  # the page's first node, counted from 1 in reading order
    end: int
    continued: set[int]  # ids of the ancestors repeated from earlier pages
    firsts: list[Node] = field(default_factory=list)  # each page's first node, when several
    order: ReadingOrder | None = None  # the whole version's, with every node's parent

    @property
    def has_other_pages(self) -> bool:
        return self.pages > 1


@dataclass(frozen=True)
class ReadingOrder:
    """A version's node ids in reading order (each node, then its children, depth first), with
    each one's parent and depth (1 for a root): read from its (id, parent) pairs alone."""

    ids: list[int]
    parent_of: dict[int, int | None]
    depth: dict[int, int]

    @classmethod
    def of(cls, version: PlanVersion) -> ReadingOrder:
        rows = list(version.nodes.order_by("position").values_list("pk", "parent_id"))
        roots, children = group_children(rows, lambda row: row[0], lambda row: row[1])
        ids = preorder(
            [pk for pk, _ in roots], {pk: [kid for kid, _ in kids] for pk, kids in children.items()}
        )
        parent_of: dict[int, int | None] = dict(rows)
        depth: dict[int, int] = {}
        for pk in ids:  # a parent comes before its children
            parent = parent_of[pk]
            depth[pk] = depth.get(parent, 0) + 1 if parent is not None else 1
        return cls(ids, parent_of, depth)

    def before(self, pk: int) -> list[int]:
        """The node's ancestors, from the root down."""
        return plan_rules.ancestors(pk, self.parent_of.get)

    def nodes_per_depth(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for depth in self.depth.values():
            counts[depth] = counts.get(depth, 0) + 1
        return dict(sorted(counts.items()))


def tree_slice(
    version: PlanVersion,
    offset: int,
    limit: int,
    *,
    outline: bool = True,
    order: ReadingOrder | None = None,
) -> tuple[VersionTree, ReadingOrder, list[int], list[int]]:
    """`limit` nodes of the version from `offset` in reading order, read under their ancestors:
    the tree, the reading order, the ids on the slice, and the ancestors repeated before them
    (in reading order, the ancestors outside a slice are those of its first node)."""
    order = order or ReadingOrder.of(version)
    on_slice = order.ids[offset : offset + limit]
    continued = order.before(on_slice[0]) if on_slice else []
    tree = version_tree(version, outline=outline, only=[*continued, *on_slice])
    return tree, order, on_slice, continued


def tree_page(version: PlanVersion, number: int, *, size: int | None = None) -> TreePage:
    """Page `number` (from 1; past the end, the last page) of the version's tree, `size` nodes
    (default TREE_PAGE_SIZE) in reading order. Two queries however large the version (and the
    levels, unless read before): its (id, parent) pairs, then the page's nodes; a third, for
    the list of pages, when there are several."""
    size = size or TREE_PAGE_SIZE
    order = ReadingOrder.of(version)
    pages = max(1, -(-len(order.ids) // size))
    number = min(max(1, number), pages)
    offset = (number - 1) * size
    tree, _, on_page, continued = tree_slice(version, offset, size, order=order)
    firsts: list[Node] = []
    if pages > 1:  # one more query: what each page starts with, for the list of pages
        starts = order.ids[::size]
        by_pk = Node.objects.in_bulk(starts)
        firsts = [by_pk[pk] for pk in starts]
    return TreePage(
        tree,
        number,
        pages,
        len(order.ids),
        offset + 1,
        offset + len(on_page),
        set(continued),
        firsts,
        order,
    )


def _path_and_subtree(version: PlanVersion, key: str) -> tuple[list[int], list[int]]:
    """The ids of a node's ancestors and subtree, and of its subtree alone, read from the
    version's (id, parent) pairs: a plan of 5,000 measures fetches a few nodes, not all."""
    rows = list(version.nodes.values_list("pk", "parent_id", "kind", "code"))
    top = next((pk for pk, _, kind, code in rows if f"{kind}/{code}" == key), None)
    if top is None:
        return [], []
    parent_of = {pk: parent for pk, parent, _, _ in rows}
    children: dict[int, list[int]] = {}
    for pk, parent, _, _ in rows:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    under = subtree(top, children)
    return [*plan_rules.ancestors(top, parent_of.get), *under], under


def mappings(from_version: PlanVersion, to_version: PlanVersion) -> QuerySet[VersionMapping]:
    return VersionMapping.objects.filter(
        from_version=from_version, to_version=to_version
    ).select_related("from_node", "to_node")


def plan_mappings(plan: Plan) -> list[tuple[PlanVersion, PlanVersion, list[VersionMapping]]]:
    """Every mapping of the plan as (from, to, links), oldest pair first, in one query (the
    versions come from the plan's prefetched `versions`)."""
    versions = {v.pk: v for v in plan.versions.all()}
    pairs: dict[tuple[int, int], list[VersionMapping]] = {}
    for link in VersionMapping.objects.filter(from_version__plan=plan).select_related(
        "from_node", "to_node"
    ):
        pairs.setdefault((link.from_version_id, link.to_version_id), []).append(link)
    return sorted(
        ((versions[a], versions[b], links) for (a, b), links in pairs.items()),
        key=lambda p: (p[0].position, p[1].position),
    )


def mapping_pairs(plan: Plan) -> list[tuple[PlanVersion, PlanVersion]]:
    """The (from, to) version pairs that have a mapping, oldest first."""
    pairs = (
        VersionMapping.objects.filter(from_version__plan=plan)
        .order_by()
        .values_list("from_version", "to_version")
        .distinct()
    )
    versions = {v.pk: v for v in plan.versions.all()}
    return sorted(
        ((versions[a], versions[b]) for a, b in pairs), key=lambda p: (p[0].position, p[1].position)
    )
