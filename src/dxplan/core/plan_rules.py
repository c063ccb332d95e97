"""The plan's rules, written once: the tree grammar, mapping relations, series checks.

Called by the file reader, the models' `clean`, the admin and every later entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from .errors import BilingualError

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class LevelRule:
    """One level of a plan's tree: where it may stand and what it carries."""

    code: str
    name_ja: str
    name_en: str
    parents: frozenset[str] = frozenset()
    has_page: bool = False
    carries_indicators: bool = False


DEFAULT_LEVELS: tuple[LevelRule, ...] = (
    LevelRule("domain", "領域", "Domain"),
    LevelRule("field", "分野", "Field", frozenset({"domain"})),
    LevelRule("vision", "めざす姿", "Vision", frozenset({"field"})),
    LevelRule("policy", "基本方針", "Basic policy", frozenset({"vision", "field"})),
    LevelRule("measure", "基本施策", "Basic measure", frozenset({"policy"}), True, True),
    LevelRule("initiative", "主な取組", "Main initiative", frozenset({"measure"})),
)


def parent_error(
    levels: dict[str, LevelRule], kind: str, parent_kind: str | None
) -> BilingualError | None:
    """Why a node of `kind` cannot stand under `parent_kind` (None: it can)."""
    if kind not in levels:
        known = ", ".join(levels)
        return BilingualError(
            f"階層「{kind}」はこの計画にありません（あるもの: {known}）。",
            f"This plan has no level '{kind}' (it has: {known}).",
        )
    if parent_kind is None:
        return None
    allowed = levels[kind].parents
    if parent_kind not in allowed:
        names = ", ".join(sorted(allowed)) or "—"
        return BilingualError(
            f"{kind} は {parent_kind} の下に置けません（置ける親: {names}）。",
            f"A {kind} cannot stand under a {parent_kind} (allowed parents: {names}).",
        )
    return None


def ancestors(start: K, parent_of: Callable[[K], K | None]) -> list[K]:
    """From the root down to the parent of `start`; a cycle ends the walk instead of looping."""
    chain: list[K] = []
    seen = {start}
    current = parent_of(start)
    while current is not None and current not in seen:
        seen.add(current)
        chain.insert(0, current)
        current = parent_of(current)
    return chain


def would_cycle(node: K, new_parent: K | None, parent_of: Callable[[K], K | None]) -> bool:
    """Whether giving `node` the parent `new_parent` would make it its own ancestor."""
    return new_parent is not None and (
        new_parent == node or node in ancestors(new_parent, parent_of)
    )


# relation: (needs a node in the old version, needs a node in the new version)
MAPPING_SIDES: dict[str, tuple[bool, bool]] = {
    "continued": (True, True),
    "renamed": (True, True),
    "merged": (True, True),
    "split": (True, True),
    "new": (False, True),
    "retired": (True, False),
}


def mapping_errors(relation: str, has_from: bool, has_to: bool) -> list[tuple[str, BilingualError]]:
    """ "new" has no predecessor, "retired" no successor, every other relation has both."""
    needs_from, needs_to = MAPPING_SIDES[relation]
    errors = []
    for side, needed, present in (("from", needs_from, has_from), ("to", needs_to, has_to)):
        if needed and not present:
            errors.append(
                (
                    side,
                    BilingualError(
                        f"関係「{relation}」には {side} が必要です。",
                        f"Relation '{relation}' needs '{side}'.",
                    ),
                )
            )
        elif present and not needed:
            errors.append(
                (
                    side,
                    BilingualError(
                        f"関係「{relation}」には {side} を書きません。",
                        f"Relation '{relation}' takes no '{side}'.",
                    ),
                )
            )
    return errors


def is_percent(unit: str) -> bool:
    return unit.strip() in ("%", "％", "パーセント")


# Units whose values may fall below zero (a change in points, a temperature, a balance).
SIGNED_UNITS = frozenset(
    {"ポイント", "pt", "%pt", "％pt", "ﾎﾟｲﾝﾄ", "℃", "円", "千円", "万円", "百万円", "億円"}
)


def level_errors(levels: Sequence[LevelRule]) -> list[tuple[int, str, BilingualError]]:
    """Problems of a plan's declared levels: (index of the level, part, error).

    Codes must be unique and a level's parents must be declared levels.
    """
    errors: list[tuple[int, str, BilingualError]] = []
    codes = [level.code for level in levels]
    known = ", ".join(dict.fromkeys(codes))
    seen: set[str] = set()
    for index, level in enumerate(levels):
        if level.code in seen:
            errors.append(
                (
                    index,
                    "code",
                    BilingualError(
                        f"階層「{level.code}」が重複しています。",
                        f"Level '{level.code}' is declared twice.",
                    ),
                )
            )
        seen.add(level.code)
        for parent in sorted(level.parents - set(codes)):
            errors.append(
                (
                    index,
                    "parents",
                    BilingualError(
                        f"階層「{level.code}」の親「{parent}」が levels にありません"
                        f"（あるもの: {known}）。",
                        f"Level '{level.code}' names the parent '{parent}', which is not a "
                        f"declared level (declared: {known}).",
                    ),
                )
            )
    return errors


