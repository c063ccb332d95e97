"""An import of the very files of the last import, with nothing changed in dxplan since, knows
it has nothing to do without reading them; anything else is read and compared in full."""

import json

import pytest
from django.core.management import CommandError, call_command

from dxplan.io import plan_import
from dxplan.io.management.commands import load as command
from dxplan.plans.actions import update_node
from dxplan.plans.models import Node
from tests import world
from tests.io.test_plan_files import edit

pytestmark = pytest.mark.django_db

UNCHANGED = "no changes (the files are those imported at"


def load(folder, capsys, *arguments) -> str:
    call_command("load", str(folder), *arguments)
    return capsys.readouterr().out


@pytest.fixture
def reading(monkeypatch):
    """The folders the load command reads."""
    calls = []
    real = command.read_plan_folder

    def counted(directory):
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(command, "read_plan_folder", counted)
    return calls


def test_the_same_files_again_are_not_read_and_the_report_says_why(tmp_path, capsys, reading):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "地域の見守り,", "地域の見守り強化,")
    assert "~ node" in load(folder, capsys)
    out = load(folder, capsys)
    assert UNCHANGED in out and "変更なし（ファイルは" in out
    assert len(reading) == 1  # only the first import read the files
    report = json.loads(load(folder, capsys, "--format", "json"))
    assert report["unchanged_since"] and report["summary"]["updated"] == {}
    assert "[dry run]" in load(folder, capsys, "--dry-run")


def test_files_saved_again_with_other_bytes_are_read_and_compared(tmp_path, capsys, reading):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)  # the very files the test database was loaded from
    with (folder / "versions" / "second.yaml").open("a", encoding="utf-8") as file:
        file.write("# saved again\n")
    out = load(folder, capsys)
    assert "no changes" in out and UNCHANGED not in out
    assert len(reading) == 1


def test_a_changed_value_is_imported_though_the_last_import_had_the_other_files(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    edit(folder / "versions" / "second.yaml", "地域の見守り,", "地域の見守り強化,")
    assert "~ node" in load(folder, capsys)
    assert UNCHANGED in load(folder, capsys)  # and these files are now the last import's


def test_an_edit_in_dxplan_since_the_import_makes_the_same_files_a_conflict(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    node = Node.objects.filter(version__plan__organisation__code="999991").first()
    update_node(node, {"name_en": "Edited in dxplan"}, actor=world.make_admin())
    with pytest.raises(CommandError, match="nothing was changed"):
        load(folder, capsys)
    assert "[name_en]" in capsys.readouterr().err


def test_another_citys_import_since_leaves_the_answer_unchanged(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    load(world.SAKURA, capsys)
    assert UNCHANGED in load(folder, capsys)


def test_an_import_of_another_plan_of_the_same_organisation_means_reading_again(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    other = world.copy_of_minato(tmp_path / "other")
    edit(other / "plan.yaml", "slug: smart-town", "slug: smart-town-2")
    load(other, capsys)
    out = load(folder, capsys)
    assert "no changes" in out and UNCHANGED not in out


def test_a_new_dxplan_reads_the_files_again(tmp_path, capsys, monkeypatch):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    monkeypatch.setattr(plan_import, "_code_version", lambda: "another version of dxplan")
    out = load(folder, capsys)
    assert "no changes" in out and UNCHANGED not in out


def test_a_file_added_to_the_folder_means_reading_again(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    assert UNCHANGED in load(folder, capsys)
    (folder / "versions" / "third.yaml").write_text("nodes: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was loaded"):
        load(folder, capsys)
    assert "not listed under versions" in capsys.readouterr().err
