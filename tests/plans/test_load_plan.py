"""Loading plan folders into the database: all or nothing, idempotent, updates in place."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import record_actual
from dxplan.indicators.models import Indicator, Observation
from dxplan.io.plan_import import ImportRefused
from dxplan.plans.models import Node, Plan, VersionMapping
from dxplan.surveys.models import PublishedOption
from tests import world
from tests.io.test_plan_files import edit

pytestmark = pytest.mark.django_db


def snapshot(plan: Plan) -> list:
    """Every row of the plan that a user can see, with its primary key."""
    rows = [("plan", plan.pk, plan.name_ja, plan.start_year, plan.end_year)]
    rows += sorted(
        Node.objects.filter(version__plan=plan).values_list(
            "pk", "kind", "code", "name_ja", "name_en", "parent_id", "position"
        )
    )
    rows += sorted(
        Indicator.objects.filter(measure__version__plan=plan).values_list(
            "pk", "code", "unit", "decimals", "series__baseline_value", "series__target_value"
        )
    )
    rows += sorted(
        VersionMapping.objects.filter(from_version__plan=plan).values_list(
            "pk", "relation", "from_node", "to_node"
        )
    )
    rows += sorted(
        PublishedOption.objects.filter(question__survey__plan=plan).values_list("pk", "count")
    )
    return rows


def minato() -> Plan:
    return Plan.objects.get(organisation__slug="minato", slug="smart-town")


def test_another_citys_plan_is_loaded_with_everything_in_it():
    plan = minato()
    assert plan.organisation.code == "999991"
    assert [v.slug for v in plan.versions.all()] == ["first", "second"]
    measure = Node.objects.get(version__slug="second", kind="measure", code="1-1")
    assert [c.name_ja for c in measure.children.all()] == ["電子申請の拡充", "キャッシュレス決済"]
    indicator = measure.indicators.get()
    assert indicator.survey_question.key == "online-use"
    waiting = Indicator.objects.get(measure__version__slug="first", code="1-2")
    assert waiting.direction == "decrease"
    assert Observation.objects.get(series__indicator__code="1-1", fiscal_year=2024).value == 18.5


def test_loading_the_same_files_twice_changes_nothing():
    before = snapshot(minato())
    events = AuditEvent.objects.count()
    report = world.load(world.MINATO)
    assert not report.changed
    assert snapshot(minato()) == before
    assert AuditEvent.objects.count() == events


def test_an_edited_file_updates_the_plan_in_place(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        "name: {ja: 地域の見守り, en: Watching over the community}",
        "name: {ja: 地域の見守り強化, en: Stronger community watch}",
    )
    measure = Node.objects.get(version__slug="second", kind="measure", code="1-2")
    report = world.load(folder)
    assert report.updated == {"node": 1}
    assert not report.created and not report.deleted
    measure.refresh_from_db()
    assert (measure.name_ja, measure.name_en) == ("地域の見守り強化", "Stronger community watch")


def test_a_node_removed_from_the_files_is_removed_from_the_plan(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        """                      - kind: initiative
                        code: "1-1.2"
                        name: {ja: キャッシュレス決済, en: Cashless payment}
""",
        "",
    )
    report = world.load(folder)
    assert report.deleted == {"node": 1}
    assert not Node.objects.filter(version__slug="second", code="1-1.2").exists()


def test_a_plan_with_an_error_writes_nothing(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "second.yaml", "地域の見守り", "地域の見守り強化")
    edit(folder / "surveys.yaml", "published_response_rate: 40.0", "published_response_rate: 45.0")
    before = snapshot(minato())
    with pytest.raises(CommandError):
        call_command("load", str(folder))
    assert snapshot(minato()) == before


def test_the_load_command_prints_each_error_with_file_and_line(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "versions" / "first.yaml", "direction: increase", "direction: upward")
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load", str(folder))
    err = capsys.readouterr().err
    assert (
        "versions/first.yaml:22 [nodes[0].children[0].children[0].indicators[0].direction]" in err
    )
    assert "指定できる値ではありません" in err and "Input should be" in err


def test_a_dry_run_reports_changes_but_writes_nothing(tmp_path, capsys):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "plan.yaml",
        "name: {ja: みなと町, en: Minato Town}",
        "name: {ja: みなと町, en: Minato}",
    )
    call_command("load", str(folder), "--dry-run")
    assert '"organisation": 1' in capsys.readouterr().out
    assert minato().organisation.name_en == "Minato Town"


def test_a_load_that_changes_something_is_audited(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "plan.yaml",
        "name: {ja: みなと町, en: Minato Town}",
        "name: {ja: みなと町, en: Minato}",
    )
    world.load(folder)
    load = AuditEvent.objects.filter(verb="import").first()
    assert (load.scope, load.actor_name) == ("minato/smart-town", "dxplan load")
    assert load.detail["updated"] == {"organisation": 1}
    [change] = load.events.all()
    assert (change.verb, change.object_type, change.object_key) == (
        "update",
        "organisation",
        "999991",
    )
    assert change.changes == {"name_en": ["Minato Town", "Minato"]}


def test_a_node_moved_under_another_parent_keeps_its_identity(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "second.yaml"
    text = path.read_text(encoding="utf-8")
    initiative = """                      - kind: initiative
                        code: "1-1.2"
                        name: {ja: キャッシュレス決済, en: Cashless payment}
