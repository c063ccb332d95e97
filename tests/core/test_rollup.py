"""Counting indicators by status, for a version and every node above them (dxplan.core.rollup)."""

from fractions import Fraction

from dxplan.core.progress import STATUS_NAMES, Status
from dxplan.core.rollup import ORDER, Counted, roll_up, tally

S = Status


def test_every_status_is_listed_once_in_the_order_of_the_method_zeros_included():
    assert set(ORDER) == set(Status)
    assert len(ORDER) == len(Status)
    assert tuple(STATUS_NAMES) == ORDER  # as the method's table and every page list them
    counted = tally([S.ON_TRACK, S.NO_DATA, S.ON_TRACK])
    assert counted.counts == (
        (S.ACHIEVED, 0),
        (S.ON_TRACK, 2),
        (S.ACCELERATION_NEEDED, 0),
        (S.LIMITED_PROGRESS, 0),
        (S.DETERIORATING, 0),
        (S.UNCERTAIN, 0),
        (S.NO_DATA, 1),
    )
    assert counted.total == 3
    assert counted.present == ((S.ON_TRACK, 2), (S.NO_DATA, 1))


def test_a_status_written_as_its_code_counts_as_that_status():
    assert tally(["achieved", "achieved"]).count(S.ACHIEVED) == 2


def test_shares_are_exact_fractions_and_zero_for_nothing_counted():
    counted = tally([S.ACHIEVED, S.DETERIORATING, S.DETERIORATING])
    assert counted.share(S.DETERIORATING) == Fraction(2, 3)
    assert counted.share(S.ON_TRACK) == 0
    nothing = tally([])
    assert (nothing.total, nothing.share(S.ACHIEVED), nothing.present) == (0, 0, ())


# field 1 → policy 11 → measures 111, 112; field 2 → policy 21 → measure 211; field 3 (none)
PARENTS = {1: None, 11: 1, 111: 11, 112: 11, 2: None, 21: 2, 211: 21, 3: None, 31: 3}


def test_each_indicator_counts_at_its_node_and_every_ancestor_once():
    tallies = roll_up(
        [
            Counted(111, S.ON_TRACK),
            Counted(111, S.DETERIORATING),
            Counted(112, S.ON_TRACK, sample=True),
            Counted(211, S.NO_DATA),
        ],
        PARENTS.get,
    )
    assert tallies[1].count(S.ON_TRACK) == 2 and tallies[1].total == 3
    assert tallies[11].total == 3 and tallies[111].total == 2 and tallies[112].total == 1
    assert tallies[2].present == ((S.NO_DATA, 1),) == tallies[21].present
    assert 3 not in tallies and 31 not in tallies  # no indicators below: no tally


def test_sample_figures_mark_every_tally_they_go_into_and_no_other():
    tallies = roll_up(
        [Counted(112, S.ON_TRACK, sample=True), Counted(211, S.ACHIEVED)], PARENTS.get
    )
    assert tallies[112].sample and tallies[11].sample and tallies[1].sample
    assert not tallies[2].sample and not tallies[211].sample


def test_a_cycle_in_the_parents_ends_the_walk():
    tallies = roll_up([Counted("a", S.ACHIEVED)], {"a": "b", "b": "a"}.get)
    assert tallies["a"].total == 1 and tallies["b"].total == 1
