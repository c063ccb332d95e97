"""A plan's own grades and overall rule, an indicator's method and the indicator it continues:
loaded from the files, stored, written back by `dxplan dump`, and loaded again unchanged."""

from pathlib import Path

import pytest
from django.core.management import call_command

from dxplan.audit.models import AuditEvent
from dxplan.indicators.models import Indicator
from dxplan.plans.models import Plan
from tests import world
from tests.io.helpers import copy_of, edit

pytestmark = pytest.mark.django_db


def indicator(version: str, code: str) -> Indicator:
    return Indicator.objects.get(
        measure__version__plan__slug="dx",
        measure__version__plan__organisation__slug="hamana",
        measure__version__slug=version,
        code=code,
    )


def test_the_plans_grades_and_each_indicators_method_and_predecessor_are_stored():
    world.load(world.HAMANA)
    plan = Plan.objects.get(organisation__slug="hamana", slug="dx")
    assert plan.overall_rule == "worst"
    assert plan.grade_scale["name"] == "はまな町方式（A～D）"
    grades = plan.grade_scale["grades"]
    assert [(g["label_ja"], g["at_least"]) for g in grades] == [
        ("A", "100"),
        ("B", "80"),
        ("C", "50"),  # written "５０％"
        ("D", None),
    ]
    assert grades[3]["statuses"] == [
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deteriorating",
    ]
    visitors = indicator("2025-2027", "2-1")
    assert (visitors.method, visitors.overall_rule) == ("cagr", "mean_pace")
    assert visitors.continues == indicator("2022-2024", "2-1")
    online = indicator("2025-2027", "1-1")
    assert (online.method, online.overall_rule) == ("linear", "")
    assert online.continues == indicator("2022-2024", "1-1")
    assert indicator("2025-2027", "3-1").continues is None
    assert list(indicator("2022-2024", "1-1").successors.all()) == [online]


def test_loading_the_same_files_twice_changes_nothing():
    world.load(world.HAMANA)
    events = AuditEvent.objects.count()
    assert not world.load(world.HAMANA).changed
    assert AuditEvent.objects.count() == events


def test_a_changed_grade_and_a_new_predecessor_are_reported_and_audited(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    world.load(folder)
    edit(folder / "plan.yaml", "at_least: 80%", "at_least: 75%")
    edit(folder / "plan.yaml", "overall: worst", "overall: mean_pace")
    edit(
        folder / "versions" / "2025-2027.yaml",
        "                unit: 件\n",
        "                unit: 件\n                continues: 2-1\n",
    )
    edit(
        folder / "mappings" / "2022-2024--2025-2027.yaml",
        "  - {to: measure/3-1, relation: new}",
        "  - {from: measure/2-1, to: measure/3-1, relation: split}",
    )
    report = world.load(folder)
    lines = "\n".join(report.lines())
    assert "B: p ≥ 80% | C: p ≥ 50%" in lines and "B: p ≥ 75% | C: p ≥ 50%" in lines
    assert "overall_rule: worst → mean_pace" in lines
    assert "continues: — → 2022-2024/2-1" in lines
    sensors = indicator("2025-2027", "3-1")
    assert sensors.continues == indicator("2022-2024", "2-1")
    plan = Plan.objects.get(organisation__slug="hamana", slug="dx")
    assert plan.grade_scale["grades"][1]["at_least"] == "75"
    assert AuditEvent.objects.filter(
        object_type="indicator", object_pk=str(sensors.pk), verb="update"
    ).exists()


def test_a_predecessor_created_in_the_same_load_exists_before_its_successor():
    # both versions are new: the 2022-2024 indicators are written before those continuing them
    report = world.load(world.HAMANA)
    assert report.summary()["created"]["indicator"] == 5
    assert indicator("2025-2027", "1-1").continues_id == indicator("2022-2024", "1-1").pk


def test_a_dump_writes_the_grades_method_and_predecessors_back_and_reloads_as_no_change(
    tmp_path,
):
    world.load(world.HAMANA)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("dump", "hamana/dx", str(first))
    plan_text = (first / "plan.yaml").read_text(encoding="utf-8")
    assert "progress:\n  name: はまな町方式（A～D）\n  grades:" in plan_text
    assert "at_least: 50%" in plan_text and "overall:" not in plan_text  # worst: the default
    version = (first / "versions" / "2025-2027.yaml").read_text(encoding="utf-8")
    assert "continues: 1-1\n" in version  # of the previous version: the code alone
    assert "method: cagr\n" in version and "overall: mean_pace\n" in version
    assert not world.load(first).changed
    call_command("dump", "hamana/dx", str(second))
    assert _files(first) == _files(second)


def test_a_plan_without_progress_keeps_the_default_scale_and_dumps_no_progress(tmp_path):
    plan = Plan.objects.get(organisation__slug="minato", slug="smart-town")
    assert plan.grade_scale is None and plan.overall_rule == "worst"
    call_command("dump", "minato/smart-town", str(tmp_path))
    assert "progress:" not in (tmp_path / "plan.yaml").read_text(encoding="utf-8")


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*.yaml")}


def test_a_grade_scale_edited_by_hand_is_checked_as_the_files_are():
    from django.core.exceptions import ValidationError

    world.load(world.HAMANA)
    plan = Plan.objects.get(organisation__slug="hamana", slug="dx")
    plan.grade_scale["grades"][3]["statuses"] = ["ontrack"]
    with pytest.raises(ValidationError) as invalid:
        plan.clean()
    assert "grades[3].statuses: 'ontrack' is not a status" in str(invalid.value)
    plan.grade_scale = ["not", "a", "scale"]
    with pytest.raises(ValidationError):
        plan.clean()
    plan.grade_scale = None  # the default scale
    plan.clean()