"""
    text = text.replace(initiative, "")
    text = text.replace(
        """                    code: "1-2"
                    name: {ja: 地域の見守り, en: Watching over the community}
""",
        """                    code: "1-2"
                    name: {ja: 地域の見守り, en: Watching over the community}
                    children:
"""
        + initiative.replace("                      ", "                      ", 1),
    )
    path.write_text(text, encoding="utf-8")
    node = Node.objects.get(version__slug="second", code="1-1.2")
    report = world.load(folder)
    assert report.updated["node"] >= 1 and not report.deleted
    node.refresh_from_db()
    assert node.parent.code == "1-2"


def test_a_renamed_series_and_a_removed_version_are_replaced(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "second.yaml",
        "- key: total\n                            name: {ja: 全体",
        "- key: all\n                            name: {ja: 全体",
    )
    report = world.load(folder)
    assert report.created["series"] == 1 and report.deleted["series"] == 1
    edit(
        folder / "plan.yaml",
        """  - slug: second
    name: {ja: 第2期（案）, en: Phase 2 (draft)}
    period: {start: 2026, end: 2028年度}
    status: draft
""",
        "",
    )
    (folder / "versions" / "second.yaml").unlink()
    (folder / "mappings" / "first--second.yaml").unlink()
    report = world.load(folder)
    assert report.deleted["planversion"] == 1
    assert [v.slug for v in minato().versions.all()] == ["first"]


def test_observations_entered_in_dxplan_survive_a_reload(tmp_path):
    series = Indicator.objects.get(measure__version__slug="first", code="1-1").series.get()
    entered = record_actual(series, 2025, Decimal(25), actor=world.make_admin())
    report = world.load(world.MINATO)
    assert not report.deleted
    assert Observation.objects.filter(pk=entered.pk).exists()


def test_observations_removed_from_the_files_are_removed(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "first.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "observations:")
    lines[at] += " []"
    del lines[at + 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = world.load(folder)
    assert report.deleted == {"observation": 1}


def test_another_organisation_cannot_take_a_slug_in_use(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "plan.yaml",
        '  code: "999991"\n  slug: minato',
        '  code: "999992"\n  slug: nagasaki',
    )
    with pytest.raises(ImportRefused) as refused:
        world.load(folder)
    assert "already used by Nagasaki City (422011)" in str(refused.value)


def test_departments_are_shared_records_of_the_organisation():
    measure = Node.objects.get(version__slug="first", code="1-1")
    indicator = Indicator.objects.get(measure__version__slug="second", code="1-1")
    assert measure.department == indicator.department
    assert measure.department.name_en == "General Affairs Division"


def test_survey_options_behind_a_baseline_are_recorded():
    indicator = Indicator.objects.get(measure__version__slug="2025-2027", code="1-2")
    assert [o.label_ja for o in indicator.survey_options.order_by("position")] == [
        "そう思う",
        "どちらかといえばそう思う",
    ]


def test_delete_plan_removes_a_plan_and_is_audited(capsys):
    call_command("delete_plan", "minato/smart-town", "--yes")
    assert not Plan.objects.filter(slug="smart-town").exists()
    event = AuditEvent.objects.first()
    assert (event.verb, event.scope, event.actor_name) == (
        "delete_plan",
        "minato/smart-town",
        "dxplan delete_plan",
    )
    assert event.detail["deleted"]["node"] == 12
    assert Node.objects.filter(version__plan__slug="dx-plan").exists()
