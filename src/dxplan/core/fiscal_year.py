"""Japanese fiscal years (April to March) and the era names used to write them.

Years are stored as the integer of the calendar year in which the fiscal year starts:
令和6年度 = FY2024 = 2024 (April 2024 to March 2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BilingualError
from .text import normalize_width


@dataclass(frozen=True)
class Era:
    kanji: str
    letter: str
    english: str
    first_year: int  # the Gregorian year of the era's year 1 (元年)
    last_number: int | None = None  # the era's last year number, for eras that have ended


ERAS = (
    Era("令和", "R", "Reiwa", 2019),
    Era("平成", "H", "Heisei", 1989, 31),
    Era("昭和", "S", "Showa", 1926, 64),
)

MIN_YEAR = 1926
MAX_YEAR = 2200

_ERA_PATTERN = re.compile(
    r"^(?P<era>令和|平成|昭和|[RHS])\s*(?P<year>元|\d{1,3})\s*(?:年度|年)?$", re.IGNORECASE
)
_GREGORIAN_PATTERN = re.compile(r"^(?:FY\s*)?(?P<year>\d{4})\s*(?:年度|年)?$", re.IGNORECASE)


class FiscalYearError(BilingualError):
    pass


def parse_fiscal_year(value: int | str) -> int:
    """Read a fiscal year written as 2024, "FY2024", "2024年度", "令和6年度", "R6" or "Ｒ６"."""
    if isinstance(value, bool):
        raise _invalid(value)
    if isinstance(value, int):
        return _checked(value, value)
    text = normalize_width(str(value))
    if match := _GREGORIAN_PATTERN.match(text):
        return _checked(int(match["year"]), value)
    if match := _ERA_PATTERN.match(text):
        era = _era(match["era"])
        number = 1 if match["year"] == "元" else int(match["year"])
        if number < 1 or (era.last_number is not None and number > era.last_number):
            raise _invalid(value)
        return _checked(era.first_year + number - 1, value)
    raise _invalid(value)


def era_of(year: int) -> tuple[Era, int]:
    """The era and the era year in which a fiscal year starts (FY2019 is 令和元年度)."""
    for era in ERAS:
        if year >= era.first_year:
            return era, year - era.first_year + 1
    raise FiscalYearError(f"{year}年度は対象外です。", f"Fiscal year {year} is out of range.")


def format_fiscal_year(year: int, language: str = "ja") -> str:
    """令和6年度 in Japanese, FY2024 in any other language."""
    if language.startswith("ja"):
        era, number = era_of(year)
        return f"{era.kanji}{'元' if number == 1 else number}年度"
    return f"FY{year}"


def format_fiscal_year_short(year: int, language: str = "ja") -> str:
    """R6 in Japanese (as the plan's tables write it), FY2024 otherwise."""
    if language.startswith("ja"):
        era, number = era_of(year)
        return f"{era.letter}{number}"
    return f"FY{year}"


def _era(name: str) -> Era:
    for era in ERAS:
        if name.upper() in (era.kanji, era.letter):
            return era
    raise AssertionError(name)  # the pattern only admits known eras


def _checked(year: int, original: object) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _invalid(original)
    return year


def _invalid(value: object) -> FiscalYearError:
    return FiscalYearError(
        f"「{value}」は年度として読めません（例: 2024、FY2024、令和6年度、R6）。",
        f"'{value}' is not a fiscal year (e.g. 2024, FY2024, 令和6年度, R6).",
    )
