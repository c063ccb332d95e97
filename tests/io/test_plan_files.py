"""Reading plan folders: every problem is named by file, line and field, in both languages."""

from pathlib import Path

import pytest

from dxplan.io.planfiles import PlanFilesInvalid, read_plan_folder
from tests import world


def errors_for(folder: Path) -> list:
    with pytest.raises(PlanFilesInvalid) as invalid:
        read_plan_folder(folder)
    return invalid.value.errors


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_containing(path: Path, needle: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def test_another_citys_plan_reads_through_the_documented_format():
    bundle = read_plan_folder(world.MINATO)
    assert bundle.plan.organisation.name.ja == "みなと町"
    assert bundle.plan.plan.period.start == 2023
    assert bundle.plan.plan.period.end == 2028
    assert list(bundle.versions) == ["first", "second"]


def test_full_width_values_with_units_are_read_as_published():
    bundle = read_plan_folder(world.MINATO)
    first = bundle.versions["first"].nodes[0].children[0].children[0]
    baseline = first.indicators[0].series[0].baseline
    assert (str(baseline.value), baseline.year) == ("10.0", 2023)


def test_an_unreadable_year_names_file_line_and_field(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "first.yaml"
    edit(path, "target: {value: 40.0, year: R7}", "target: {value: 40.0, year: 令和七}")
    [error] = errors_for(folder)
    assert error.file == "versions/first.yaml"
    assert error.line == line_containing(path, "令和七")
    assert error.field.endswith("series[0].target.year")
    assert "年度" in error.ja and "fiscal year" in error.en


def test_a_missing_name_and_an_unknown_key_are_both_reported(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "plan.yaml",
        "  name: {ja: みなと町スマートタウン計画",
        "  title: {ja: みなと町スマートタウン計画",
    )
    errors = errors_for(folder)
    messages = {(e.field, e.ja) for e in errors}
    assert ("plan.name", "必須の項目がありません。") in messages
    assert any(e.field == "plan.title" and "書式にありません" in e.ja for e in errors)


def test_a_yaml_syntax_error_points_at_its_line(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "surveys.yaml").write_text("surveys:\n  - key: [unclosed\n", encoding="utf-8")
    [error] = errors_for(folder)
    assert error.file == "surveys.yaml"
    assert error.line in (2, 3)
    assert "YAML" in error.ja and "YAML" in error.en


def test_a_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", '  code: "999991"', '  code: "999991"\n  code: "999992"')
    [error] = errors_for(folder)
    assert (error.file, error.line) == ("plan.yaml", 4)
    assert "重複" in error.ja


def test_cp932_files_are_refused_with_advice(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "plan.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    [error] = errors_for(folder)
    assert "UTF-8" in error.ja and "UTF-8" in error.en


def test_a_node_under_the_wrong_parent_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        '- kind: initiative\n                        code: "1-1.1"',
        '- kind: policy\n                        code: "1-1.1"',
    )
    [error] = errors_for(folder)
    assert "policy" in error.en and "measure" in error.en
    assert error.field.endswith("children[0].kind")


def test_a_mapping_to_an_unknown_node_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "mappings" / "first--second.yaml", "to: measure/1-1", "to: measure/9-9")
    [error] = errors_for(folder)
    assert error.file == "mappings/first--second.yaml"
    assert error.line == 5
    assert "measure/9-9" in error.ja


def test_a_retired_link_cannot_point_forward(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "mappings" / "first--second.yaml",
        "    relation: retired",
        "    to: measure/1-2\n    relation: retired",
    )
    [error] = errors_for(folder)
    assert "retired" in error.en


def test_survey_counts_must_reproduce_the_published_share(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "surveys.yaml", "count: 316, published: 79.0", "count: 315, published: 79.0")
    [error] = errors_for(folder)
    assert error.field == "surveys[0].questions[0].options[1].published"
    assert "78.8" in error.en


def test_a_response_rate_that_does_not_match_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "surveys.yaml", "published_response_rate: 40.0", "published_response_rate: 41.0")
    [error] = errors_for(folder)
    assert error.field == "surveys[0].published_response_rate"


