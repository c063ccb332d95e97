"""Roll-ups: each indicator's status in a plan version, and how many indicators of the version,
and of each node of its tree (a field, a policy …), are in each status.

Read in a fixed number of queries however large the plan, without assessing anything: each
indicator's standing, its status after each fiscal year with figures, is stored when its figures
change (indicators/standing.py, by the method every page uses), so a roll-up reads the
indicators and their standings (two queries) and for a version's tree its nodes (one more).
Only published figures count; `as_of` takes the standing of the latest year up to it. A node
page, which holds its indicators assessed already, counts those (`tree_tallies`). The counting
itself is dxplan.core.rollup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from dxplan.bilingual import pick
from dxplan.core import progress as method
from dxplan.core.rollup import Counted, Tally, roll_up, tally
from dxplan.core.tree import group_children, preorder
from dxplan.plans.models import PlanVersion
from dxplan.plans.queries import PlanLevel, PlanShape, VersionTree

from .models import Indicator, Standing
from .progress import IndicatorProgress, assess_indicator


class IndicatorStatus(NamedTuple):
    """An indicator of a version with its status as of a fiscal year (its stored standing); a
    named tuple, since a roll-up makes one per indicator."""

    pk: int
    code: str
    node: int  # the node that carries it (a measure), by id
    node_key: str  # that node's kind/code
    status: method.Status
    sample: bool  # whether a sample (fictitious) figure went into the status
    latest_year: int | None  # the latest fiscal year of a figure that went into it


def contributes_sample(result: IndicatorProgress) -> bool:
    """Whether a sample figure went into the indicator's assessment: a published sample actual
    after its series' baseline year (the assessed ones)."""
    return any(
        o.sample
        for part in result.series
        for o in part.actuals
        if o.fiscal_year > part.series.baseline_year
    )


def statuses(version: PlanVersion, *, as_of: int | None = None) -> list[IndicatorStatus]:
    """Every indicator of the version, in plan order, with its status as of the fiscal year
    (else as of its latest figures): two queries, of the indicators and their standings."""
    found = Indicator.objects.filter(measure__version=version).values_list(
        "pk", "code", "measure_id", "measure__kind", "measure__code"
    )
    stood = Standing.objects.filter(indicator__measure__version=version)
    if as_of is not None:
        stood = stood.filter(fiscal_year__lte=as_of)
    latest: dict[int, tuple[int, str, bool]] = {}
    for pk, fiscal_year, code, sample in stood.order_by("indicator_id", "fiscal_year").values_list(
        "indicator_id", "fiscal_year", "status", "sample"
    ):
        latest[pk] = (fiscal_year, code, sample)  # the latest year of each comes last
    out = []
    for pk, code, node, kind, node_code in found:
        year: int | None = None
        status, sample = str(method.Status.NO_DATA), False
        if pk in latest:
            year, status, sample = latest[pk]
        out.append(
            IndicatorStatus(
                pk, code, node, f"{kind}/{node_code}", method.Status(status), sample, year
            )
        )
    return out


def summary(version: PlanVersion, *, as_of: int | None = None) -> Tally:
    """How many of the version's indicators are in each status (the queries of `statuses`)."""
    found = statuses(version, as_of=as_of)
    return tally((i.status for i in found), sample=any(i.sample for i in found))


@dataclass(frozen=True)
class RollupNode:
    """A node of the version as a roll-up reads it."""

    pk: int
    parent: int | None
    kind: str
    code: str
    name_ja: str
    name_en: str
    depth: int

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.code}"

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)


@dataclass(frozen=True)
class VersionRollup:
    version: PlanVersion
    as_of: int | None  # the fiscal year asked for; None: every published figure
    indicators: list[IndicatorStatus]
    total: Tally
    by_node: dict[int, Tally]  # every node with indicators at or below it, by id
    parents: dict[int, int | None]  # every node's parent, by id

    @property
    def fiscal_year(self) -> int | None:
        """The fiscal year the statuses are as of: the one asked for, else the latest year of a
        figure that went into them (None when none did)."""
        if self.as_of is not None:
            return self.as_of
        return max((y for i in self.indicators if (y := i.latest_year) is not None), default=None)

    @property
    def sample(self) -> bool:
        return self.total.sample


def version_rollup(
    version: PlanVersion,
    *,
    as_of: int | None = None,
    parents: dict[int, int | None] | None = None,
) -> VersionRollup:
    """The version's indicators with their statuses and the tally of the version and of every
    node: the two queries of `statuses`, and one of every node's parent unless given (a page
    of the tree has read them: TreePage.order)."""
    found = statuses(version, as_of=as_of)
    if parents is None:
        parents = dict(version.nodes.values_list("pk", "parent_id"))
    counted = [Counted(i.node, i.status, i.sample) for i in found]
    return VersionRollup(
        version,
        as_of,
        found,
        tally((i.status for i in found), sample=any(i.sample for i in found)),
        roll_up(counted, parents.get),
        parents,
    )


def rolled_up(rollup: VersionRollup) -> list[RollupNode]:
    """The nodes with indicators below them (not only their own), in reading order: the
    domains, fields, visions and policies of the default shape, a plan's own upper levels. One
    query, of those nodes only (each one's ancestors are among them)."""
    below = {p for pk in rollup.by_node if (p := rollup.parents.get(pk)) is not None}
    rows = list(
        rollup.version.nodes.filter(pk__in=below)
        .order_by("position")
        .values_list("pk", "parent_id", "kind", "code", "name_ja", "name_en")
    )
    roots, children = group_children(
        rows, lambda r: r[0], lambda r: r[1] if r[1] in below else None
    )
    order = preorder([r[0] for r in roots], {k: [r[0] for r in v] for k, v in children.items()})
    by_pk = {row[0]: row for row in rows}
    depth: dict[int, int] = {}
    nodes = []
    for pk in order:  # a parent comes before its children
        _, parent, kind, code, name_ja, name_en = by_pk[pk]
        depth[pk] = depth[parent] + 1 if parent in depth else 1
        nodes.append(RollupNode(pk, parent, kind, code, name_ja, name_en, depth[pk]))
    return nodes


def tree_tallies(tree: VersionTree) -> dict[int, Tally]:
    """The tally of each node of a tree read with its indicators (version_tree without
    `outline`), from what it holds: no query. A tree read under one node (`detail_under`) holds
    that node's subtree whole: its tallies are complete, its ancestors' are not."""
    counted = [
        Counted(item.node.pk, (r := assess_indicator(i)).status, contributes_sample(r))
        for item in tree.by_key.values()
        for i in item.indicators
    ]
    return roll_up(counted, lambda pk: p.node.pk if (p := tree.parents.get(pk)) else None)


def summary_levels(shape: PlanShape) -> list[PlanLevel]:
    """The levels whose nodes show their counts on the policy tree: the field and the policy in
    the default shape; in a plan of its own levels, every level above those that carry
    indicators (its nodes' counts are of the indicators below them)."""
    if not shape.declared:
        return [shape.levels[code] for code in ("field", "policy") if code in shape.levels]
    carrying = [level.code for level in shape.indicator_levels]
    up = {
        code: [p for p in level.parents if p in shape.levels]
        for code, level in shape.levels.items()
    }
    above = set(preorder(carrying, up)) - set(
        carrying
    )  # every level a carrying one may stand under
    return [level for code, level in shape.levels.items() if code in above]
