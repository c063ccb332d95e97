"""Every change has its history: `dxplan history`, the staff screens, and restore."""

import json

import pytest
from django.core.management import call_command

from dxplan.audit.actions import restore
from dxplan.audit.models import AuditEvent
from dxplan.plans.actions import delete_evaluation, update_node
from dxplan.plans.models import EvaluationRecord, Node
from tests import world

pytestmark = pytest.mark.django_db


def measure() -> Node:
    return Node.objects.get(version__slug="second", kind="measure", code="1-2")


def test_history_as_json_lists_who_changed_what_from_what_to_what(capsys):
    update_node(measure(), {"name_en": "Community watch"}, actor=world.make_admin())
    call_command("history", "minato/smart-town", "--since", "2000-01-01", "--format", "json")
    events = json.loads(capsys.readouterr().out)
    last = events[-1]
    assert set(last) >= {"time", "actor", "verb", "object", "changes"}
    assert last["actor"] == "dx-office" and last["verb"] == "update"
    assert last["object"] == {"type": "node", "key": "minato/smart-town/second/measure/1-2"}
    assert last["changes"] == {"name_en": ["Watching over the community", "Community watch"]}
    assert {e["object"]["key"].split("/")[0] for e in events} <= {"minato", "999991"}


def test_history_since_a_later_date_is_empty_and_text_output_shows_changes(capsys):
    call_command("history", "minato/smart-town", "--since", "2999-01-01", "--format", "json")
    assert json.loads(capsys.readouterr().out) == []
    update_node(measure(), {"name_en": "Community watch"}, actor=world.make_admin())
    call_command("history", "minato/smart-town")
    out = capsys.readouterr().out
    assert "dx-office update node minato/smart-town/second/measure/1-2" in out
    assert "    name_en: Watching over the community → Community watch" in out


def test_restore_brings_back_an_earlier_state_and_is_itself_in_the_history():
    editor = world.make_admin()
    node = measure()
    update_node(node, {"name_en": "First edit"}, actor=editor)
    first = AuditEvent.objects.first()
    update_node(node, {"name_en": "Second edit"}, actor=editor)
    restored = restore(first, actor=editor)
    node.refresh_from_db()
    assert node.name_en == "First edit"
    assert (restored.verb, restored.changes) == (
        "restore",
        {"name_en": ["Second edit", "First edit"]},
    )
    assert restored.detail == {"from_event": first.pk}


def test_a_deleted_record_is_restored_with_its_old_id(capsys):
    evaluation = EvaluationRecord.objects.filter(node__version__plan__slug="dx-plan").first()
    pk, text = evaluation.pk, evaluation.achievements_ja
    delete_evaluation(evaluation, actor="test")
    deleted = AuditEvent.objects.first()
    call_command("restore", str(deleted.pk))
    assert "Restored: evaluationrecord" in capsys.readouterr().out
    assert EvaluationRecord.objects.get(pk=pk).achievements_ja == text
    assert AuditEvent.objects.first().verb == "restore"


def test_the_staff_history_screen_shows_changes_and_restores(client):
    editor = world.make_admin()
    client.force_login(editor)
    node = measure()
    update_node(node, {"name_en": "Community watch"}, actor=editor)
    page = client.get(f"/admin/plans/node/{node.pk}/history/").content.decode()
    assert "Watching over the community → Community watch" in page
    assert "dx-office" in page
    event = AuditEvent.objects.first()
    response = client.post(f"/admin/audit/auditevent/{event.pk}/restore/")
    assert response.status_code == 302
    older = AuditEvent.objects.filter(object_key=event.object_key, verb="create").first()
    client.post(f"/admin/audit/auditevent/{older.pk}/restore/")
    node.refresh_from_db()
    assert node.name_en == "Watching over the community"
    assert client.get(f"/admin/audit/auditevent/{older.pk}/restore/").status_code == 403


def test_a_deleted_record_is_restored_from_the_history_list_in_the_staff_screens(client):
    editor = world.make_admin()
    client.force_login(editor)
    evaluation = EvaluationRecord.objects.filter(node__version__plan__slug="dx-plan").first()
    pk = evaluation.pk
    client.post(f"/admin/plans/evaluationrecord/{pk}/delete/", {"post": "yes"})
    assert not EvaluationRecord.objects.filter(pk=pk).exists()
    deleted = AuditEvent.objects.filter(verb="delete").first()
    assert (deleted.actor_name, deleted.object_type) == ("dx-office", "evaluationrecord")
    page = client.get(f"/admin/audit/auditevent/{deleted.pk}/change/").content.decode()
    assert f"/admin/audit/auditevent/{deleted.pk}/restore/" in page
    client.post(f"/admin/audit/auditevent/{deleted.pk}/restore/")
    assert EvaluationRecord.objects.filter(pk=pk).exists()


