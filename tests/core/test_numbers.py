from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.numbers import (
    NumberError,
    decimal_places,
    parse_decimal,
    round_half_up,
)


@pytest.mark.parametrize(
    ("written", "unit", "value"),
    [
        ("５０．０％", "%", "50.0"),
        ("50.0%", "%", "50.0"),
        ("45,161件", "件", "45161"),
        ("４５，１６１件", "件", "45161"),
        ("13,233", None, "13233"),
        ("△3.2", None, "-3.2"),
        ("-0.5", None, "-0.5"),
        (36.3, None, "36.3"),
        (9, None, "9"),
    ],
)
def test_published_numbers_read_exactly(written, unit, value):
    assert parse_decimal(written, unit) == Decimal(value)


def test_printed_precision_is_kept():
    assert decimal_places(parse_decimal("50.0")) == 1
    assert decimal_places(parse_decimal("45,161件", "件")) == 0
    assert str(parse_decimal(50.0)) == "50.0"


@pytest.mark.parametrize("bad", ["", "abc", "1,23", "5件", "12.3.4", True, "50%"])
def test_unreadable_numbers_get_a_bilingual_error(bad):
    with pytest.raises(NumberError) as error:
        parse_decimal(bad, "%" if bad == "5件" else None)
    assert "数値" in error.value.ja
    assert "number" in error.value.en


def test_rounding_is_half_up_as_in_japanese_tables():
    assert round_half_up(Decimal("12.25"), 1) == Decimal("12.3")
    assert round_half_up(Decimal("12.35"), 1) == Decimal("12.4")
    assert round_half_up(Decimal("45161.000000"), 0) == Decimal("45161")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_grouped_and_full_width_forms_read_back(value):
    text = f"{value:,f}"
    full_width = text.translate(str.maketrans("0123456789,.-", "０１２３４５６７８９，．－"))
    assert parse_decimal(text) == value
    assert parse_decimal(full_width) == value


def test_values_a_database_cannot_hold_exactly_are_refused():
    from dxplan.core.numbers import check_storable

    assert check_storable(Decimal("999999999.999999")) == Decimal("999999999.999999")
    assert check_storable(Decimal("123456789012345")) == Decimal("123456789012345")
    for too_big in ("1234567890123456", "1000000000.000001", "0.1234567"):
        with pytest.raises(NumberError) as error:
            check_storable(Decimal(too_big))
        assert "桁" in error.value.ja and "digits" in error.value.en


def test_figures_are_published_rounded_half_up_with_exactly_their_places():
    from dxplan.core.numbers import published

    assert str(published(Decimal("36.25"), 1)) == "36.3"
    assert str(published(Decimal("12.5"), 0)) == "13"
    assert str(published(50, 1)) == "50.0"
    assert str(published(Decimal("45161.000000"), 0)) == "45161"
    assert str(published(Decimal("-2.25"), 1)) == "-2.3"  # half away from zero, as printed
    assert str(published(Decimal("0.0078125"), 6)) == "0.007813"  # round() gives 0.007812


def test_rounding_to_the_published_precision_is_written_only_in_core():
    """Pages, the API and the files call `published` (or the core functions built on it): no
    round(), .quantize() or ROUND_* outside dxplan.core."""
    import ast
    from pathlib import Path

    import dxplan

    src = Path(dxplan.__file__).parent
    offenders = []
    for path in sorted(src.rglob("*.py")):
        relative = path.relative_to(src).as_posix()
        if relative.startswith("core/") or "/migrations/" in relative:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id == "round":
                    offenders.append(f"{relative}:{node.lineno} round()")
            elif isinstance(node, ast.Attribute) and node.attr == "quantize":
                offenders.append(f"{relative}:{node.lineno} .quantize()")
            name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
            if isinstance(name, str) and name.startswith("ROUND_"):
                offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == []


def test_a_percentage_cell_holds_a_fraction_of_one():
    from dxplan.core.numbers import percent_of_fraction

    assert percent_of_fraction(0.363) == Decimal("36.3")
    assert str(percent_of_fraction(0.5)) == "50"
    assert percent_of_fraction(0.0069999999999999993) == Decimal("0.7")
