"""The database is the record: an import applies the files' difference and never loses what
people entered or changed in dxplan."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import record_actual
from dxplan.indicators.models import Observation, Series
from dxplan.io.plan_import import ImportRefused
from dxplan.plans.actions import update_node
from dxplan.plans.models import Node, Organisation, Plan
from tests import world
from tests.io.test_plan_files import edit

pytestmark = pytest.mark.django_db

MEASURE = "nagasaki/dx-plan/2025-2027/measure/1-1"


def nagasaki_measure() -> Node:
    return Node.objects.get(version__slug="2025-2027", kind="measure", code="1-1")


def minato_series() -> Series:
    return Series.objects.get(
        indicator__measure__version__slug="second", indicator__code="1-1", key="total"
    )


def rename_minato_series(folder, line: str = "- key: everyone") -> None:
    edit(
        folder / "versions" / "second.yaml",
        "- key: total\n                            name: {ja: 全体, en: Total}\n"
        "                            baseline: {value: 20.0",
        f"{line}\n                            name: {{ja: 全体, en: Total}}\n"
        "                            baseline: {value: 20.0",
    )


def test_an_admin_edit_then_a_reload_is_refused_naming_the_conflict(capsys):
    editor = world.make_admin()
    node = nagasaki_measure()
    update_node(node, {"name_en": "Safe and comfortable surroundings"}, actor=editor)
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("load", str(world.NAGASAKI))
    err = capsys.readouterr().err
    assert "node 2025-2027/measure/1-1 [name_en]" in err
    assert "file = Creating a safe, secure and comfortable environment" in err
    assert "database = Safe and comfortable surroundings" in err
    assert "(dx-office, " in err
    node.refresh_from_db()
    assert node.name_en == "Safe and comfortable surroundings"


def test_overwrite_takes_the_files_values_and_both_changes_stay_in_the_history():
    editor = world.make_admin()
    update_node(nagasaki_measure(), {"name_en": "Edited in dxplan"}, actor=editor)
    report = world.load(world.NAGASAKI, overwrite=True)
    assert report.summary()["updated"] == {"node": 1}
    assert nagasaki_measure().name_en == "Creating a safe, secure and comfortable environment"
    changes = [
        (e.actor_name, e.changes["name_en"])
        for e in AuditEvent.objects.filter(object_key=MEASURE, verb="update").order_by("time")
    ]
    assert changes == [
        ("dx-office", ["Creating a safe, secure and comfortable environment", "Edited in dxplan"]),
        (
            "dxplan load",
            ["Edited in dxplan", "Creating a safe, secure and comfortable environment"],
        ),
    ]
    assert not world.load(world.NAGASAKI).changed  # the conflict is settled


def test_an_edit_that_the_files_agree_with_is_no_conflict(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "地域の見守り,", "地域の見守り強化,")
    node = Node.objects.get(version__slug="second", kind="measure", code="1-2")
    update_node(node, {"name_ja": "地域の見守り強化"}, actor=world.make_admin())
    assert not world.load(folder).changed


def test_an_actual_then_a_series_key_rename_is_refused_and_nothing_is_lost(tmp_path, capsys):
    actual = record_actual(minato_series(), 2026, Decimal("31.5"), actor=world.make_admin())
    folder = world.copy_of_minato(tmp_path)
    rename_minato_series(folder)
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("load", str(folder))
    err = capsys.readouterr().err
    assert "series second/1-1/total" in err
    assert "1 observation" in err and "FY2026 = 31.5" in err
    assert "--allow-delete" in err and "rename:" in err
    assert Observation.objects.filter(pk=actual.pk, series__key="total").exists()


def test_rename_keeps_the_series_and_its_actuals(tmp_path):
    actual = record_actual(minato_series(), 2026, Decimal("31.5"), actor=world.make_admin())
    pk = minato_series().pk
    folder = world.copy_of_minato(tmp_path)
    rename_minato_series(
        folder, "- key: everyone\n                            rename: {from: total}"
    )
    report = world.load(folder)
    assert report.summary() == {"created": {}, "updated": {"series": 1}, "deleted": {}}
    assert report.lines() == ["~ series second/1-1/everyone", "    key: total → everyone"]
    actual.refresh_from_db()
    assert (actual.series_id, actual.series.key) == (pk, "everyone")
    assert not world.load(folder).changed  # the rename is done; the note can stay


def test_allow_delete_removes_them_and_the_report_counts_the_cascade(tmp_path):
    record_actual(minato_series(), 2026, Decimal("31.5"), actor=world.make_admin())
    folder = world.copy_of_minato(tmp_path)
    rename_minato_series(folder)
    report = world.load(folder, allow_delete=True)
    assert report.summary()["deleted"] == {"observation": 1, "series": 1}
    assert "- series second/1-1/total (+ 1 observation)" in report.lines()
    assert not Observation.objects.filter(series__indicator__code="1-1", fiscal_year=2026)


def test_a_reload_keeps_actuals_entered_in_dxplan():
    record_actual(minato_series(), 2026, Decimal("31.5"), actor=world.make_admin())
    assert not world.load(world.MINATO).changed
    assert minato_series().observations.get(fiscal_year=2026).value == Decimal("31.5")


def test_the_report_lists_every_change_with_before_and_after(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "en: Digital procedures", "en: Online procedures")
    call_command("load", str(folder), "--dry-run")
    out = capsys.readouterr().out
    assert "[dry run]" in out
    assert "~ node second/measure/1-1\n    name_en: Digital procedures → Online procedures" in out
    assert Node.objects.get(version__slug="second", code="1-1", kind="measure").name_en == (
        "Digital procedures"
    )


def test_an_import_is_one_event_per_changed_record_grouped_under_the_import(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "en: Digital procedures", "en: Online procedures")
    edit(folder / "plan.yaml", "en: Minato Town}", "en: Minato}")
    world.load(folder, actor=world.make_admin())
    group = AuditEvent.objects.filter(verb="import").first()
    assert group.actor_name == "dx-office"
    assert sorted((e.object_type, e.object_key) for e in group.events.all()) == [
        ("node", "minato/smart-town/second/measure/1-1"),
        ("organisation", "999991"),
    ]


def test_loading_a_second_city_from_the_docs_example_cannot_replace_nagasaki(tmp_path, capsys):
    """The documentation's example code once was Nagasaki's: a copy replaced Nagasaki's plan."""
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", '  code: "999991"\n  slug: minato\n', '  code: "422011"\n')
    for options in ([], ["--dry-run"]):
        with pytest.raises(CommandError, match="nothing was changed"):
            call_command("load", str(folder), *options)
        err = capsys.readouterr().err
        assert "Organisation code 422011 is Nagasaki City (nagasaki)" in err
        assert "Minato Town (minato-town)" in err and "Traceback" not in err
    assert Organisation.objects.get(code="422011").name_ja == "長崎市"
    assert Plan.objects.filter(organisation__code="422011").count() == 1


