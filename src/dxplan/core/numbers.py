"""Numbers as Japanese documents print them: ５０．０％, 45,161件, △3.2 (negative)."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import BilingualError
from .text import normalize_width

_NUMBER = re.compile(r"^(?P<sign>[-+△▲−])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?$")
_WITH_UNIT = re.compile(r"^(?P<number>[-+△▲−]?[\d,]+(?:\.\d+)?)(?P<unit>[^\d.,+\-△▲−]{1,20})$")


class NumberError(BilingualError):
    pass


class UnitMismatch(NumberError):
    """A number written with another unit than the one expected ("45,161人" where 件 is)."""

    def __init__(self, value: str, found: str, expected: str) -> None:
        super().__init__(
            f"「{value}」は数値として読めません: "
            f"単位「{found}」が単位「{expected}」と一致しません。",
            f"'{value}' is not a number in {expected}: unit {found} does not match {expected}.",
        )
        self.value = value
        self.found = found
        self.expected = expected


def parse_decimal(value: object, unit: str | None = None) -> Decimal:
    """Read a published number exactly, keeping its printed precision ("50.0" stays 50.0).

    A trailing unit is accepted when it matches `unit` (so "45,161件" reads with unit 件); another
    unit raises UnitMismatch, which names both. Floats are read through their shortest repr, as
    YAML gives 36.3 for "36.3". Anything but a number or a text is refused with a NumberError.
    """
    if isinstance(value, bool):
        raise _invalid(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _invalid(value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _invalid(value)
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise _invalid(value)
    text = normalize_width(value).replace(" ", "")
    if unit:
        suffix = normalize_width(unit).replace(" ", "")
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
    match = _NUMBER.match(text)
    if not match:
        written = _WITH_UNIT.match(text)
        if unit and written and _NUMBER.match(written["number"]):
            raise UnitMismatch(value, written["unit"], unit)
        raise _invalid(value, unit)
    sign = "-" if match["sign"] in ("-", "△", "▲", "−") else ""
    try:
        return Decimal(sign + match["digits"].replace(",", "") + (match["fraction"] or ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise _invalid(value, unit) from error


def percent_of_fraction(fraction: float) -> Decimal:
    """A share stored as a fraction of one, as Excel's percentage cells hold it (0.363 shown as
    36.3%), as the percentage: 36.3, exactly. Twelve significant digits drop a formula's binary
    noise (0.0069999999999999993 is 0.007); a whole percentage has no exponent (50, not 5E+1)."""
    value = Decimal(f"{fraction:.12g}").scaleb(2)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return value


MAX_DIGITS = 15  # what a double (SQLite's storage for decimals) holds exactly
MAX_DECIMAL_PLACES = 6


def check_storable(value: Decimal) -> Decimal:
    """Refuse values that a database could not store exactly (15 digits in all, 6 after the
    point), so that nothing is silently rounded or overflows."""
    places = decimal_places(value)
    integer_digits = len(str(abs(value).quantize(Decimal(1), rounding=ROUND_DOWN)).lstrip("0"))
    if places > MAX_DECIMAL_PLACES or integer_digits + places > MAX_DIGITS:
        raise NumberError(
            f"「{value}」は桁数が多すぎます（全体で{MAX_DIGITS}桁、小数部{MAX_DECIMAL_PLACES}桁まで）。",
            f"'{value}' has too many digits (at most {MAX_DIGITS} in all and "
            f"{MAX_DECIMAL_PLACES} after the point).",
        )
    return value


def decimal_places(value: Decimal) -> int:
    """How many digits a value was printed with after the point (50.0 → 1, 45161 → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round as Japanese statistics tables do (四捨五入), not banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def published(value: Decimal | int, places: int) -> Decimal:
    """A figure at the precision it is published with: rounded half-up (四捨五入) to `places`
    digits after the point and written with exactly that many (36.25 → 36.3, 50 → 50.0 at one
    place; 12.5 → 13 at none).

    The one rule behind every published figure: indicator values at the indicator's decimals on
    pages and in the API, survey percentages, shares in the API.
    """
    return round_half_up(Decimal(value), places)


def _invalid(value: object, unit: str | None = None) -> NumberError:
    if not isinstance(value, str | int | float | Decimal):
        return NumberError("数値を指定してください。", "Expected a number.")
    suffix_ja = f"（単位: {unit}）" if unit else ""
    suffix_en = f" (unit: {unit})" if unit else ""
    return NumberError(
        f"「{value}」は数値として読めません{suffix_ja}。",
        f"'{value}' is not a number{suffix_en}.",
    )


def plain(value: Decimal) -> str:
    """A decimal written without exponent or trailing zeros (36.300000 → 36.3, 50.0 → 50)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
