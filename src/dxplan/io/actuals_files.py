"""Yearly actuals in the files departments live in: an Excel workbook made by dxplan, or CSV.

`write_template` writes the workbook of one plan and fiscal year: an instructions sheet in
Japanese (and English), one row per indicator series, every cell locked but the inputs, data
validation on them, and the years before for context. `read_actuals` reads that workbook back,
or a CSV file with the same columns (UTF-8, UTF-8 with BOM or CP932), into plain rows. Every
problem names file, sheet, row, column and value in Japanese and English, and all of them are
reported at once (docs/actuals.md).

Text is always written as text, never as a formula, however it begins (core.cells): the text
input columns are formatted as text, so that what a department types there stays text too; a
CSV field quoted against formulas reads as the text before the quote; and `formula_warnings`
names the text of a file that a spreadsheet would have run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from dxplan.core.actual_rules import actual_errors
from dxplan.core.cells import csv_text_read, looks_like_formula, workbook_text
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import format_fiscal_year, parse_fiscal_year
from dxplan.core.numbers import check_storable, parse_decimal, percent_of_fraction
from dxplan.core.plan_rules import is_percent

SHEET = "実績"  # the sheet of inputs
INSTRUCTIONS = "説明"
META = "dxplan"  # hidden: the plan and the fiscal year the workbook is for
FORMAT = 1
TEXT_FORMAT = "@"  # Excel's number format "Text"


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    en: str
    width: int = 14
    kind: str = "text"  # text | number | flag
    input: bool = False

    @property
    def header(self) -> str:
        return f"{self.ja} / {self.en}"


IDENTITY = [
    Column("series_id", "系列ID", "Series ID", 24),
    Column("measure", "施策", "Measure", 30),
    Column("indicator", "成果指標", "Indicator", 40),
    Column("series", "系列", "Series", 12),
    Column("unit", "単位", "Unit", 8),
    Column("baseline", "基準値", "Baseline", 16),
    Column("target", "目標値", "Target", 16),
]
INPUTS = [
    Column("value", "実績値", "Actual", 12, "number", True),
    Column("lower", "下限", "Lower bound", 10, "number", True),
    Column("upper", "上限", "Upper bound", 10, "number", True),
    Column("provisional", "速報値", "Provisional", 10, "flag", True),
    Column("source", "出典", "Source", 30, "text", True),
    Column("analysis", "要因分析", "Factors behind the figure", 50, "text", True),
    Column("note", "備考", "Note", 30, "text", True),
]
# CSV carries the plan and the fiscal year on each row; the workbook in its hidden sheet.
CSV_ONLY = [Column("plan", "計画", "Plan"), Column("fiscal_year", "年度", "Fiscal year")]
# Optional: はい marks fictitious figures for demonstrations (data/nagasaki-sample/).
SAMPLE = Column("sample", "サンプル", "Sample", kind="flag")
YES = {"はい", "yes", "y", "true", "1", "○", "〇", "速報", "速報値"}
NO = {"", "いいえ", "no", "n", "false", "0", "×", "確定", "確定値"}


@dataclass(frozen=True)
class TemplateRow:
    """One series of the workbook, as the plan holds it."""

    series_id: str  # version/indicator code/series key
    measure: str
    indicator: str
    series: str
    unit: str
    baseline: str
    target: str
    previous: dict[int, Decimal]  # earlier actuals by fiscal year, for context
    current: dict[str, Any] = field(default_factory=dict)  # the year's figure, if entered


@dataclass(frozen=True)
class Where:
    file: str
    sheet: str | None
    row: int
    column: Column | None = None

    def ja(self) -> str:
        sheet = f"シート「{self.sheet}」" if self.sheet else ""
        column = f"{self.column.ja}列" if self.column else ""
        return f"{self.file} {sheet}{self.row}行目 {column}".rstrip()

    def en(self) -> str:
        sheet = f"sheet '{self.sheet}' " if self.sheet else ""
        column = f", column {self.column.en}" if self.column else ""
        return f"{self.file} {sheet}row {self.row}{column}"


@dataclass(frozen=True)
class Problem:
    where: Where
    ja: str
    en: str

    def __str__(self) -> str:
        return f"{self.where.ja()}: {self.ja} / {self.where.en()}: {self.en}"

    def as_json(self) -> dict[str, Any]:
        """The problem as plain values: for `--format json` and the upload's preview."""
        where = self.where
        return {
            "file": where.file,
            "sheet": where.sheet or "",
            "row": where.row,
            "column_ja": where.column.ja if where.column else "",
            "column_en": where.column.en if where.column else "",
            "where_ja": where.ja(),
            "where_en": where.en(),
            "ja": self.ja,
            "en": self.en,
            "text": str(self),
        }


class ActualsFileInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass
class ActualRow:
    """One entered figure, read and checked for its form (not yet against the plan)."""

    where: Where
    plan: str
    fiscal_year: int
    series_id: str
    unit: str
    value: Decimal
    lower: Decimal | None = None
    upper: Decimal | None = None
    provisional: bool = False
    source: str = ""
    analysis: str = ""
    note: str = ""
    sample: bool | None = None  # None: the file does not say (no サンプル column, or blank)
    readings: list[str] = field(default_factory=list)  # how a value was read, to tell the user


# --- writing -------------------------------------------------------------------------------


def write_template(
    path: str | Path | IO[bytes],
    plan: str,
    plan_name: str,
    fiscal_year: int,
    rows: Sequence[TemplateRow],
) -> None:
    """The workbook departments fill in (module docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = INSTRUCTIONS
    year_ja, year_en = format_fiscal_year(fiscal_year), format_fiscal_year(fiscal_year, "en")
    lines = [
        f"{plan_name}　{year_ja}の成果指標の実績の入力",
        "",
        f"1. シート「{SHEET}」の黄色い列（実績値・下限・上限・速報値・出典・要因分析・備考）だけを"
        "入力してください。ほかのセルは変更できません。",
        "2. 実績値は数値で入力してください。「50.0%」「５０．０％」「1,234件」のように"
        "単位を付けても読み取れます。単位が % の指標で、セルの表示形式がパーセントのとき"
        "（0.5 を 50% と表示）は 50.0 として読み取ります。",
        "3. 調査に基づく値で信頼区間がある場合は、下限と上限を入力してください。",
        "4. 速報値のときは「速報値」列で「はい」を選んでください（確定値は空欄か「いいえ」）。",
        "5. 要因分析には、値の背景や要因を書いてください。実績値とともに公開されます。"
        "出典・要因分析・備考は文字として扱い、「=」で始めても数式にはなりません。",
        "6. 入力を終えたら、このファイルをDX推進担当に送ってください。"
        "取り込みの前に、変更内容の一覧で確認します。",
        "",
        f"Actuals of the outcome indicators for {year_en} ({plan}).",
        f"Fill in only the yellow columns of the sheet '{SHEET}'; the other cells are locked. "
        "Values may carry their unit (50.0%, 1,234件); a % cell formatted as a percentage "
        "(0.5 shown as 50%) is read as 50.0. Enter the lower and upper bound of an interval "
        "if the value has one, 'はい' under 速報値 for a provisional figure, and the factors "
        "behind the figure (published with it). Source, factors and note are text: they "
        "never become a formula, even when they begin with '='.",
    ]
    for number, line in enumerate(lines, start=1):
        _put(guide, number, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True, size=14)
    guide.protection.sheet = True

    sheet = book.create_sheet(SHEET)
    years = sorted({y for row in rows for y in row.previous})
    context = [
        Column(f"fy{y}", f"{format_fiscal_year(y)}実績", f"{format_fiscal_year(y, 'en')} actual")
        for y in years
    ]
    columns = [*IDENTITY, *context, *INPUTS]
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(columns, start=1):
        cell = _put(sheet, 1, index, column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=2):
        values: dict[str, Any] = {
            "series_id": row.series_id,
            "measure": row.measure,
            "indicator": row.indicator,
            "series": row.series,
            "unit": row.unit,
            "baseline": row.baseline,
            "target": row.target,
            **{f"fy{y}": float(v) for y, v in row.previous.items()},
            **row.current,
        }
        for index, column in enumerate(columns, start=1):
            cell = _put(sheet, number, index, values.get(column.key))
            if column.input:
                cell.protection = Protection(locked=False)
                cell.fill = input_fill
            if column.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if column.input:  # Excel keeps what is typed into a text cell text
                    cell.number_format = TEXT_FORMAT
    last = len(rows) + 1
    first_input = len(IDENTITY) + len(context) + 1
    letters = {c.key: get_column_letter(first_input + i) for i, c in enumerate(INPUTS)}
    if rows:
        flag = DataValidation(type="list", formula1='"はい,いいえ"', allow_blank=True)
        flag.error = "「はい」か「いいえ」を選んでください / choose はい (yes) or いいえ (no)"
        flag.add(f"{letters['provisional']}2:{letters['provisional']}{last}")
        sheet.add_data_validation(flag)
    sheet.freeze_panes = sheet.cell(2, len(IDENTITY) + 1)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # rows may grow to show long texts
    sheet.protection.formatColumns = False

    meta = book.create_sheet(META)
    for number, (key, value) in enumerate(
        [("plan", plan), ("fiscal_year", fiscal_year), ("format", FORMAT)], start=1
    ):
        _put(meta, number, 1, key)
        _put(meta, number, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    book.active = 1
    book.save(path)


def _put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """A cell holding the value; a text as text, though it begin like a formula (=, +, -, @)
    or an error code (#N/A): openpyxl would otherwise take the one for a formula, the other
    for an error. A control character a workbook cannot hold is replaced (core.cells)."""
    text = isinstance(value, str)
    cell = sheet.cell(row, column, workbook_text(value) if text else value)
    if text:
        cell.data_type = "s"
    return cell


# --- reading -------------------------------------------------------------------------------


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")


def read_actuals(path: str | Path) -> tuple[list[ActualRow], list[Problem]]:
    """Every filled-in row of a workbook or CSV file that could be read, and the problems of
    the others (the import checks the rows against the plan and reports all problems at once).
    A file that cannot be read at all raises ActualsFileInvalid."""
    path = Path(path)
    try:
        data = path.read_bytes() if _readable(path) else b""
    except OSError as error:
        raise ActualsFileInvalid(
            [
                Problem(
                    Where(path.name, None, 0),
                    f"ファイルを読めません（{type(error).__name__}）。",
                    f"The file cannot be read ({type(error).__name__}).",
                )
            ]
        ) from None
    return read_actuals_data(path.name, data)


def read_actuals_data(name: str, data: bytes) -> tuple[list[ActualRow], list[Problem]]:
    """`read_actuals` of a file's bytes (an upload), named `name` in every problem; the
    suffix of the name says whether it is a workbook or CSV."""
    suffix = Path(name).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES or suffix in CSV_SUFFIXES:
        rows, problems = (_read_workbook if suffix in WORKBOOK_SUFFIXES else _read_csv)(name, data)
        if not rows and not problems:  # headings only, or no 実績値 filled in
            raise ActualsFileInvalid(
                [
                    Problem(
                        Where(name, None, 0),
                        "実績値が1つも入力されていません。",
                        "No figure is filled in (the 実績値 column is empty on every row).",
                    )
                ]
            )
        return rows, problems
    raise ActualsFileInvalid(
        [
            Problem(
                Where(name, None, 0),
                "Excel（.xlsx）か CSV（.csv）のファイルを指定してください。",
                "Give an Excel workbook (.xlsx) or a CSV file (.csv).",
            )
        ]
    )


def _readable(path: Path) -> bool:
    return path.suffix.lower() in (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES)


def _read_workbook(name: str, data: bytes) -> tuple[list[ActualRow], list[Problem]]:
    from openpyxl import load_workbook

    where = Where(name, None, 0)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # zip, XML and openpyxl's own errors: not a workbook
        raise ActualsFileInvalid(
            [
                Problem(
                    where,
                    f"Excel ファイルとして読めません（{type(error).__name__}）。",
                    f"The file cannot be read as an Excel workbook ({type(error).__name__}).",
                )
            ]
        ) from None
    if META not in book.sheetnames or SHEET not in book.sheetnames:
        raise ActualsFileInvalid(
            [
                Problem(
                    where,
                    f"dxplan の入力用ファイルではありません（シート「{SHEET}」「{META}」が"
                    "ありません）。dxplan actuals template で作ったファイルを使ってください。",
                    f"Not a dxplan actuals workbook (no sheets '{SHEET}' and '{META}'): use a "
                    "file made by `dxplan actuals template`.",
                )
            ]
        )
    meta = {row[0]: row[1] for row in book[META].iter_rows(values_only=True) if row and row[0]}
    sheet = book[SHEET]
    rows = list(sheet.iter_rows())
    headers = [str(cell.value or "") for cell in rows[0]] if rows else []
    records = []
    for cells in rows[1:]:
        record: dict[str, Any] = {"_row": cells[0].row}
        for header, cell in zip(headers, cells, strict=False):
            record[header] = (cell.value, "%" in (cell.number_format or ""))
        records.append(record)
    fixed = {"plan": meta.get("plan"), "fiscal_year": meta.get("fiscal_year")}
    return _rows(name, SHEET, headers, records, fixed)


def _read_csv(name: str, data: bytes) -> tuple[list[ActualRow], list[Problem]]:
    text = None
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ActualsFileInvalid(
            [
                Problem(
                    Where(name, None, 0),
                    "文字コードを読み取れません。UTF-8 か Shift_JIS（CP932）で保存してください。",
                    "The encoding cannot be read: save the file as UTF-8 or Shift_JIS (CP932).",
                )
            ]
        )
    reader = csv.reader(io.StringIO(text))
    lines = list(reader)
    headers = lines[0] if lines else []
    texts = {_column_of(headers, c) for c in INPUTS if c.kind == "text"}
    records = []
    for number, line in enumerate(lines[1:], start=2):
        record: dict[str, Any] = {"_row": number}
        for header, value in zip(headers, line, strict=False):
            # the quote that keeps a text from starting a formula is not the text's (core.cells)
            record[header] = (csv_text_read(value) if header in texts else value, False)
        records.append(record)
    return _rows(name, None, headers, records, {})


def _column_of(headers: Sequence[str], column: Column) -> str | None:
    """The header naming the column: its Japanese or English label, or both as written."""
    for header in headers:
        label = header.strip()
        if label in (column.header, column.ja, column.en, column.key):
            return header
    return None


def _rows(
    file: str,
    sheet: str | None,
    headers: Sequence[str],
    records: list[dict[str, Any]],
    fixed: dict[str, Any],
) -> tuple[list[ActualRow], list[Problem]]:
    problems: list[Problem] = []
    needed = [IDENTITY[0], IDENTITY[4], INPUTS[0]]
    if not fixed:
        needed = [*CSV_ONLY, *needed]
    found = {c.key: _column_of(headers, c) for c in [*IDENTITY, *INPUTS, *CSV_ONLY, SAMPLE]}
    missing = [c for c in needed if found[c.key] is None]
    if missing:
        names = "、".join(c.ja for c in missing)
        raise ActualsFileInvalid(
            [
                Problem(
                    Where(file, sheet, 1),
                    f"見出しの行に列「{names}」がありません。",
                    f"The header row lacks the column(s) {', '.join(c.en for c in missing)}.",
                )
            ]
        )
    out = []
    for record in records:
        row = record["_row"]

        def cell(column: Column, record: dict[str, Any] = record) -> tuple[Any, bool]:
            header = found[column.key]
            return record.get(header, (None, False)) if header is not None else (None, False)

        inputs = {c.key: cell(c) for c in INPUTS}
        if all(_blank(value) for value, _ in inputs.values()):
            continue  # a series nobody filled in this time
        plan = fixed.get("plan") or _text(cell(CSV_ONLY[0])[0])
        year_written = fixed.get("fiscal_year") or cell(CSV_ONLY[1])[0]
        unit = _text(cell(IDENTITY[4])[0])
        series_id = _text(cell(IDENTITY[0])[0])
        here = Where(file, sheet, row)
        try:
            year = parse_fiscal_year(
                year_written if not isinstance(year_written, float) else int(year_written)
            )
        except BilingualError as error:
            problems.append(Problem(Where(file, sheet, row, CSV_ONLY[1]), error.ja, error.en))
            continue
        if not series_id:
            problems.append(
                Problem(
                    Where(file, sheet, row, IDENTITY[0]),
                    "系列IDが空です。",
                    "The series ID is empty.",
                )
            )
            continue
        actual = ActualRow(here, str(plan or ""), year, series_id, unit, Decimal(0))
        numbers: dict[str, Decimal | None] = {}
        for column in INPUTS[:3]:
            written, percent_cell = inputs[column.key]
            numbers[column.key] = None
            if _blank(written):
                if column.key == "value":
                    problems.append(
                        Problem(
                            Where(file, sheet, row, column),
                            "実績値が空です（ほかの列だけが入力されています）。",
                            "The actual is empty, though other columns are filled in.",
                        )
                    )
                continue
            try:
                numbers[column.key], reading = _number(written, unit, percent_cell)
            except BilingualError as error:
                problems.append(
                    Problem(
                        Where(file, sheet, row, column),
                        f"「{written}」: {error.ja}",
                        f"'{written}': {error.en}",
                    )
                )
                continue
            if reading:
                actual.readings.append(f"{column.ja}: {reading}")
        flag, _ = inputs["provisional"]
        flag_text = _text(flag).lower()
        if flag_text not in YES and flag_text not in NO and not isinstance(flag, bool):
            problems.append(
                Problem(
                    Where(file, sheet, row, INPUTS[3]),
                    f"「{flag}」: 「はい」か「いいえ」を入力してください。",
                    f"'{flag}': enter はい (yes) or いいえ (no).",
                )
            )
        if numbers.get("value") is None:
            continue
        actual.value = numbers["value"]  # type: ignore[assignment]
        actual.lower, actual.upper = numbers["lower"], numbers["upper"]
        actual.provisional = flag is True or flag_text in YES
        actual.source = _text(inputs["source"][0])
        actual.analysis = _text(inputs["analysis"][0])
        actual.note = _text(inputs["note"][0])
        flagged = _text(cell(SAMPLE)[0]).lower()
        actual.sample = None if not flagged else flagged in YES
        # the interval's rules (both bounds or none, lower ≤ value ≤ upper): core.actual_rules,
        # as the staff screens check them. The unit's (a share within 0–100 %, a count whole)
        # wait for the import, which knows the indicator: the file's unit column is only shown
        for part, broken in actual_errors(
            unit="", value=actual.value, lower=actual.lower, upper=actual.upper
        ):
            column = next(c for c in INPUTS if c.key == part)
            problems.append(Problem(Where(file, sheet, row, column), broken.ja, broken.en))
        if not any(p.where.row == row for p in problems):
            out.append(actual)
    return out, problems


def formula_warnings(rows: Sequence[ActualRow]) -> list[Problem]:
    """The texts of the rows that a spreadsheet would run as a formula (core.cells). Not a
    problem: they are stored as entered, and written to every workbook and CSV file as text;
    the warning lets the office see them before they are stored."""
    warnings = []
    for row in rows:
        for column in INPUTS:
            text = getattr(row, column.key)
            if column.kind == "text" and isinstance(text, str) and looks_like_formula(text):
                shown = text if len(text) <= 60 else text[:59] + "…"
                shown = shown.replace("\t", "\\t").replace("\r", "\\r").replace("\n", " ")
                warnings.append(
                    Problem(
                        Where(row.where.file, row.where.sheet, row.where.row, column),
                        f"「{shown}」は表計算ソフトの数式のように始まります（=、+、-、@、タブ、改行）。"
                        "入力どおりに保存し、dxplan が書き出すファイルでは数式ではなく文字として"
                        "書き出します。意図した内容か確かめてください。",
                        f"'{shown}' begins like a spreadsheet formula (=, +, -, @, tab or carriage "
                        "return). It is stored as entered and written to every file dxplan makes "
                        "as text, never as a formula: check that it is what was meant.",
                    )
                )
    return warnings


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(written: Any, unit: str, percent_cell: bool) -> tuple[Decimal, str | None]:
    """A figure as written in the unit; a % cell formatted as a percentage holds a fraction."""
    if isinstance(written, bool):
        raise BilingualError("数値を入力してください。", "Enter a number.")
    if isinstance(written, int | float) and percent_cell and is_percent(unit):
        value = check_storable(percent_of_fraction(float(written)))
        return value, f"{written} (パーセント表示のセル / a percentage cell) → {value}%"
    value = check_storable(parse_decimal(written, unit or None))
    return value, None