def carrier_error(levels: dict[str, LevelRule], kind: str) -> BilingualError | None:
    """Why a node of `kind` cannot carry indicators and evaluations (None: it can)."""
    level = levels.get(kind)
    if level is None or level.carries_indicators:
        return None
    carriers = ", ".join(code for code, rule in levels.items() if rule.carries_indicators) or "—"
    return BilingualError(
        f"{kind} には成果指標と評価を付けられません（付けられる階層: {carriers}。"
        "plan.yaml の levels で indicators: true の階層です）。",
        f"A {kind} cannot carry indicators or evaluations (levels that can: {carriers}; "
        "those with indicators: true in plan.yaml).",
    )


def vision_year_error(vision_year: int, period: tuple[int, int]) -> BilingualError | None:
    """The year of the plan's long-term vision cannot come before the plan starts."""
    start = period[0]
    if vision_year >= start:
        return None
    return BilingualError(
        f"将来像の年 {vision_year} が計画の開始年度 {start} より前です。",
        f"The vision year {vision_year} is before the plan's first year {start}.",
    )


def series_errors(
    *,
    unit: str,
    direction: str,
    baseline: tuple[Decimal, int],
    target: tuple[Decimal, int],
    period: tuple[int, int] | None = None,
) -> list[tuple[str, BilingualError]]:
    """Problems of one series, each with the part it concerns (target.year, target.value, ...).

    With the plan's `period`, baseline and target years far outside it are reported too.
    """
    errors: list[tuple[str, BilingualError]] = []
    (b_value, b_year), (t_value, t_year) = baseline, target
    if t_year < b_year:
        errors.append(
            (
                "target.year",
                BilingualError(
                    "目標年度が基準年度より前です。", "The target year is before the baseline year."
                ),
            )
        )
    if direction == "decrease" and t_value > b_value:
        errors.append(
            (
                "target.value",
                BilingualError(
                    f"減少をめざす指標なのに、目標値 {t_value} が"
                    f"基準値 {b_value} を上回っています。",
                    f"A decreasing indicator's target {t_value} is above its baseline {b_value}.",
                ),
            )
        )
    if direction == "increase" and t_value < b_value:
        errors.append(
            (
                "target.value",
                BilingualError(
                    f"増加をめざす指標なのに、目標値 {t_value} が"
                    f"基準値 {b_value} を下回っています。",
                    f"An increasing indicator's target {t_value} is below its baseline {b_value}.",
                ),
            )
        )
    for part, value in (("baseline.value", b_value), ("target.value", t_value)):
        if error := value_error(value, unit):
            errors.append((part, error))
    if period is not None:
        for part, year in (("baseline.year", b_year), ("target.year", t_year)):
            if error := year_error(year, period):
                errors.append((part, error))
    return errors


def observation_errors(
    *,
    unit: str,
    value: Decimal,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
    year: int | None = None,
    period: tuple[int, int] | None = None,
) -> list[tuple[str, BilingualError]]:
    """Problems of one observed value with its interval: (part, error)."""
    errors: list[tuple[str, BilingualError]] = []
    for part, number in (("value", value), ("lower", lower), ("upper", upper)):
        if number is not None and (error := value_error(number, unit)):
            errors.append((part, error))
    if lower is not None and lower > value:
        errors.append(
            (
                "lower",
                BilingualError(
                    f"下限 {lower} が値 {value} を上回っています。",
                    f"The lower bound {lower} is above the value {value}.",
                ),
            )
        )
    if upper is not None and upper < value:
        errors.append(
            (
                "upper",
                BilingualError(
                    f"上限 {upper} が値 {value} を下回っています。",
                    f"The upper bound {upper} is below the value {value}.",
                ),
            )
        )
    if year is not None and period is not None and (error := year_error(year, period)):
        errors.append(("year", error))
    return errors


def value_error(value: Decimal, unit: str) -> BilingualError | None:
    """A share outside 0–100 % where the unit is %, or a negative count.

    Negative values are allowed only in SIGNED_UNITS (points, temperatures, money).
    """
    if is_percent(unit):
        if not Decimal(0) <= value <= Decimal(100):
            return BilingualError(
                f"割合 {value}% が 0～100% の範囲外です。", f"The share {value}% is outside 0–100%."
            )
        return None
    if value < 0 and unit.strip() not in SIGNED_UNITS:
        return BilingualError(
            f"値 {value}{unit} が負の数です。", f"The value {value} {unit} is negative."
        )
    return None


def year_error(year: int, period: tuple[int, int], slack: int = 3) -> BilingualError | None:
    """An actual far outside the plan's years (2073 in a FY2022–2030 plan) is a typo."""
    start, end = period
    if start - slack <= year <= end + slack:
        return None
    return BilingualError(
        f"年度 {year} は計画期間（{start}～{end}年度）から離れすぎています。",
        f"Fiscal year {year} lies far outside the plan's years (FY{start}–{end}).",
    )
