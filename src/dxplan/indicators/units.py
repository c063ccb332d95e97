"""An indicator's figure with its unit, as every page writes it (the one rule: 45,161件 in
Japanese, 45,161 visits in English where the plan gives an English unit, 1 visit for one)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dxplan.bilingual import current_language
from dxplan.core.numbers import published
from dxplan.core.text import english_unit


def with_unit(shown: str, indicator: Any) -> str:
    """`shown` (the value already written as a number) followed by the indicator's unit."""
    if current_language() == "en" and indicator.unit_en:
        return f"{shown} {english_unit(indicator.unit_en, shown)}"
    return f"{shown}{indicator.unit}"


def in_unit(value: Decimal, indicator: Any) -> str:
    """A value at its indicator's published precision, with thousands separators, and its
    unit: 36.3%, 45,161件 (as the pages' `in_unit` filter writes it)."""
    return with_unit(f"{published(value, indicator.decimals):,f}", indicator)
