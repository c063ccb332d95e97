from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from .common import ATTRIBUTION_DESCRIPTION, Attribution, DepartmentOut, Text


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


class LevelRef(Schema):
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


class EvaluationOut(Schema):
    phase_start: int
    phase_end: int
    achievements: Text
    challenges: Text


class NodeOut(Schema):
    id: str = Field(description="kind/code, unique within the version, e.g. measure/1-1.")
    kind: str = Field(description="The code of the node's level, e.g. measure.")
    level: LevelRef
    code: str
    name: Text
    description: Text
    department: DepartmentOut
    parent: str | None
    indicators: list[str]
    evaluations: list[EvaluationOut]
    children: list[NodeOut]


class VersionOut(VersionSummary):
    plan: str
    nodes: list[NodeOut]


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
