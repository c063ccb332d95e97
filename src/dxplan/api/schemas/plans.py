from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from .common import ATTRIBUTION_DESCRIPTION, Attribution, DepartmentOut, Record, Text


class OrganisationOut(Schema):
    code: str
    slug: str
    name: Text


class VersionSummary(Schema):
    slug: str
    name: Text
    start_year: int
    end_year: int
    status: Literal["draft", "public", "archived"]
    url: str


class LevelRef(Record):
    """The level a node stands on, as the plan names it (基本施策, 施策, 事業 …)."""

    code: str
    name: Text


class LevelOut(LevelRef):
    parents: list[str] = Field(
        description="Codes of the levels a node of this level may stand under."
    )
    has_page: bool = Field(description="Whether the public site gives each node of it a page.")
    carries_indicators: bool = Field(description="Whether its nodes carry outcome indicators.")


class PlanOut(Schema):
    id: str
    organisation: OrganisationOut
    slug: str
    name: Text
    start_year: int
    end_year: int
    vision_year: int | None = Field(
        description="The year the plan's vision looks to (2030 for Nagasaki), or null."
    )
    purpose: Text
    concept: Text
    levels: list[LevelOut] = Field(
        description="The levels of the plan's tree, from the top down; the six default levels "
        "(domain, field, vision, policy, measure, initiative) where the plan declares none."
    )
    versions: list[VersionSummary]
    url: str


class EvaluationOut(Record):
    phase_start: int
    phase_end: int
    achievements: Text
    challenges: Text


class NodeFields(Record):
    """What every node says of itself, nested in a tree (NodeOut) or listed flat (FlatNodeOut)."""

    id: str = Field(description="kind/code, unique within the version, e.g. measure/1-1.")
    kind: str = Field(description="The code of the node's level, e.g. measure.")
    level: LevelRef
    code: str
    name: Text
    description: Text
    department: DepartmentOut
    parent: str | None


class NodeOut(NodeFields):
    indicators: list[str]
    evaluations: list[EvaluationOut]
    children_count: int = Field(
        description="Direct children of the node in the version, whether `children` shows them "
        "or not: a node cut off at the tree's `depth` has `children: []` and a count above 0."
    )
    children: list[NodeOut]


class FlatNodeOut(NodeFields):
    """A node of the flat list: its children by id, not nested."""

    depth: int = Field(description="Level of the node in the tree: 1 for a root.")
    indicators: list[str]
    evaluations: list[EvaluationOut]
    children: list[str] = Field(
        description="Ids (kind/code) of the node's direct children, in reading order."
    )


class VersionOut(VersionSummary):
    plan: str
    node_count: int = Field(description="Nodes in the whole version.")
    depth: int = Field(
        description="Levels of the tree `nodes` goes down to, from the roots (1: the roots "
        "only; 0: no node, when the version's roots alone are too many for one answer)."
    )
    complete: bool = Field(description="Whether `nodes` holds every node of the version.")
    nodes_url: str = Field(
        description="Absolute URL of every node of the version as a flat, paginated list in "
        "reading order: follow it for the levels below `depth`."
    )
    nodes: list[NodeOut] = Field(
        description="The root nodes, each with its children nested down to `depth`."
    )


class MappingLinkOut(Schema):
    from_node: str | None
    to_node: str | None
    relation: Literal["continued", "renamed", "merged", "split", "new", "retired"]
    note: Text = Field(description="Why the link is drawn.")
    attribution: Attribution = Field(description=ATTRIBUTION_DESCRIPTION + " Applies to `note`.")


class MappingOut(Schema):
    from_version: str
    to_version: str
    links: list[MappingLinkOut]


class ApiIndex(Schema):
    organisations: str
    plans: str
    indicators: str
    openapi: str
    docs: str
