"""A plan's own levels (`levels:` in plan.yaml) shape its tree; without them, the default six."""

from dxplan.core import plan_rules
from dxplan.io import planfiles
from dxplan.io.planfiles import level_rules, read_plan_folder
from tests import world

from .helpers import KAWABE, copy_of, edit, errors_for, line_containing


def test_a_plan_with_its_own_levels_and_vision_year_reads():
    bundle = read_plan_folder(KAWABE)
    assert [level.code for level in bundle.plan.levels] == ["goal", "measure", "project"]
    assert bundle.plan.plan.vision_year == 2035
    rules = level_rules(bundle.plan)
    assert rules["project"].parents == frozenset({"measure"})
    assert rules["measure"].carries_indicators and rules["measure"].has_page


def test_folders_without_levels_keep_the_default_shape():
    bundle = read_plan_folder(world.MINATO)
    assert level_rules(bundle.plan) == {lv.code: lv for lv in plan_rules.DEFAULT_LEVELS}
    assert not hasattr(planfiles, "ALLOWED_PARENTS")  # the grammar lives in core/plan_rules


def test_a_kind_not_among_the_levels_is_refused_naming_the_levels(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    path = folder / "versions" / "first.yaml"
    edit(path, "- kind: project", "- kind: initiative")
    [error] = errors_for(folder)
    assert error.field == "nodes[0].children[0].children[0].kind"
    assert error.line == line_containing(path, "kind: initiative")
    assert "initiative" in error.en and "goal, measure, project" in error.en
    assert "goal, measure, project" in error.ja


def test_a_node_under_a_level_it_may_not_stand_under_is_refused(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(folder / "versions" / "first.yaml", "- kind: project", "- kind: goal")
    [error] = errors_for(folder)
    assert "A goal cannot stand under a measure" in error.en


def test_indicators_only_on_levels_that_carry_them(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(folder / "plan.yaml", "    page: true\n    indicators: true", "    page: true")
    errors = errors_for(folder)
    assert {e.field for e in errors} == {"nodes[0].children[0].indicators"}
    assert "measure" in errors[0].en and "indicators: true" in errors[0].en


def test_evaluations_follow_the_levels_indicators_flag(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(
        folder / "versions" / "first.yaml",
        "            name: {ja: 電子申請システムの導入, en: An e-application system}\n",
        "            name: {ja: 電子申請システムの導入, en: An e-application system}\n"
        "            evaluation:\n"
        "              phase: {start: R7, end: R8}\n"
        "              achievements: {ja: 導入した。, en: Introduced.}\n",
    )
    [error] = errors_for(folder)
    assert error.field.endswith("children[0].evaluation")
    assert "project" in error.en and "measure" in error.en


def test_in_the_default_shape_only_measures_carry_indicators(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "first.yaml",
        "        name: {ja: 手続きを便利にします。, en: We make procedures convenient.}\n",
        "        name: {ja: 手続きを便利にします。, en: We make procedures convenient.}\n"
        "        evaluation:\n"
        "          phase: {start: R5, end: R7}\n"
        "          achievements: {ja: 進んだ。, en: Progress.}\n",
    )
    [error] = errors_for(folder)
    assert error.field == "nodes[0].children[0].evaluation"
    assert "A policy cannot carry" in error.en and "measure" in error.en


def test_level_codes_are_unique(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(folder / "plan.yaml", "  - code: project", "  - code: measure")
    errors = errors_for(folder)
    assert any(e.field == "levels[2].code" and "declared twice" in e.en for e in errors), errors


def test_a_levels_parents_must_be_declared_levels(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    path = folder / "plan.yaml"
    edit(path, "parents: [measure]", "parents: [measure, program]")
    [error] = errors_for(folder)
    assert (error.field, error.line) == ("levels[2].parents[1]", line_containing(path, "program"))
    assert "'program'" in error.en and "goal, measure, project" in error.en


def test_the_vision_year_cannot_come_before_the_plan(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(folder / "plan.yaml", "vision_year: 2035", "vision_year: 2020")
    [error] = errors_for(folder)
    assert error.field == "plan.vision_year"
    assert "2020" in error.en and "2025" in error.en and "将来像" in error.ja


def test_figures_may_look_ahead_to_the_vision_year(tmp_path):
    folder = copy_of(KAWABE, tmp_path)
    edit(folder / "versions" / "first.yaml", "year: R11}", "year: 2035}")
    read_plan_folder(folder)  # 2035 is the plan's vision year: not "far outside" its years
