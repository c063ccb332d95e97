"""What `dxplan load` refuses, and why: each refusal names file, line and field in ja and en."""

from decimal import Decimal

import pytest

from dxplan.io.planfiles import read_plan_folder
from tests import world

from .helpers import KAWABE, copy_of, edit, errors_for, line_containing

FIRST = "versions/first.yaml"
OBSERVATION = "- {year: R6, value: 18.5, source:"


# Numbers as published, end to end through the folder reader.


@pytest.mark.parametrize(
    ("old", "new", "read"),
    [
        ("valid_responses: 400", 'valid_responses: "400件"', lambda s: s.valid_responses == 400),
        ("distributed: 1000", 'distributed: "1,000"', lambda s: s.distributed == 1000),
        ("distributed: 1000", "distributed: １，０００人", lambda s: s.distributed == 1000),
        (
            "published_response_rate: 40.0",
            'published_response_rate: "40.0%"',
            lambda s: s.published_response_rate == Decimal("40.0"),
        ),
        (
            "published_response_rate: 40.0",
            "published_response_rate: ４０．０％",
            lambda s: str(s.published_response_rate) == "40.0",
        ),
        ("base: 400", 'base: "400人"', lambda s: s.questions[0].base == 400),
        (
            "count: 316, published: 79.0}",
            'count: "316件", published: "79.0%"}',
            lambda s: (
                (s.questions[0].options[1].count, str(s.questions[0].options[1].published))
                == (316, "79.0")
            ),
        ),
        (
            "count: 80, published: 20.0}",
            'count: "８０", published: "２０．０％"}',
            lambda s: s.questions[0].options[0].count == 80,
        ),
    ],
)
def test_survey_figures_are_read_as_printed(tmp_path, old, new, read):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "surveys.yaml", old, new)
    survey = read_plan_folder(folder).surveys.surveys[0]
    assert read(survey)


def test_large_survey_counts_with_thousands_separators(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "surveys.yaml"
    edit(path, "distributed: 1000", 'distributed: "3,000"')
    edit(path, "valid_responses: 400", 'valid_responses: "1,008"')
    edit(path, "published_response_rate: 40.0", 'published_response_rate: "33.6%"')
    assert read_plan_folder(folder).surveys.surveys[0].valid_responses == 1008


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "count: 80, published: 20.0}",
            "count: 80, published: 120.0}",
            "options[0].published",
            "outside 0–100%",
        ),
        ("published_response_rate: 40.0", "published_response_rate: 140.0", "rate", "0–100%"),
        ("count: 4, published: 1.0}", "count: -4, published: 1.0}", "options[2].count", "negative"),
        ("base: 400", 'base: "-400"', "questions[0].base", "negative"),
        ("valid_responses: 400", "valid_responses: 1400", "valid_responses", "exceed"),
    ],
)
def test_impossible_survey_figures_are_refused(tmp_path, old, new, field, message):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "surveys.yaml"
    edit(path, old, new)
    errors = errors_for(folder)
    [error] = [e for e in errors if e.field.endswith(field)]
    assert error.file == "surveys.yaml"
    assert error.line == line_containing(path, new)
    assert message in error.en, errors
    assert error.ja


# Indicator values.


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("{value: 40.0, year: R7}", "{value: 140.0, year: R7}", "series[0].target.value"),
        ('{value: "１０．０％", year: R5}', "{value: -1, year: R5}", "series[0].baseline.value"),
        (OBSERVATION, "- {year: R6, value: 101, source:", "observations[0].value"),
        (OBSERVATION, "- {year: R6, value: 18.5, upper: 100.5, source:", "observations[0].upper"),
        (OBSERVATION, "- {year: R6, value: 18.5, lower: -2, source:", "observations[0].lower"),
    ],
)
def test_a_percentage_outside_0_to_100_is_refused(tmp_path, old, new, field):
    folder = world.copy_of_minato(tmp_path)
    path = folder / FIRST
    edit(path, old, new)
    [error] = errors_for(folder)
    assert (error.file, error.line) == (FIRST, line_containing(path, new))
    assert error.field.endswith(field)
    assert "0–100%" in error.en and "0～100%" in error.ja


