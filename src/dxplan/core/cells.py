"""Text in spreadsheet cells: what a spreadsheet would run as a formula, and how dxplan keeps
it text (CSV injection, OWASP).

A workbook or CSV file dxplan writes holds text others entered (a 要因分析, a source, a unit).
Excel, LibreOffice and Google Sheets run a cell beginning with `=`, `+`, `-` or `@` as a formula,
and a tab or carriage return first can hide such a start; a formula can fetch addresses or
run commands when the file is opened. Japanese Excel also takes the full-width forms
（＝ ＋ － ＠）typed into a cell as the start of a formula, so those count too.

Workbooks mark such a cell as text (io.actuals_files). CSV has no types: `csv_text` puts a
single quote `'` before the text, as OWASP advises, and `csv_text_read` takes exactly that
quote off again, so that text written by `csv_text` and read back is what was entered
(docs/actuals.md). A text that begins with quotes and then a formula's start gets one quote
more, so the rule can be undone for every text.

A workbook cannot hold control characters but tab, line feed and carriage return (XML 1.0);
`workbook_text` gives the text a workbook can hold, so that one text pasted from elsewhere (a
vertical tab is PowerPoint's line break) never stops a workbook from being written.
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
QUOTE = "'"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula (its first character)."""
    return text[:1] in FORMULA_STARTS


def _needs_quote(text: str) -> bool:
    """A formula's start, or quotes and then one: the text `csv_text` quotes."""
    return looks_like_formula(text.lstrip(QUOTE))


def csv_text(text: str) -> str:
    """The text as a CSV field keeps it text: a quote before a formula's start."""
    return QUOTE + text if _needs_quote(text) else text


def csv_text_read(field: str) -> str:
    """The text a CSV field written by `csv_text` holds: its added quote taken off. Any other
    field is left as it is (a quote before ordinary text is the text's own)."""
    return field[1:] if field.startswith(QUOTE) and _needs_quote(field[1:]) else field


_NOT_IN_WORKBOOKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def workbook_text(text: str) -> str:
    """The text as a workbook can hold it: a vertical tab or form feed becomes a line break,
    any other control character (but tab, line feed, carriage return) a replacement
    character (U+FFFD)."""
    return _NOT_IN_WORKBOOKS.sub(lambda m: "\n" if m[0] in "\x0b\x0c" else "\ufffd", text)
