"""Shapes shared by all resources: bilingual text and numbers in their unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel

from dxplan.core.numbers import published


class Record(BaseModel):
    """An answer's shape that serializers.py always builds as a plain dict, so pydantic checks
    it alone: ninja's Schema wraps every object, nested ones too, to read a model's attributes,
    which made a tree of 630 nodes take 40 ms to check instead of 5 (the shapes in a node, and
    text everywhere)."""


class Text(Record):
    ja: str
    en: str


Attribution = Literal["city", "editors"]
ATTRIBUTION_DESCRIPTION = (
    "Whose word the text is: `city` (as the city published it) or `editors` (inferred by the "
    "editors who transcribed the plan)."
)


class DepartmentOut(Text):
    """An owning department's name (empty texts where none is recorded)."""

    attribution: Attribution = Field(description=ATTRIBUTION_DESCRIPTION)


def text(obj: Any, field: str) -> dict[str, str]:
    return {"ja": getattr(obj, f"{field}_ja"), "en": getattr(obj, f"{field}_en")}


def number(value: Decimal | None, places: int) -> int | float | None:
    """A value in its unit as published: 45161 stays an integer, 36.3 a decimal."""
    if value is None:
        return None
    rounded = published(value, places)
    return int(rounded) if places == 0 else float(rounded)


class Error(Schema):
    detail: str


class InvalidInput(Schema):
    """Query parameters that could not be read; `detail` says which and why."""

    detail: list[dict[str, Any]]
