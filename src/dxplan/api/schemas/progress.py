"""A plan version's progress: how many of its indicators are in each status."""

from __future__ import annotations

from ninja import Field

from dxplan.core.progress import Status

from .common import Record, Text
from .indicators import STATUS_DESCRIPTION
from .plans import LevelRef


class StatusCounts(Record):
    """The number of indicators in each status, every status present (0 where none has it),
    in this order."""

    achieved: int
    on_track: int
    acceleration_needed: int
    limited_progress: int
    deteriorating: int
    uncertain: int
    no_data: int


class StatusName(Record):
    code: Status
    name: Text


class NodeProgress(Record):
    """A node of the version's tree with indicators below it, and theirs by status."""

    id: str = Field(description="kind/code, as in the version's tree.")
    kind: str
    level: LevelRef
    code: str
    name: Text
    parent: str | None
    depth: int = Field(description="1 for a root.")
    total: int = Field(description="Indicators at or below the node.")
    counts: StatusCounts
    sample: bool = Field(description="Whether sample (fictitious) figures went into these.")
    url: str


class IndicatorStatusOut(Record):
    id: str
    code: str
    node: str = Field(description="Id (kind/code) of the node that carries the indicator.")
    status: Status = Field(description=STATUS_DESCRIPTION)
    sample: bool = Field(description="Whether a sample (fictitious) figure went into it.")
    url: str


class ProgressLinks(Record):
    version: str = Field(description="The version with its tree.")
    indicators: str = Field(description="The version's indicators, with every assessment.")


class ProgressOut(Record):
    plan: str
    version: str
    fiscal_year: int | None = Field(
        description="The fiscal year the statuses are as of: the one asked for, else the latest "
        "year of a published actual that went into them (null when none did)."
    )
    as_of: int | None = Field(description="The fiscal year asked for, or null.")
    sample: bool = Field(
        description="Sample data, not real: true when fictitious figures went into any status."
    )
    statuses: list[StatusName] = Field(description="Every status with its name, in order.")
    total: int = Field(description="Indicators of the version.")
    counts: StatusCounts
    nodes: list[NodeProgress] = Field(
        description="Every node with indicators below it (a field, a policy …), in reading "
        "order; a node whose only indicators are its own is not listed (see `indicators`)."
    )
    indicators: list[IndicatorStatusOut]
    links: ProgressLinks
