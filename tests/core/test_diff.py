"""The record-by-record comparison behind every import (core/diff.py)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.diff import diff, same

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([Decimal("36.3"), Decimal("36.300"), Decimal("1"), 36.3, 1.0, "1", "a"]),
)
records = st.dictionaries(st.sampled_from(["a", "b", "c"]), values, max_size=3)


@given(records, records)
def test_a_record_changes_exactly_in_the_fields_that_differ_as_stored(old, new):
    changes = diff({"m": {("k",): new}}, {"m": {("k",): old}}, ["m"])
    expected = [name for name, value in new.items() if not same(old.get(name), value)]
    if expected:
        assert [(c.verb, list(c.after)) for c in changes] == [("update", expected)]
    else:
        assert changes == []


def test_true_and_one_are_a_change_even_where_python_calls_them_equal():
    changes = diff({"m": {("k",): {"flag": True}}}, {"m": {("k",): {"flag": 1}}}, ["m"])
    assert [(c.verb, c.before, c.after) for c in changes] == [
        ("update", {"flag": 1}, {"flag": True})
    ]


def test_the_same_number_written_two_ways_is_no_change():
    current = {"m": {("k",): {"value": Decimal("36.300000")}}}
    assert diff({"m": {("k",): {"value": Decimal("36.3")}}}, current, ["m"]) == []
