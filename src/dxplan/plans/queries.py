"""Read paths for the portal and the API: whole trees in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from dxplan.core.tree import group_children
from dxplan.indicators.models import Indicator, Observation, Series

from .models import EvaluationRecord, Node, Plan, PlanVersion, VersionMapping


def plans() -> QuerySet[Plan]:
    """Plans with their versions, and whether any version is mapped onto another (for menus)."""
    mapped = VersionMapping.objects.filter(from_version__plan=OuterRef("pk"))
    return (
        Plan.objects.select_related("organisation")
        .prefetch_related("versions")
        .annotate(has_mappings=Exists(mapped))
    )


def get_plan(org_slug: str, plan_slug: str) -> Plan:
    return get_object_or_404(plans(), organisation__slug=org_slug, slug=plan_slug)


def get_version(plan: Plan, version_slug: str) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related("plan"), plan=plan, slug=version_slug
    )


def latest_version(plan: Plan) -> PlanVersion | None:
    versions = list(plan.versions.all())
    return versions[-1] if versions else None


def indicators() -> QuerySet[Indicator]:
    """Indicators with their series and only the observations that have been published."""
    published = Observation.objects.filter(state=Observation.State.PUBLISHED)
    return Indicator.objects.select_related(
        "measure__version__plan__organisation",
        "measure__parent",
        "survey_question__survey",
        "department",
    ).prefetch_related(
        "survey_options",
        Prefetch(
            "series",
            queryset=Series.objects.prefetch_related(Prefetch("observations", queryset=published)),
        ),
    )


@dataclass
class TreeNode:
    node: Node
    children: list[TreeNode] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    evaluations: list[EvaluationRecord] = field(default_factory=list)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.node, name)


@dataclass
class VersionTree:
    version: PlanVersion
    roots: list[TreeNode]
    by_key: dict[str, TreeNode]
    parents: dict[int, TreeNode]

    def ancestors(self, key: str) -> list[TreeNode]:
        """From the root down to the node's parent (stopping should the tree have a cycle)."""
        chain: list[TreeNode] = []
        current = self.by_key[key]
        seen = {current.node.pk}
        while current.node.pk in self.parents:
            current = self.parents[current.node.pk]
            if current.node.pk in seen:
                break
            seen.add(current.node.pk)
            chain.insert(0, current)
        return chain

    def of_kind(self, kind: str) -> list[TreeNode]:
        return [n for n in self.by_key.values() if n.node.kind == kind]


def version_tree(version: PlanVersion) -> VersionTree:
    """The whole tree with indicators and evaluations: four queries, however deep the plan."""
    node_list = list(version.nodes.select_related("department").order_by("position"))
    wrapped = {n.pk: TreeNode(n) for n in node_list}
    for indicator in indicators().filter(measure__version=version):
        wrapped[indicator.measure_id].indicators.append(indicator)
    for evaluation in EvaluationRecord.objects.filter(node__version=version):
        wrapped[evaluation.node_id].evaluations.append(evaluation)
    roots, children = group_children(node_list, lambda n: n.pk, lambda n: n.parent_id)
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
    )


def mappings(from_version: PlanVersion, to_version: PlanVersion) -> QuerySet[VersionMapping]:
    return VersionMapping.objects.filter(
        from_version=from_version, to_version=to_version
    ).select_related("from_node", "to_node")


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
