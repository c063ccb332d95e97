"""The plan's rules, written once in core and used by the file reader, the models and the admin."""

from decimal import Decimal

import pytest

from dxplan.core import plan_rules
from dxplan.core.plan_rules import LevelRule

D = Decimal
DEFAULT = {level.code: level for level in plan_rules.DEFAULT_LEVELS}
CITY = [
    LevelRule("goal", "基本目標", "Basic goal"),
    LevelRule("measure", "施策", "Measure", frozenset({"goal"}), True, True),
    LevelRule("project", "事業", "Project", frozenset({"measure"})),
]


def test_the_default_grammar():
    assert plan_rules.parent_error(DEFAULT, "measure", "policy") is None
    assert plan_rules.parent_error(DEFAULT, "vision", None) is None  # roots may be any level
    error = plan_rules.parent_error(DEFAULT, "policy", "measure")
    assert error and "field, vision" in error.en


def test_an_unknown_level_names_the_known_ones():
    levels = {level.code: level for level in CITY}
    error = plan_rules.parent_error(levels, "initiative", "measure")
    assert error and "goal, measure, project" in error.en and "goal, measure, project" in error.ja


def test_declared_levels_need_unique_codes_and_declared_parents():
    assert plan_rules.level_errors(CITY) == []
    broken = [*CITY, LevelRule("goal", "x", "x", frozenset({"programme"}))]
    found = [(index, part) for index, part, _ in plan_rules.level_errors(broken)]
    assert found == [(3, "code"), (3, "parents")]


def test_only_levels_with_indicators_carry_them():
    levels = {level.code: level for level in CITY}
    assert plan_rules.carrier_error(levels, "measure") is None
    error = plan_rules.carrier_error(levels, "project")
    assert error and "measure" in error.en
    assert plan_rules.carrier_error(DEFAULT, "policy") is not None


def test_the_vision_year_comes_after_the_plan_starts():
    assert plan_rules.vision_year_error(2035, (2025, 2029)) is None
    assert plan_rules.vision_year_error(2025, (2025, 2029)) is None
    error = plan_rules.vision_year_error(2020, (2025, 2029))
    assert error and "2020" in error.en


@pytest.mark.parametrize(
    ("relation", "has_from", "has_to", "sides"),
    [
        ("continued", True, True, []),
        ("new", False, True, []),
        ("new", True, True, ["from"]),
        ("retired", True, True, ["to"]),
        ("merged", False, True, ["from"]),
    ],
)
def test_mapping_sides(relation, has_from, has_to, sides):
    errors = plan_rules.mapping_errors(relation, has_from, has_to)
    assert [side for side, _ in errors] == sides


@pytest.mark.parametrize(
    ("value", "unit", "refused"),
    [
        (D("50.0"), "%", False),
        (D("100"), "％", False),
        (D("100.1"), "%", True),
        (D("-0.1"), "%", True),
        (D("-1"), "件", True),
        (D("-1"), "人", True),
        (D("0"), "件", False),
        (D("-3.2"), "ポイント", False),  # a change in points may fall
    ],
)
def test_values_in_their_unit(value, unit, refused):
    assert (plan_rules.value_error(value, unit) is not None) is refused


def test_series_direction_and_years():
    def parts(direction, baseline, target, period=None):
        return [
            part
            for part, _ in plan_rules.series_errors(
                unit="件", direction=direction, baseline=baseline, target=target, period=period
            )
        ]

    assert parts("increase", (D(10), 2024), (D(20), 2027)) == []
    assert parts("decrease", (D(10), 2024), (D(20), 2027)) == ["target.value"]
    assert parts("increase", (D(10), 2024), (D(5), 2027)) == ["target.value"]
    assert parts("increase", (D(10), 2027), (D(20), 2024)) == ["target.year"]
    assert parts("increase", (D(10), 2024), (D(20), 2073), (2022, 2030)) == ["target.year"]


def test_observations_inside_their_interval_and_years():
    def parts(**kwargs):
        return [part for part, _ in plan_rules.observation_errors(unit="%", **kwargs)]

    assert parts(value=D(20), lower=D(18), upper=D(22), year=2024, period=(2022, 2030)) == []
    assert parts(value=D(20), lower=D(21)) == ["lower"]
    assert parts(value=D(20), upper=D(19)) == ["upper"]
    assert parts(value=D(20), upper=D(101)) == ["upper"]  # a share above 100%
    assert parts(value=D(20), year=2073, period=(2022, 2030)) == ["year"]


def test_a_year_far_outside_the_plan_is_a_typo():
    assert plan_rules.year_error(2033, (2022, 2030)) is None
    error = plan_rules.year_error(2073, (2022, 2030))
    assert error and "2073" in error.en and "FY2022–2030" in error.en


def test_a_number_in_another_unit_names_both_units():
    from dxplan.core.numbers import UnitMismatch, parse_decimal

    with pytest.raises(UnitMismatch) as mismatch:
        parse_decimal("45,161人", "件")
    assert (mismatch.value.found, mismatch.value.expected) == ("人", "件")
    assert "人" in mismatch.value.en and "件" in mismatch.value.en


@pytest.mark.parametrize("value", [[1], {"a": 1}, None, float("nan"), float("inf")])
def test_anything_but_a_number_is_a_number_error(value):
    from dxplan.core.numbers import NumberError, parse_decimal

    with pytest.raises(NumberError):
        parse_decimal(value)
