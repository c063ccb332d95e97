from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.numbers import published, round_half_up
from dxplan.core.surveys import as_percent, check_published_percents, percent, share


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


def test_a_share_is_shown_as_a_percentage_rounded_half_up_at_the_printed_places():
    assert as_percent(share(128, 1008)) == Decimal("12.7")
    assert as_percent(share(1, 16)) == Decimal("6.3")  # 6.25, half-up
    assert as_percent(share(1, 8), 2) == Decimal("12.50")
    assert str(as_percent(Decimal(1), 0)) == "100"


@given(st.integers(1, 10**6), st.data(), st.integers(0, 3))
def test_a_percentage_from_the_share_is_count_over_base_rounded_exactly(base, data, places):
    count = data.draw(st.integers(0, base))
    assert percent(count, base, places) == round_half_up(Decimal(count) * 100 / base, places)


def test_the_api_publishes_shares_half_up_at_six_places():
    assert published(share(128, 1008), 6) == Decimal("0.126984")
    assert published(share(1, 128), 6) == Decimal("0.007813")  # 0.0078125


def test_a_share_is_divided_only_in_core():
    """The model's `share`, the pages and the API start from `share(count, base)`: nothing
    outside dxplan.core divides by a base or a number distributed."""
    import ast
    from pathlib import Path

    import dxplan

    src = Path(dxplan.__file__).parent
    denominators = {"base", "distributed"}
    offenders = []
    for path in sorted(src.rglob("*.py")):
        relative = path.relative_to(src).as_posix()
        if relative.startswith("core/") or "/migrations/" in relative:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.FloorDiv):
                names = {
                    n.attr if isinstance(n, ast.Attribute) else n.id
                    for n in ast.walk(node.right)
                    if isinstance(n, ast.Attribute | ast.Name)
                }
                if names & denominators:
                    offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []
