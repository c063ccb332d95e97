"""Published survey figures: shares of a base, and whether counts reproduce what was printed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import round_half_up


def share(count: int, base: int) -> Decimal:
    """The fraction of the base (0.5, not 50); exact up to 12 digits."""
    if base <= 0:
        raise ValueError("base must be positive")
    return (Decimal(count) / Decimal(base)).quantize(Decimal("1e-12"))


def percent(count: int, base: int, places: int = 1) -> Decimal:
    """The share as a percentage rounded half-up as the document printed it (12.7)."""
    return round_half_up(Decimal(count) * 100 / Decimal(base), places)


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
    for label, count, published in options:
        exponent = published.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        computed = percent(count, base, places)
        if computed != published:
            mismatches.append(Mismatch(label, published, computed))
    return mismatches
