"""The rules a yearly actual must meet, written once for the staff screens and the file import.

`actual_errors` checks one entered figure against its indicator's unit and precision and the
plan's years: a share (unit %) lies within 0–100, a count (件, 人, 回 …) published without
decimal places is whole, no negative value where the unit cannot be negative, an interval has
both bounds or none with lower ≤ value ≤ upper, and the year comes after the baseline year and
near the plan's years. Each problem names the part it concerns (value, lower, upper, year) and
is said in Japanese and English.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import BilingualError
from .fiscal_year import format_fiscal_year
from .numbers import decimal_places, plain
from .plan_rules import observation_errors

# Units that count things: a figure in them is a whole number when published without decimals.
COUNT_UNITS = frozenset(
    {
        "件", "人", "名", "回", "校", "社", "者", "団体", "事業者", "事業所", "事業", "施設",
        "箇所", "か所", "カ所", "ヶ所", "ケ所", "世帯", "台", "個", "本", "冊", "店", "店舗",
        "機関", "課", "部署", "地区", "自治会", "手続", "手続き", "種類", "講座", "アカウント",
    }
)  # fmt: skip


def is_count(unit: str, decimals: int | None) -> bool:
    """A unit of things counted, published as whole numbers (decimals 0). A count unit
    published with decimal places is an average (2.5件 a day) and may have a fraction; where
    the precision is not known (None), the unit alone does not decide."""
    return unit.strip() in COUNT_UNITS and decimals == 0


def actual_errors(
    *,
    unit: str,
    value: Decimal,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
    decimals: int | None = None,
    year: int | None = None,
    baseline_year: int | None = None,
    period: tuple[int, int] | None = None,
) -> list[tuple[str, BilingualError]]:
    """Every problem of one actual: (part, error), part one of value, lower, upper, year."""
    errors = observation_errors(
        unit=unit, value=value, lower=lower, upper=upper, year=year, period=period
    )
    if (lower is None) != (upper is None):
        errors.append(
            (
                "upper" if upper is None else "lower",
                BilingualError(
                    "区間は下限と上限の両方を入力してください（区間がなければ両方とも空欄）。",
                    "Give both the lower and the upper bound of the interval, or neither.",
                ),
            )
        )
    if is_count(unit, decimals):
        for part, number in (("value", value), ("lower", lower), ("upper", upper)):
            if number is not None and number % 1 != 0:
                errors.append(
                    (
                        part,
                        BilingualError(
                            f"{plain(number)}{unit}: 数を数える単位（{unit}）なので、"
                            "整数で入力してください。",
                            f"{plain(number)} {unit}: a count ({unit}) is a whole number.",
                        ),
                    )
                )
    if year is not None and baseline_year is not None and year <= baseline_year:
        errors.append(
            (
                "year",
                BilingualError(
                    f"{format_fiscal_year(year)}は基準年度"
                    f"（{format_fiscal_year(baseline_year)}）より前です。",
                    f"FY{year} is not after the baseline year FY{baseline_year}.",
                ),
            )
        )
    return errors


def as_entered(value: Decimal, decimals: int) -> str:
    """A stored figure as a form shows it for editing: exactly, without trailing zeros beyond
    the published precision and never rounded (40.000000 at one place → 40.0; 40.25 → 40.25)."""
    text = plain(value)
    missing = decimals - decimal_places(Decimal(text))
    if missing > 0:
        text += ("" if "." in text else ".") + "0" * missing
    return text
