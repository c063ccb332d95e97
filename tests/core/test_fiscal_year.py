import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.fiscal_year import (
    FiscalYearError,
    format_fiscal_year,
    format_fiscal_year_short,
    parse_fiscal_year,
)


@pytest.mark.parametrize(
    "written",
    [
        2024,
        "2024",
        "FY2024",
        "fy 2024",
        "2024年度",
        "令和6年度",
        "令和6年",
        "R6",
        "r6",
        "Ｒ６",
        "令和６年度",
        "２０２４年度",
        " R6 ",
    ],
)
def test_every_published_way_of_writing_fy2024_reads_as_2024(written):
    assert parse_fiscal_year(written) == 2024


def test_first_year_of_an_era_is_written_gannen():
    assert parse_fiscal_year("令和元年度") == 2019
    assert format_fiscal_year(2019, "ja") == "令和元年度"
    assert parse_fiscal_year("平成30年度") == 2018
    assert parse_fiscal_year("H31") == 2019


def test_plan_years_read_as_the_seed_defines_them():
    assert [parse_fiscal_year(f"R{n}") for n in (4, 5, 6, 7, 9, 12)] == [
        2022,
        2023,
        2024,
        2025,
        2027,
        2030,
    ]


@pytest.mark.parametrize("bad", ["", "R0", "令和", "2024-25", "FY24", "X6", True, 1800, "R999"])
def test_unreadable_years_get_a_bilingual_error(bad):
    with pytest.raises(FiscalYearError) as error:
        parse_fiscal_year(bad)
    assert "年度" in error.value.ja
    assert "fiscal year" in error.value.en


def test_years_are_shown_as_reiwa_in_japanese_and_fy_in_english():
    assert format_fiscal_year(2024, "ja") == "令和6年度"
    assert format_fiscal_year(2024, "en") == "FY2024"
    assert format_fiscal_year_short(2027, "ja") == "R9"
    assert format_fiscal_year_short(2027, "en") == "FY2027"


@given(st.integers(min_value=1926, max_value=2200))
def test_formatted_years_read_back_to_the_same_year(year):
    assert parse_fiscal_year(format_fiscal_year(year, "ja")) == year
    assert parse_fiscal_year(format_fiscal_year(year, "en")) == year
    assert parse_fiscal_year(format_fiscal_year_short(year, "ja")) == year


@given(st.text(max_size=12))
def test_any_text_either_parses_or_raises_a_fiscal_year_error(text):
    try:
        year = parse_fiscal_year(text)
    except FiscalYearError:
        return
    assert 1926 <= year <= 2200
