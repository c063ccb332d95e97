from decimal import Decimal

import pytest

from dxplan.core.surveys import check_published_percents, percent, share


def test_shares_are_fractions_of_the_base():
    assert share(504, 1008) == Decimal("0.5")
    assert percent(128, 1008) == Decimal("12.7")


def test_a_base_must_be_positive():
    with pytest.raises(ValueError):
        share(1, 0)


def test_counts_that_do_not_reproduce_the_printed_share_are_reported():
    mismatches = check_published_percents(
        1008, [("agree", 128, Decimal("12.7")), ("disagree", 100, Decimal("12.7"))]
    )
    assert [(m.option, m.computed) for m in mismatches] == [("disagree", Decimal("9.9"))]


def test_printed_precision_decides_the_rounding():
    assert check_published_percents(3, [("a", 1, Decimal("33"))]) == []
    assert check_published_percents(3, [("a", 1, Decimal("33.3"))]) == []
