from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.rounds import (
    BEFORE_DUE,
    Item,
    days_late,
    punctuality,
    reminder,
    stage_counts,
)

DUE = date(2026, 6, 30)


def test_a_department_that_handed_everything_in_by_the_due_date_was_on_time():
    items = [Item("人事課", "submitted", DUE), Item("人事課", "published", DUE - timedelta(3))]
    (result,) = punctuality(items, DUE, today=DUE + timedelta(10))
    assert (result.requested, result.on_time, result.late, result.outstanding) == (2, 2, 0, 0)
    assert result.on_time_share == 1.0 and result.median_days_late is None


def test_the_median_days_late_counts_only_the_late_figures_and_overdue_only_after_the_due_date():
    items = [
        Item("福祉課", "submitted", DUE + timedelta(2)),
        Item("福祉課", "approved", DUE + timedelta(10)),
        Item("福祉課", "approved", DUE + timedelta(4)),
        Item("福祉課", "submitted", DUE),
        Item("福祉課", "missing"),
    ]
    (result,) = punctuality(items, DUE, today=DUE - timedelta(1))
    assert (result.on_time, result.late, result.median_days_late) == (1, 3, 4.0)
    assert (result.outstanding, result.overdue) == (1, 0)
    (later,) = punctuality(items, DUE, today=DUE + timedelta(1))
    assert later.overdue == 1 and later.on_time_share == 0.2


def test_departments_are_reported_apart_in_the_order_first_met():
    items = [Item("b", "missing"), Item("a", "submitted", DUE), Item("b", "draft")]
    assert [p.department for p in punctuality(items, DUE, DUE)] == ["b", "a"]
    assert stage_counts(items)["missing"] == 1 and stage_counts(items)["draft"] == 1


def test_nothing_requested_has_no_on_time_share():
    assert punctuality([], DUE, DUE) == []


def test_reminders_go_a_week_and_a_day_before_then_on_the_first_overdue_day_and_weekly():
    sent = [DUE + timedelta(d) for d in range(-30, 30) if reminder(DUE + timedelta(d), DUE, None)]
    assert [(DUE - d).days for d in sent if d <= DUE] == list(BEFORE_DUE)
    assert [(d - DUE).days for d in sent if d > DUE] == [1, 8, 15, 22, 29]
    assert reminder(DUE - timedelta(7), DUE, None) == "before"
    assert reminder(DUE + timedelta(1), DUE, None) == "overdue"


def test_a_reminder_already_sent_today_is_not_sent_again():
    today = DUE - timedelta(1)
    assert reminder(today, DUE, last_sent=today) is None
    assert reminder(today, DUE, last_sent=today - timedelta(6)) == "before"


@given(st.dates(), st.dates())
def test_days_late_is_never_negative(handed_in, due):
    assert days_late(handed_in, due) >= 0
    assert (days_late(handed_in, due) == 0) == (handed_in <= due)
