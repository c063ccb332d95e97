"""One door for every write: each action runs in a transaction and leaves one event."""

from decimal import Decimal

import pytest

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import (
    enter_figure,
    pending_value,
    publish_actual,
    record_actual,
)
from dxplan.indicators.models import FigureRevision, Observation
from dxplan.plans.actions import delete_node, update_node

pytestmark = pytest.mark.django_db


def test_building_the_town_through_the_actions_left_one_event_per_record(town):
    events = AuditEvent.objects.filter(plan=town.plan)
    assert sorted(events.values_list("object_type", flat=True)) == [
        "indicator",
        "indicator",
        "node",
        "node",
        "node",
        "node",
        "plan",
        "planversion",
        "series",
        "series",
    ]
    assert set(events.values_list("actor_name", flat=True)) == {"dx-office-town"}


def test_a_department_editor_records_an_actual_as_a_draft(town):
    actual = record_actual(town.series, 2025, Decimal("27.4"), actor=town.department_editor)
    assert (actual.state, actual.origin) == ("draft", "entry")
    event = AuditEvent.objects.first()
    assert (event.actor_name, event.verb, event.object_key) == (
        "department-editor",
        "figure_entered",
        "town/dx/2025-2027/indicator/1-1/total/2025",
    )
    assert event.changes["value"] == [None, "27.4"]


def test_a_correction_keeps_the_replaced_figure_in_the_history(town):
    actual = record_actual(town.series, 2025, Decimal("27.4"), actor=town.department_editor)
    publish_actual(actual, actor=town.office_editor)
    enter_figure(town.series, 2025, {"value": Decimal("27.9")}, actor=town.department_editor)
    actual.refresh_from_db()
    assert actual.value == Decimal("27.4")  # the published figure stays public meanwhile
    assert pending_value(actual) == Decimal("27.9")
    publish_actual(actual, actor=town.office_editor)
    actual.refresh_from_db()
    assert (actual.value, pending_value(actual)) == (Decimal("27.9"), None)
    events = AuditEvent.objects.filter(object_type="observation", object_pk=actual.pk).order_by(
        "id"
    )
    assert events[0].verb == "figure_entered" and events[0].changes["value"] == [None, "27.4"]
    assert [(e.verb, e.changes) for e in events[1:]] == [
        ("figure_submitted", {"state": ["draft", "submitted"]}),
        ("figure_approved", {"state": ["submitted", "approved"]}),
        ("figure_published", {"state": ["approved", "published"]}),
        ("figure_entered", {"value": ["27.4", "27.9"]}),  # published → proposed
        ("figure_submitted", {"revision": ["draft", "submitted"]}),
        ("figure_approved", {"revision": ["submitted", "approved"]}),
        ("figure_published", {"value": ["27.4", "27.9"]}),
    ]


def test_a_draft_is_corrected_at_once_and_a_correction_back_to_the_published_is_dropped(town):
    actual = record_actual(town.series, 2025, Decimal("27.4"), actor=town.department_editor)
    editor = town.department_editor
    enter_figure(town.series, 2025, {"value": Decimal("27.5"), "analysis_ja": "要因"}, actor=editor)
    actual.refresh_from_db()
    assert (actual.value, actual.analysis_ja) == (Decimal("27.5"), "要因")
    publish_actual(actual, actor=town.office_editor)
    assert enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=editor).what == (
        "waiting"
    )
    back = enter_figure(town.series, 2025, {"value": Decimal("27.5")}, actor=editor)
    assert back.what == "withdrawn"
    actual.refresh_from_db()
    assert pending_value(actual) is None and actual.value == Decimal("27.5")
    assert not FigureRevision.objects.open().exists()
    with pytest.raises(TypeError, match="series"):
        enter_figure(town.series, 2025, {"series": None}, actor=town.dx_office)


def test_an_update_that_changes_nothing_leaves_no_event(town):
    before = AuditEvent.objects.count()
    assert update_node(town.measure, {"name_en": "Online procedures"}, actor=town.dx_office) is None
    assert AuditEvent.objects.count() == before


def test_a_deletion_records_its_cascade(town):
    record_actual(town.series, 2025, Decimal("27.4"), actor=town.department_editor)
    deleted, event = delete_node(town.policy, actor=town.dx_office)
    assert deleted == {"node": 3, "indicator": 2, "series": 2, "observation": 1}
    assert event.detail == {"cascade": {"node": 2, "indicator": 2, "series": 2, "observation": 1}}
    assert not Observation.objects.filter(series__indicator__measure__version=town.version)


def test_many_records_created_at_once_are_stored_and_recorded_as_one_at_a_time(town):
    """An import writes its rows with its own SQL (audit/rows.py): the same rows and events."""
    from dxplan.audit import actions as audit
    from dxplan.indicators.actions import create_observation

    def observation(year):
        return Observation(
            series=town.series,
            fiscal_year=year,
            value=Decimal("27.40"),
            provisional=True,
            origin=Observation.Origin.FILE,
            state=Observation.State.PUBLISHED,
        )

    one, _ = create_observation(observation(2025), actor="dxplan load")
    pending = audit.create_many([observation(2026)], actor="dxplan load", plan=town.plan)
    audit.write_events(pending)
    many = Observation.objects.get(series=town.series, fiscal_year=2026)
    assert pending[0].object_pk == str(many.pk)

    def stored(obj):
        fields = audit.snapshot(Observation.objects.get(pk=obj.pk))
        return {**fields, "fiscal_year": None}

    assert stored(many) == stored(one)
    assert many.created_at is not None and many.updated_at is not None
    events = {
        e.object_pk: e for e in AuditEvent.objects.filter(object_type="observation", verb="create")
    }
    by_one, by_many = events[str(one.pk)], events[str(many.pk)]
    assert by_one.object_key.endswith("/total/2025")
    assert by_many.object_key == by_one.object_key.removesuffix("2025") + "2026"
    assert {**by_many.changes, "fiscal_year": None} == {**by_one.changes, "fiscal_year": None}
    assert (by_many.plan, by_many.scope, by_many.actor_name) == (
        by_one.plan,
        by_one.scope,
        by_one.actor_name,
    )
