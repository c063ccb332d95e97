from __future__ import annotations

from ninja import Schema

from .common import Text


class OrganisationOut(Schema):
    code: str
    slug: str
    name: Text


class VersionSummary(Schema):
    slug: str
    name: Text
    start_year: int
    end_year: int
    status: str
    url: str


class PlanOut(Schema):
    id: str
    organisation: OrganisationOut
    slug: str
    name: Text
    start_year: int
    end_year: int
    purpose: Text
    concept: Text
    versions: list[VersionSummary]
    url: str


class EvaluationOut(Schema):
    phase_start: int
    phase_end: int
    achievements: Text
    challenges: Text


class NodeOut(Schema):
    id: str
    kind: str
    code: str
    name: Text
    description: Text
    department: Text
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
    relation: str
    note: Text


class MappingOut(Schema):
    from_version: str
    to_version: str
    links: list[MappingLinkOut]
