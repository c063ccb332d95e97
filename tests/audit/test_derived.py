"""Derived data kept in step by the writes (audit/derived.py): a keeper hears of every write to
its kind of record, once per import inside `together()`, and never of a write rolled back."""

import pytest
from django.db import transaction

from dxplan.audit import derived
from dxplan.plans.actions import create_department, delete_department, update_department
from dxplan.plans.models import Department, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(monkeypatch):
    """The keys a keeper of departments was asked to bring up to date, call by call."""
    calls: list[set] = []
    monkeypatch.setitem(derived._KEEPERS, Department, [])
    derived.keep(Department, lambda objs: [o.name_ja for o in objs], calls.append, ["name_ja"])
    return calls


def department(name: str) -> Department:
    org = Organisation.objects.get(slug="nagasaki")
    return Department(organisation=org, name_ja=name, name_en="Division")


def test_each_write_is_heard_at_once(heard):
    made, _ = create_department(department("x1"), actor="tests")
    assert heard == [{"x1"}]
    update_department(made, {"name_en": "Renamed"}, actor="tests")  # not a field it reads
    update_department(made, {"name_ja": "x3"}, actor="tests")  # what it was, and is now
    delete_department(made, actor="tests")
    assert heard == [{"x1"}, {"x1", "x3"}, {"x3"}]


def test_inside_together_the_keys_are_brought_up_to_date_once_at_the_end(heard):
    with derived.together():
        create_department(department("x1"), actor="tests")
        with derived.together():  # joins the outer block
            create_department(department("x2"), actor="tests")
        assert heard == []
    assert heard == [{"x1", "x2"}]


def test_a_block_that_fails_brings_nothing_up_to_date(heard):
    with pytest.raises(RuntimeError), transaction.atomic(), derived.together():
        create_department(department("x1"), actor="tests")
        raise RuntimeError
    assert heard == []
    create_department(department("x2"), actor="tests")
    assert heard == [{"x2"}]  # and the next write is heard at once again


def test_a_failed_block_whose_error_is_caught_still_rolls_its_writes_back(heard):
    with transaction.atomic():
        try:
            with derived.together():
                create_department(department("x1"), actor="tests")
                raise RuntimeError
        except RuntimeError:
            pass
    assert not Department.objects.filter(name_ja="x1").exists()  # not stored without its keys
    assert heard == []


def test_a_field_is_watched_by_its_name_and_its_attribute_name(heard, monkeypatch):
    org = Organisation.objects.get(slug="minato")
    monkeypatch.setitem(derived._KEEPERS, Department, [])
    derived.keep(
        Department,
        lambda objs: [o.organisation_id for o in objs],
        heard.append,
        ["organisation_id"],
    )
    made, _ = create_department(department("x1"), actor="tests")
    before = made.organisation_id
    update_department(made, {"organisation": org}, actor="tests")  # as the admin names it
    assert heard[-1] == {before, org.pk}  # the one it left, and the one it joined
