"""Text that a spreadsheet would run as a formula (core/cells.py): kept text in CSV, and
read back as it was entered."""

import csv
import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dxplan.core.cells import csv_text, csv_text_read, looks_like_formula, workbook_text


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.invalid","x")',
        "+81 95 822 1111",
        "-3.5 points",
        "@SUM(A1)",
        "\t=1+2",
        "\r=1+2",
        "＝ＳＵＭ（１，２）",
        "－前年比",
    ],
)
def test_text_beginning_like_a_formula_is_quoted_in_csv_and_read_back_unquoted(text):
    assert looks_like_formula(text)
    assert csv_text(text) == "'" + text
    assert csv_text_read(csv_text(text)) == text


@pytest.mark.parametrize(
    "text", ["", "講座の受講者が増えた", "'quoted by its author", "a=b", " =1", "'", "3.5"]
)
def test_other_text_is_written_and_read_as_it_is(text):
    assert not looks_like_formula(text)
    assert csv_text(text) == text
    assert csv_text_read(text) == text


def test_a_text_of_quotes_before_a_formula_gets_one_quote_more():
    assert csv_text("'=1+2") == "''=1+2"
    assert csv_text_read("''=1+2") == "'=1+2"
    assert csv_text_read("'=1+2") == "=1+2"  # as csv_text writes "=1+2"


@given(st.text())
@example("'")
@example("''-")
def test_whatever_is_entered_comes_back_through_a_csv_file_and_never_starts_a_formula(text):
    field = csv_text(text)
    assert not looks_like_formula(field)
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([field, "-3.5"])
    [[read, number]] = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert csv_text_read(read) == text and number == "-3.5"


def test_a_workbook_holds_a_line_break_for_a_vertical_tab_and_no_other_control_character():
    assert workbook_text("前年度比\x0b増加") == "前年度比\n増加"  # PowerPoint's line break
    assert workbook_text("a\x01b\x1fc") == "a\ufffdb\ufffdc"
    assert workbook_text("tab\tline\ncr\r=1") == "tab\tline\ncr\r=1"