def test_a_negative_count_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "second.yaml"
    edit(path, 'baseline: {value: "1,200件", year: R7}', 'baseline: {value: "△1,200件", year: R7}')
    [error] = errors_for(folder)
    assert error.field.endswith("series[0].baseline.value")
    assert "negative" in error.en and "件" in error.en and "負" in error.ja


def test_a_decreasing_indicator_cannot_aim_above_its_baseline(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / FIRST
    edit(path, "target: {value: 10分, year: R7}", "target: {value: 30分, year: R7}")
    [error] = errors_for(folder)
    assert (error.line, error.field) == (
        line_containing(path, "30分"),
        "nodes[0].children[0].children[1].indicators[0].series[0].target.value",
    )
    assert "decreasing" in error.en and "30" in error.en and "25" in error.en


def test_an_increasing_indicator_cannot_aim_below_its_baseline(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / FIRST, "target: {value: 40.0, year: R7}", "target: {value: 5.0, year: R7}")
    [error] = errors_for(folder)
    assert error.field.endswith("target.value") and "increasing" in error.en


def test_an_observation_far_outside_the_plans_years_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / FIRST
    edit(path, OBSERVATION, "- {year: 2073, value: 18.5, source:")
    [error] = errors_for(folder)
    assert error.field.endswith("observations[0].year")
    assert error.line == line_containing(path, "2073")
    assert "2073" in error.en and "FY2023–2028" in error.en


@pytest.mark.parametrize(
    ("interval", "field", "message"),
    [("lower: 20.0", "lower", "above the value"), ("upper: 15.0", "upper", "below the value")],
)
def test_an_interval_must_contain_its_value(tmp_path, interval, field, message):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / FIRST, OBSERVATION, f"- {{year: R6, value: 18.5, {interval}, source:")
    [error] = errors_for(folder)
    assert error.field.endswith(f"observations[0].{field}")
    assert message in error.en


def test_an_interval_around_its_value_reads(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / FIRST, OBSERVATION, '- {year: R6, value: 18.5, lower: "16.0%", upper: 21, source:'
    )
    series = read_plan_folder(folder).versions["first"].nodes[0].children[0].children[0]
    observation = series.indicators[0].series[0].observations[0]
    assert (observation.lower, observation.upper) == (Decimal("16.0"), Decimal(21))


def test_a_value_in_another_unit_names_both_units(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "second.yaml"
    edit(path, 'baseline: {value: "1,200件", year: R7}', 'baseline: {value: "45,161人", year: R7}')
    [error] = errors_for(folder)
    assert error.line == line_containing(path, "45,161人")
    assert error.field.endswith("series[0].baseline.value")
    assert "unit 人 does not match the indicator's unit 件" in error.en
    assert "「人」" in error.ja and "「件」" in error.ja


def test_the_same_department_with_two_english_names_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    second = folder / "versions" / "second.yaml"
    edit(
        second,
        "department: {ja: 総務課, en: General Affairs Division}",
        "department: {ja: 総務課, en: General Affairs Section}",
    )
    [error] = errors_for(folder)
    assert (error.file, error.line) == ("versions/second.yaml", line_containing(second, "Section"))
    assert error.field.endswith("definition.department.en")
    assert "General Affairs Division" in error.en and "General Affairs Section" in error.en
    assert "versions/first.yaml:13" in error.en


def test_a_department_named_once_in_english_is_not_a_conflict(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        "department: {ja: 総務課, en: General Affairs Division}",
        "department: {ja: 総務課}",
    )
    read_plan_folder(folder)


# Optional parts.


def test_an_evaluation_may_omit_challenges():
    bundle = read_plan_folder(KAWABE)  # its measure met its goal: achievements only
    evaluation = bundle.versions["first"].nodes[0].children[0].evaluation
    assert evaluation.challenges is None and evaluation.achievements.ja


def test_an_evaluation_still_needs_its_achievements(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(
        folder / FIRST,
        "          achievements: {ja: 目標を達成した。, en: The goal was met.}\n",
        "",
    )
    [error] = errors_for(folder)
    assert error.field.endswith("evaluation.achievements")


def test_observations_carry_provisional_and_state():
    bundle = read_plan_folder(KAWABE)
    measure = bundle.versions["first"].nodes[0].children[0]
    [observation] = measure.indicators[0].series[0].observations
    assert (observation.provisional, observation.state) == (True, "draft")
