"""The rules of a yearly actual, once for the staff screens and the file import."""

from decimal import Decimal

import pytest

from dxplan.core.actual_rules import actual_errors, as_entered, is_count

D = Decimal


def parts(**values) -> list[str]:
    return [part for part, _ in actual_errors(**values)]


def test_a_share_lies_within_0_and_100_percent():
    [(part, error)] = actual_errors(unit="%", value=D(120))
    assert part == "value"
    assert error.ja == "割合 120% が 0～100% の範囲外です。"
    assert error.en == "The share 120% is outside 0–100%."
    assert parts(unit="％", value=D(0)) == parts(unit="%", value=D(100)) == []
    assert parts(unit="%", value=D("40"), lower=D("-1"), upper=D(41)) == ["lower"]


def test_a_count_published_without_decimals_is_whole():
    [(part, error)] = actual_errors(unit="件", value=D("2.5"), decimals=0)
    assert part == "value"
    assert "整数" in error.ja and error.en == "2.5 件: a count (件) is a whole number."
    assert parts(unit="人", value=D("2.0"), decimals=0) == []  # 2.0 is whole
    assert parts(unit="件", value=D("2.5"), decimals=1) == []  # an average, published so
    assert parts(unit="件", value=D("2.5")) == []  # precision unknown: the import checks
    assert parts(unit="分", value=D("2.5"), decimals=0) == []  # minutes are not counted
    assert parts(unit="校", value=D(3), lower=D("2.5"), upper=D(4), decimals=0) == ["lower"]


@pytest.mark.parametrize(
    ("unit", "decimals", "counted"),
    [("件", 0, True), ("人", 0, True), ("回", 0, True), (" 社 ", 0, True), ("件", 1, False),
     ("件", None, False), ("%", 0, False), ("分", 0, False)],
)  # fmt: skip
def test_what_counts_as_a_count(unit, decimals, counted):
    assert is_count(unit, decimals) is counted


def test_an_interval_has_both_bounds_or_neither_around_the_value():
    assert parts(unit="%", value=D(40), lower=D(38)) == ["upper"]
    assert parts(unit="%", value=D(40), upper=D(42)) == ["lower"]
    assert parts(unit="%", value=D(40), lower=D(41), upper=D(42)) == ["lower"]
    assert parts(unit="%", value=D(40), lower=D(38), upper=D(39)) == ["upper"]
    assert parts(unit="%", value=D(40), lower=D(40), upper=D(40)) == []


def test_negative_values_only_where_the_unit_can_be_negative():
    assert parts(unit="件", value=D(-1)) == ["value"]
    assert parts(unit="ポイント", value=D(-1)) == []


def test_the_year_comes_after_the_baseline_and_near_the_plan():
    [(part, error)] = actual_errors(unit="%", value=D(1), year=2024, baseline_year=2024)
    assert part == "year" and error.ja == "令和6年度は基準年度（令和6年度）より前です。"
    assert parts(unit="%", value=D(1), year=2025, baseline_year=2024) == []
    assert parts(unit="%", value=D(1), year=2073, period=(2022, 2030)) == ["year"]


def test_a_stored_figure_is_shown_for_editing_exactly_never_rounded():
    assert as_entered(D("40.000000"), 1) == "40.0"
    assert as_entered(D("40.250000"), 1) == "40.25"
    assert as_entered(D("45161"), 0) == "45161"
    assert as_entered(D("3.5"), 2) == "3.50"
