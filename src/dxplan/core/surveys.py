"""Published survey figures: shares of a base, and whether counts reproduce what was printed.

A share is computed here and nowhere else: the model's `share`, the portal's percentages and the
API's fractions all start from `share(count, base)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import decimal_places, published


def share(count: int, base: int) -> Decimal:
    """The fraction of the base (0.5, not 50); exact up to 12 digits."""
    if base <= 0:
        raise ValueError("base must be positive")
    return (Decimal(count) / Decimal(base)).quantize(Decimal("1e-12"))


def as_percent(fraction: Decimal, places: int = 1) -> Decimal:
    """A share (0.126984126984) as the percentage a document prints, half-up (12.7)."""
    return published(fraction * 100, places)


def percent(count: int, base: int, places: int = 1) -> Decimal:
    """The share as a percentage rounded half-up as the document printed it (12.7).

    Built on `share`, and the same as rounding count × 100 / base exactly while
    base × 10^(places + 2) stays below 10^12 (the 12 digits of `share`): at one decimal, for
    any base under a billion.
    """
    return as_percent(share(count, base), places)


@dataclass(frozen=True)
class Mismatch:
    option: str
    published: Decimal
    computed: Decimal


def check_published_percents(base: int, options: list[tuple[str, int, Decimal]]) -> list[Mismatch]:
    """Options whose count / base does not round to the printed percentage.

    Each option is (label, count, published percent); the rounding uses the printed precision.
    """
    mismatches = []
    for label, count, printed in options:
        computed = percent(count, base, decimal_places(printed))
        if computed != printed:
            mismatches.append(Mismatch(label, printed, computed))
    return mismatches