def test_an_indicator_linked_to_an_unknown_question_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "residents-2025/online-use", "residents-2025/nothing")
    [error] = errors_for(folder)
    assert error.field.endswith("indicators[0].survey_question")


def test_a_version_file_not_listed_in_plan_yaml_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "versions" / "third.yaml").write_text("nodes: []\n", encoding="utf-8")
    [error] = errors_for(folder)
    assert error.file == "versions/third.yaml"


def test_all_problems_are_reported_at_once(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "first.yaml", "direction: increase", "direction: upward")
    edit(folder / "versions" / "first.yaml", "year: R7}", "year: R77777}")
    assert len(errors_for(folder)) == 2


def test_a_stray_control_character_is_reported_with_its_line(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "surveys.yaml", "fieldwork: {ja: 2025年6月", "fieldwork: {ja: 2025年6月\x1f")
    [error] = errors_for(folder)
    assert (error.file, error.line) == ("surveys.yaml", 5)
    assert "U+001F" in error.ja and "U+001F" in error.en


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "target: {value: 40.0, year: R7}",
            "target: {value: 1234567890123456, year: R7}",
            "target.value",
        ),
        (
            "target: {value: 40.0, year: R7}",
            "target: {value: 40.1234567, year: R7}",
            "target.value",
        ),
        (
            'code: "1-1"\n            name: {ja: オンライン申請の拡大',
            'code: "1/1"\n            name: {ja: オンライン申請の拡大',
            "children[0].code",
        ),
    ],
)
def test_values_the_database_cannot_hold_are_refused_before_writing(tmp_path, old, new, field):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "first.yaml", old, new)
    errors = errors_for(folder)
    assert any(e.field.endswith(field) for e in errors), errors


def test_a_department_name_longer_than_its_column_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "first.yaml",
        "department: {ja: 総務課",
        "department: {ja: " + "課" * 501,
    )
    [error] = errors_for(folder)
    assert error.field.endswith("department.ja")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  slug: minato\n", "  slug: api\n", "used by the site"),
        (
            "  slug: minato\n  name: {ja: みなと町, en: Minato Town}",
            "  name: {ja: みなと町, en: みなと町}",
            "add a slug",
        ),
        ("  - slug: first", "  - slug: surveys", "cannot be a version slug"),
    ],
)
def test_slugs_that_would_break_urls_are_refused(tmp_path, old, new, message):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", old, new)
    if "surveys" in new:
        (folder / "versions" / "first.yaml").rename(folder / "versions" / "surveys.yaml")
        edit(folder / "mappings" / "first--second.yaml", "from: first", "from: surveys")
    errors = errors_for(folder)
    assert any(message in e.en for e in errors), errors


def test_a_link_given_twice_in_a_mapping_is_refused(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "mappings" / "first--second.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + """  - from: measure/1-1
    to: measure/1-1
    relation: continued
""",
        encoding="utf-8",
    )
    [error] = errors_for(folder)
    assert error.field == "links[3]"
    assert "measure/1-1 → measure/1-1" in error.en


def test_survey_options_must_add_up_to_the_baseline(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        "survey_question: residents-2025/online-use",
        "survey_question: residents-2025/online-use\n"
        "                        survey_options: ['no']",
    )
    [error] = errors_for(folder)
    assert error.field.endswith("survey_options")
    assert "79.0%" in error.en


def test_response_rates_are_checked_at_their_printed_precision(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "surveys.yaml", "published_response_rate: 40.0", "published_response_rate: 40")
    read_plan_folder(folder)  # 400 / 1000 printed as 40 is right
    edit(folder / "surveys.yaml", "published_response_rate: 40", "published_response_rate: 40.00")
    read_plan_folder(folder)
