"""Checking a plan's own grades (plan.yaml `progress`) and each indicator's `method`, `overall`
and `continues`: every problem named by file, line and field, in Japanese and English."""

from dxplan.io.planfiles import read_plan_folder
from tests import world
from tests.io.helpers import copy_of, edit, errors_for, line_containing


def test_the_fixture_reads_with_statuses_left_ungraded():
    # uncertain and no_data have no grade on はまな町's scale: allowed, they show no grade
    bundle = read_plan_folder(world.HAMANA)
    assert bundle.plan.progress is not None
    assert [g.label.ja for g in bundle.plan.progress.grades] == ["A", "B", "C", "D"]


def test_an_unknown_status_code_names_the_codes_there_are(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(folder / "plan.yaml", "statuses: [on_track,", "statuses: [ontrack,")
    [error] = errors_for(folder)
    assert (error.file, error.field) == ("plan.yaml", "progress.grades[3].statuses")
    assert error.line == line_containing(folder / "plan.yaml", "ontrack")
    assert "「ontrack」は判定の区分ではありません" in error.ja
    assert "'ontrack' is not a status" in error.en and "acceleration_needed" in error.en


def test_a_grade_that_can_never_be_given_is_refused(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(
        folder / "plan.yaml",
        "    - label: {ja: C, en: C}",
        "    - label: {ja: B+, en: B+}\n      at_least: 90%\n    - label: {ja: C, en: C}",
    )
    [error] = errors_for(folder)
    assert error.field == "progress.grades[2].at_least"
    assert "B+" in error.ja and "can never be given" in error.en


def test_a_status_grade_after_one_that_catches_every_such_case_is_refused(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(
        folder / "plan.yaml",
        "    - label: {ja: B, en: B}",
        "    - label: {ja: S, en: S}\n      statuses: [achieved]\n    - label: {ja: B, en: B}",
    )
    [error] = errors_for(folder)  # A (p ≥ 100%) already takes every achieved indicator
    assert error.field == "progress.grades[1].statuses"


def test_a_grade_needs_statuses_or_a_threshold_and_labels_are_unique(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(folder / "plan.yaml", "      at_least: 80%\n", "")
    edit(folder / "plan.yaml", "label: {ja: C, en: C}", "label: {ja: A, en: A2}")
    errors = errors_for(folder)
    assert {(e.field, e.en) for e in errors} == {
        ("progress.grades[1].statuses", "A grade needs statuses, at_least or both."),
        ("progress.grades[2].label.ja", "The grade 'A' is given twice."),
    }


def test_a_threshold_reads_in_the_forms_numbers_are_written_in(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(folder / "plan.yaml", "at_least: 80%", "at_least: 80")
    edit(folder / "plan.yaml", 'at_least: "５０％"', "at_least: 50.0%")
    progress = read_plan_folder(folder).plan.progress
    assert progress is not None
    assert [str(g.at_least) for g in progress.grades[:3]] == ["100", "80", "50.0"]
    edit(folder / "plan.yaml", "at_least: 80", "at_least: 八十")
    [error] = errors_for(folder)
    assert error.field == "progress.grades[1].at_least" and "not a number" in error.en


def test_only_the_listed_overall_rules_and_methods_are_accepted(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(folder / "plan.yaml", "overall: worst", "overall: best")
    edit(folder / "versions" / "2025-2027.yaml", "method: cagr", "method: log")
    errors = errors_for(folder)
    assert {(e.file, e.field.split(".")[-1]) for e in errors} == {
        ("plan.yaml", "overall"),
        ("versions/2025-2027.yaml", "method"),
    }
    assert all("'worst' or 'mean_pace'" in e.en or "'linear' or 'cagr'" in e.en for e in errors)


def test_the_growth_rate_method_needs_values_above_zero(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(
        folder / "versions" / "2025-2027.yaml",
        "baseline: {value: 1000, year: R6}",
        "baseline: {value: 0, year: R6}",
    )
    [error] = errors_for(folder)
    assert error.field.endswith("indicators[0].series[1].baseline.value")
    assert "method: cagr" in error.ja and "needs values above zero (0)" in error.en


def test_continues_needs_a_mapping_link_between_the_two_measures(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    path = folder / "versions" / "2025-2027.yaml"
    edit(path, 'continues: "1-1"', "continues: 2-1")
    [error] = errors_for(folder)
    assert error.file == "versions/2025-2027.yaml"
    assert error.line == line_containing(path, "continues: 2-1")
    assert error.field.endswith("indicators[0].continues")
    assert "対応表" in error.ja
    assert "no mapping from 2022-2024 to 2025-2027 links measure/2-1 to measure/1-1" in error.en


def test_a_new_relation_does_not_carry_an_indicator_over(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    edit(
        folder / "mappings" / "2022-2024--2025-2027.yaml",
        "  - {from: measure/1-1, to: measure/1-1, relation: renamed}",
        "  - {from: measure/1-1, relation: retired}\n  - {to: measure/1-1, relation: new}",
    )
    [error] = errors_for(folder)
    assert error.field.endswith("indicators[0].continues")


def test_continues_names_an_existing_indicator_of_an_earlier_version(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    path = folder / "versions" / "2025-2027.yaml"
    edit(path, 'continues: "1-1"', 'continues: "9-9"')
    edit(path, "continues: 2022-2024/2-1", "continues: 2025-2027/3-1")
    edit(
        folder / "versions" / "2022-2024.yaml",
        "                kind: level\n",
        '                kind: level\n                continues: "1-1"\n',
    )
    errors = errors_for(folder)
    assert sorted(e.en for e in errors) == [
        "Version '2022-2024' has no indicator '9-9'.",
        "Version '2022-2024' is the first: it has no previous version to continue "
        "(write VERSION/CODE for another one).",
        "continues names an indicator of a version before '2025-2027' ('2025-2027' is not "
        "before it).",
    ]
    edit(path, "continues: 2025-2027/3-1", "continues: 2019-2021/2-1")
    assert "No version '2019-2021'." in {e.en for e in errors_for(folder)}
