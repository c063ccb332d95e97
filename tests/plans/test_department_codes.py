"""A department's stable code: plan files that give it match the department by it, so a
department renamed in the files stays the same record, with its members."""

import re

import pytest
from django.contrib.auth import get_user_model

from dxplan.io.plan_dump import dump_plan
from dxplan.plans.models import Department, Plan
from tests import world

pytestmark = pytest.mark.django_db

FILES = ("versions/first.yaml", "versions/second.yaml")


def with_code(folder, name="総務課", code="soumu") -> None:
    """The files' 総務課 (however named and coded now) as `name`, with `code`."""
    for file in FILES:
        path = folder / file
        path.write_text(
            re.sub(
                r"department: \{ja: [^,]+, en: General Affairs Division[^}]*\}",
                f"department: {{ja: {name}, en: General Affairs Division, code: {code}}}",
                path.read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        )


def test_a_department_renamed_in_the_files_with_its_code_keeps_its_members(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    with_code(folder)
    world.load(folder)
    department = Department.objects.get(code="soumu")
    member = get_user_model().objects.create_user("soumu-clerk", role="department_editor")
    member.departments.add(department)
    with_code(folder, name="総務部総務課")
    report = world.load(folder)
    renamed = Department.objects.get(code="soumu")
    assert renamed.pk == department.pk and renamed.name_ja == "総務部総務課"
    assert list(renamed.members.all()) == [member]
    assert not Department.objects.filter(name_ja="総務課").exists()
    assert any("総務部総務課" in line for line in report.lines())


def test_files_without_a_code_keep_the_code_set_in_the_admin(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    world.load(folder)
    Department.objects.filter(name_ja="総務課").update(code="soumu")
    world.load(folder)
    assert Department.objects.get(name_ja="総務課").code == "soumu"


def test_a_dump_writes_the_code_and_loads_back_unchanged(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    with_code(folder)
    world.load(folder)
    out = tmp_path / "dumped"
    dump_plan(Plan.objects.get(slug="smart-town"), out)
    assert "code: soumu" in (out / "versions/first.yaml").read_text(encoding="utf-8")
    assert world.load(out).changes == []


def test_a_code_that_is_not_a_slug_is_refused_naming_file_and_field(tmp_path):
    from dxplan.io.planfiles import PlanFilesInvalid

    folder = world.copy_of_minato(tmp_path)
    with_code(folder, code="総務")
    with pytest.raises(PlanFilesInvalid) as refused:
        world.load(folder)
    assert "first.yaml" in str(refused.value) and "code" in str(refused.value)
