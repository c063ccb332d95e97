"""Workbooks are safe to open (issue 22): text that a spreadsheet would run as a formula is
stored as entered, warned of on import, and written back as text, never as a formula."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dxplan.indicators.actions import record_actual
from dxplan.indicators.models import Observation, Series
from dxplan.io.actuals_files import CSV_ONLY, IDENTITY, INPUTS
from dxplan.plans.models import Node

pytestmark = pytest.mark.django_db

PLAN = "nagasaki/dx-plan"
SERIES = "2025-2027/1-1/total"
HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
# 計画, 年度, 系列ID, 単位, 実績値 … 備考
HEADER = [c.ja for c in (*CSV_ONLY, IDENTITY[0], IDENTITY[4], *INPUTS)]


def csv_file(path, *rows, encoding="cp932"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([HEADER, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def series_of() -> Series:
    return Series.objects.get(
        indicator__measure__version__slug="2025-2027", indicator__code="1-1", key="total"
    )


def figure() -> Observation:
    return Observation.objects.get(
        series__indicator__measure__version__slug="2025-2027",
        series__indicator__code="1-1",
        series__key="total",
        fiscal_year=2025,
    )


def template(tmp_path, name="R7.xlsx"):
    path = tmp_path / name
    call_command("actuals", "template", PLAN, "--fiscal-year", "R7", "-o", str(path))
    sheet = load_workbook(path)["実績"]
    columns = {cell.value.split(" / ")[0]: cell.column for cell in sheet[1]}
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    return path, sheet, columns, rows


def test_a_hyperlink_analysis_in_a_cp932_csv_is_stored_warned_of_and_written_back_as_text(
    tmp_path, capsys
):
    path = csv_file(
        tmp_path / "人事課.csv", [PLAN, "R7", SERIES, "%", "40.0", "", "", "", "", HYPERLINK, ""]
    )
    call_command("actuals", "import", str(path))
    out, err = capsys.readouterr()
    assert "新規 1" in out
    assert figure().analysis_ja == HYPERLINK  # nothing entered is lost
    assert "人事課.csv 2行目 要因分析列" in err and "数式" in err
    assert "人事課.csv row 2, column Factors behind the figure" in err and "formula" in err
    _, sheet, columns, rows = template(tmp_path)
    cell = sheet.cell(rows[SERIES], columns["要因分析"])
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")


def test_the_json_report_of_an_import_lists_the_warnings(tmp_path, capsys):
    path = csv_file(
        tmp_path / "a.csv", [PLAN, "R7", SERIES, "%", "40", "", "", "", "+81 95", "", "@note"]
    )
    call_command("actuals", "import", str(path), "--dry-run", "--format", "json")
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert [(w["row"], w["column_en"]) for w in warnings] == [(2, "Source"), (2, "Note")]
    assert "数式" in warnings[0]["ja"] and "formula" in warnings[0]["en"]


def test_every_text_of_the_workbook_is_text_however_it_begins_and_numbers_stay_numbers(tmp_path):
    texts = {
        "出典": "+81 95 822 1111",
        "要因分析": "=1+2",
        "備考": "#N/A",  # an error code, were it not text
    }
    Node.objects.filter(pk=series_of().indicator.measure_id).update(name_ja="=SUM(1,2)")
    record_actual(
        series_of(),
        2025,
        Decimal(40),
        actor="test",
        source_ja=texts["出典"],
        analysis_ja=texts["要因分析"],
        note=texts["備考"],
    )
    _, sheet, columns, rows = template(tmp_path)
    row = rows[SERIES]
    for name, text in texts.items():
        cell = sheet.cell(row, columns[name])
        assert (cell.value, cell.data_type) == (text, "s"), name
    measure = sheet.cell(row, columns["施策"])
    assert (measure.value, measure.data_type) == ("1-1 =SUM(1,2)", "s")
    value = sheet.cell(row, columns["実績値"])
    assert (value.value, value.data_type) == (40, "n")
    for name in ("出典", "要因分析", "備考"):  # what a department types there stays text too
        assert sheet.cell(rows["2025-2027/1-2/total"], columns[name]).number_format == "@"


def test_formula_like_text_comes_back_unchanged_through_the_workbook(tmp_path, capsys):
    path, sheet, columns, rows = template(tmp_path)
    book = sheet.parent
    for name, text in {"実績値": "40.0", "要因分析": "-前年度より減少", "備考": "=1+2"}.items():
        cell = sheet.cell(rows[SERIES], columns[name], text)
        cell.data_type = "s"
    book.save(path)
    call_command("actuals", "import", str(path))
    assert (figure().analysis_ja, figure().note) == ("-前年度より減少", "=1+2")
    assert "要因分析列" in capsys.readouterr().err
    again, *_ = template(tmp_path, "again.xlsx")
    call_command("actuals", "import", str(again))
    assert "変更なし 1" in capsys.readouterr().out


def test_a_csv_field_quoted_against_formulas_reads_as_the_text_before_the_quote(tmp_path):
    path = csv_file(
        tmp_path / "a.csv",
        [PLAN, "R7", SERIES, "%", "40", "", "", "", "'quoted by its author", "'=1+2", "''=3"],
        encoding="utf-8",
    )
    call_command("actuals", "import", str(path))
    stored = figure()
    assert (stored.source_ja, stored.analysis_ja, stored.note) == (
        "'quoted by its author",
        "=1+2",
        "'=3",
    )


def test_a_text_pasted_with_a_control_character_never_stops_the_workbook(tmp_path):
    record_actual(series_of(), 2025, Decimal(40), actor="test", analysis_ja="増加\x0b（前年度比）")
    _, sheet, columns, rows = template(tmp_path)
    assert sheet.cell(rows[SERIES], columns["要因分析"]).value == "増加\n（前年度比）"