def test_history_names_referenced_records_by_their_keys_even_once_deleted(town, capsys):
    from dxplan.plans.actions import create_department, delete_department
    from dxplan.plans.models import Department

    other, _ = create_department(
        Department(organisation=town.organisation, name_ja="情報課", name_en="IT Division"),
        actor=town.dx_office,
    )
    update_node(town.measure, {"department": other}, actor=town.dx_office)
    delete_department(other, actor=town.dx_office)
    call_command("history", "town/dx", "--format", "json")
    events = json.loads(capsys.readouterr().out)
    created = next(e for e in events if e["object"]["key"].endswith("/measure/1-1"))
    assert created["changes"]["parent"] == [None, "town/dx/2025-2027/policy/1"]
    assert "parent_id" not in created["changes"]
    moved = [e for e in events if e["verb"] == "update" and "department" in e["changes"]]
    assert moved[0]["changes"]["department"] == [
        "999990/department/デジタル課",
        "999990/department/情報課",
    ]
    call_command("history", "town/dx")
    assert "    department: 999990/department/デジタル課 → 999990/department/情報課" in (
        capsys.readouterr().out
    )


def test_a_record_whose_parent_was_deleted_is_restored_after_its_parent(town, capsys):
    from django.core.management.base import CommandError

    from dxplan.plans.actions import delete_node

    policy_pk, measure_pk = town.policy.pk, town.measure.pk
    delete_node(Node.objects.get(pk=measure_pk), actor=town.dx_office)
    delete_node(Node.objects.get(pk=policy_pk), actor=town.dx_office)
    gone = AuditEvent.objects.filter(verb="delete", object_type="node")
    measure_gone = gone.get(object_pk=str(measure_pk))
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(measure_gone.pk))
    assert "town/dx/2025-2027/policy/1" in str(refused.value)
    assert "restore it first" in str(refused.value)
    assert not Node.objects.filter(pk=measure_pk).exists()
    call_command("restore", str(gone.get(object_pk=str(policy_pk)).pk))
    call_command("restore", str(measure_gone.pk))
    assert Node.objects.get(pk=measure_pk).parent_id == policy_pk


def test_a_restore_refuses_a_key_that_another_record_took_meanwhile(town):
    from dxplan.audit.actions import RestoreRefused
    from dxplan.plans.actions import create_node, delete_node

    field = Node.objects.get(pk=town.field.pk)
    delete_node(field, actor=town.dx_office)
    create_node(
        Node(version=town.version, kind="field", code="1", name_ja="新", name_en="New"),
        actor=town.dx_office,
    )
    past = AuditEvent.objects.get(verb="delete", object_type="node", object_pk=str(town.field.pk))
    with pytest.raises(RestoreRefused, match="same key"):
        restore(past, actor=town.dx_office)


def test_each_record_deleted_by_cascade_has_its_own_event_and_can_be_restored(town):
    from decimal import Decimal

    from dxplan.indicators.actions import record_actual
    from dxplan.indicators.models import Observation
    from dxplan.plans.actions import delete_node

    record_actual(town.series, 2025, Decimal("27.4"), actor=town.department_editor)
    policy_pk, measure_pk = town.policy.pk, town.measure.pk
    delete_node(Node.objects.get(pk=policy_pk), actor=town.dx_office)
    gone = AuditEvent.objects.filter(verb="delete")
    assert sorted(gone.values_list("object_type", flat=True)) == [
        "indicator",
        "indicator",
        "node",
        "node",
        "node",
        "observation",
        "series",
        "series",
    ]
    with_it = gone.exclude(object_pk=str(policy_pk))
    assert {e.detail["deleted_with"] for e in with_it} == {"town/dx/2025-2027/policy/1"}
    measure = with_it.get(object_type="node", object_pk=str(measure_pk))
    assert measure.state["code"] == "1-1"
    restore(gone.get(object_pk=str(policy_pk), object_type="node"), actor=town.dx_office)
    restore(measure, actor=town.dx_office)
    assert Node.objects.get(pk=measure_pk).parent_id == policy_pk
    # each record comes back from its own event, on request: the actual is still gone
    assert not Observation.objects.filter(series__indicator__measure__version=town.version)


def test_a_reference_emptied_by_a_deletion_is_an_event_on_the_record_that_held_it(town, capsys):
    from dxplan.plans.actions import delete_department

    department = town.measure.department
    assert department is not None
    pk, key = department.pk, department.history_key()
    delete_department(department, actor=town.dx_office)
    emptied = AuditEvent.objects.get(verb="update", object_pk=str(town.measure.pk))
    assert emptied.changes == {"department": [pk, None]}
    assert emptied.detail == {"emptied_by_deleting": key}
    call_command("history", "town/dx")
    assert f"    department: {key} → " in capsys.readouterr().out
