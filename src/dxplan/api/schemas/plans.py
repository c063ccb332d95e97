from __future__ import annotations

from typing import Literal

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
    status: Literal["draft", "public", "archived"]
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
    kind: Literal["domain", "field", "vision", "policy", "measure", "initiative"]
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
    relation: Literal["continued", "renamed", "merged", "split", "new", "retired"]
    note: Text


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