def test_changing_an_organisation_code_is_an_explicit_audited_operation(capsys):
    call_command("change_organisation_code", "999991", "999993", "--dry-run")
    assert Organisation.objects.filter(code="999991").exists()
    call_command("change_organisation_code", "999991", "999993")
    assert Organisation.objects.get(slug="minato").code == "999993"
    event = AuditEvent.objects.first()
    assert (event.verb, event.changes) == ("change_code", {"code": ["999991", "999993"]})
    with pytest.raises(CommandError, match="already used by Nagasaki City"):
        call_command("change_organisation_code", "999993", "422011")


def test_a_file_that_renames_a_plan_of_another_organisation_changes_only_its_own():
    before = list(Node.objects.filter(version__plan__slug="dx-plan").values_list("name_en"))
    world.load(world.MINATO)
    assert list(Node.objects.filter(version__plan__slug="dx-plan").values_list("name_en")) == before


def test_import_refused_lists_all_problems_at_once(tmp_path):
    editor = world.make_admin()
    for code in ("1-1", "1-2"):
        node = Node.objects.get(version__slug="second", kind="measure", code=code)
        update_node(node, {"name_en": f"Edited {code}"}, actor=editor)
    record_actual(minato_series(), 2026, Decimal("31.5"), actor=editor)
    folder = world.copy_of_minato(tmp_path)
    rename_minato_series(folder)
    with pytest.raises(ImportRefused) as refused:
        world.load(folder)
    assert [c.field for c in refused.value.conflicts] == ["name_en", "name_en"]
    assert [p.model for p in refused.value.protected] == ["series"]


def test_a_name_edited_in_the_staff_screens_survives_a_reload_of_the_files(client, capsys):
    """The first probe, end to end: admin edit, then `dxplan load data/nagasaki`."""
    client.force_login(world.make_admin())
    node = nagasaki_measure()
    form = client.get(f"/admin/plans/node/{node.pk}/change/").context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "name_en": "Safe surroundings",
            "evaluations-TOTAL_FORMS": "0",
            "evaluations-INITIAL_FORMS": "0",
        }
    )
    assert client.post(f"/admin/plans/node/{node.pk}/change/", data).status_code == 302
    with pytest.raises(CommandError):
        call_command("load", str(world.NAGASAKI))
    assert "database = Safe surroundings (dx-office, " in capsys.readouterr().err
    assert nagasaki_measure().name_en == "Safe surroundings"


def test_a_renamed_node_keeps_its_id_evaluation_indicator_and_mapping_links(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "first.yaml",
        '            code: "1-1"\n            name: {ja: オンライン申請の拡大',
        '            code: "1-A"\n            rename: {from: "1-1"}\n'
        "            name: {ja: オンライン申請の拡大",
    )
    edit(folder / "mappings" / "first--second.yaml", "from: measure/1-1", "from: measure/1-A")
    node = Node.objects.get(version__slug="first", kind="measure", code="1-1")
    links = sorted(node.successors.values_list("pk", flat=True))
    report = world.load(folder)
    assert report.lines() == ["~ node first/measure/1-A", "    code: 1-1 → 1-A"]
    node.refresh_from_db()
    assert node.code == "1-A" and node.evaluations.count() == 1
    assert node.indicators.get().code == "1-1"
    assert sorted(node.successors.values_list("pk", flat=True)) == links
    assert not world.load(folder).changed


def test_the_report_as_json_lists_changes_with_before_and_after(tmp_path, capsys):
    import json

    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "en: Digital procedures", "en: Online procedures")
    call_command("load", str(folder), "--dry-run", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True and report["plan"] == "minato/smart-town"
    assert report["changes"] == [
        {
            "verb": "update",
            "type": "node",
            "key": "second/measure/1-1",
            "changes": {"name_en": ["Digital procedures", "Online procedures"]},
            "cascade": {},
        }
    ]
