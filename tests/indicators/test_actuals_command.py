"""Yearly actuals through Excel and CSV: `dxplan actuals template` and `dxplan actuals import`."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import pending_value, publish_actual
from dxplan.indicators.models import Observation
from dxplan.io.actuals_files import _number
from tests import world

pytestmark = pytest.mark.django_db

PLAN = "nagasaki/dx-plan"


def template(tmp_path, year="R7", **options) -> tuple:
    path = tmp_path / f"{year}.xlsx"
    call_command("actuals", "template", PLAN, "--fiscal-year", year, "-o", str(path), **options)
    book = load_workbook(path)
    sheet = book["実績"]
    columns = {cell.value.split(" / ")[0]: cell.column for cell in sheet[1]}
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    return path, book, sheet, columns, rows


def fill(book, sheet, columns, row, path, **values) -> None:
    for name, value in values.items():
        cell = sheet.cell(row, columns[name], value)
        if isinstance(value, float) and name == "実績値" and value <= 1:
            cell.number_format = "0.0%"
    book.save(path)


def run_import(path, *options) -> None:
    call_command("actuals", "import", str(path), *options)


def actual(series_id: str, year: int = 2025) -> Observation:
    version, code, key = series_id.split("/")
    return Observation.objects.get(
        series__indicator__measure__version__slug=version,
        series__indicator__code=code,
        series__key=key,
        fiscal_year=year,
    )


def test_a_year_entered_in_the_workbook_becomes_drafts_and_the_same_file_changes_nothing(
    tmp_path, capsys
):
    path, book, sheet, columns, rows = template(tmp_path)
    assert len(rows) == 13  # one row per series of the revised plan (4-1 has two)
    fill(book, sheet, columns, rows["2025-2027/1-1/total"], path, 実績値=0.4)  # a % cell: 40 %
    fill(
        book,
        sheet,
        columns,
        rows["2025-2027/1-2/total"],
        path,
        実績値="４２．１％",
        要因分析="講座",
    )
    fill(book, sheet, columns, rows["2025-2027/3-1/total"], path, 実績値="2件", 速報値="はい")
    run_import(path, "--dry-run")
    assert "[dry run]" in capsys.readouterr().out
    assert not Observation.objects.filter(fiscal_year=2025, origin="entry").exists()
    run_import(path, "--actor", world.make_admin().username)
    out = capsys.readouterr().out
    assert "実績値: 0.4 (パーセント表示のセル / a percentage cell) → 40%" in out
    assert "新規 3" in out and "3 new" in out
    first = actual("2025-2027/1-1/total")
    assert (first.value, first.state, first.origin) == (Decimal(40), "draft", "entry")
    second = actual("2025-2027/1-2/total")
    assert (second.value, second.analysis_ja) == (Decimal("42.1"), "講座")
    assert actual("2025-2027/3-1/total").provisional is True
    created = AuditEvent.objects.filter(verb="figure_entered", object_type="observation")
    assert created.filter(object_key__startswith="nagasaki/").count() == 3
    events = AuditEvent.objects.count()
    run_import(path)
    assert "変更なし 3" in capsys.readouterr().out and AuditEvent.objects.count() == events


def test_a_published_figure_changed_in_the_workbook_waits_as_a_correction(tmp_path, capsys):
    path, book, sheet, columns, rows = template(tmp_path)
    fill(book, sheet, columns, rows["2025-2027/1-1/total"], path, 実績値="40.0")
    run_import(path)
    publish_actual(actual("2025-2027/1-1/total"), actor=world.make_admin())
    fill(book, sheet, columns, rows["2025-2027/1-1/total"], path, 実績値="41.5")
    run_import(path)
    assert "公表待ちの訂正 1" in capsys.readouterr().out
    figure = actual("2025-2027/1-1/total")
    assert figure.value == Decimal("40.0") and pending_value(figure) == Decimal("41.5")
    _, _, sheet2, columns2, rows2 = template(tmp_path, "R7")
    assert sheet2.cell(rows2["2025-2027/1-1/total"], columns2["実績値"]).value == 41.5


def test_the_published_figure_given_again_withdraws_its_waiting_correction(tmp_path, capsys):
    path, book, sheet, columns, rows = template(tmp_path)
    row = rows["2025-2027/1-1/total"]
    fill(book, sheet, columns, row, path, 実績値="40.0")
    run_import(path, "--publish")
    fill(book, sheet, columns, row, path, 実績値="41.5")
    run_import(path)
    assert pending_value(actual("2025-2027/1-1/total")) == Decimal("41.5")
    capsys.readouterr()
    fill(book, sheet, columns, row, path, 実績値="40.0")
    run_import(path)
    out = capsys.readouterr().out
    assert "value 41.5 → 40" in out and "waiting correction withdrawn" in out
    assert "訂正の取り下げ 1" in out and "0 corrected" in out
    figure = actual("2025-2027/1-1/total")
    assert (figure.value, pending_value(figure)) == (Decimal("40.0"), None)


def test_a_new_source_in_the_workbook_is_a_correction_too(tmp_path, capsys):
    path, book, sheet, columns, rows = template(tmp_path)
    row = rows["2025-2027/1-1/total"]
    fill(book, sheet, columns, row, path, 実績値="40.0", 出典="市民意識調査")
    run_import(path, "--publish")
    fill(book, sheet, columns, row, path, 出典="令和7年度市民意識調査")
    run_import(path)
    assert "公表待ちの訂正 1" in capsys.readouterr().out
    figure = actual("2025-2027/1-1/total")
    assert figure.source_ja == "市民意識調査"  # public until the correction is published
    publish_actual(figure, actor=world.make_admin())
    figure.refresh_from_db()
    assert (figure.value, figure.source_ja) == (Decimal("40.0"), "令和7年度市民意識調査")


def test_the_workbook_locks_everything_but_the_inputs_and_shows_earlier_years(tmp_path):
    path, book, sheet, columns, rows = template(tmp_path)
    fill(book, sheet, columns, rows["2025-2027/1-1/total"], path, 実績値="40.0")
    run_import(path)
    _, book, sheet, columns, rows = template(tmp_path, "R8")
    row = rows["2025-2027/1-1/total"]
    assert sheet.protection.sheet and book["説明"].protection.sheet
    assert book["dxplan"].sheet_state == "hidden"
    assert sheet.cell(row, columns["令和7年度実績"]).value == 40
    assert sheet.cell(row, columns["系列ID"]).protection.locked
    for name in ("実績値", "下限", "上限", "速報値", "出典", "要因分析", "備考"):
        assert not sheet.cell(row, columns[name]).protection.locked, name
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == '"はい,いいえ"'
    assert "令和8年度の成果指標の実績の入力" in book["説明"]["A1"].value


def test_a_department_gets_only_its_indicators(tmp_path):
    _, _, _, _, rows = template(tmp_path, department="人事課")
    assert list(rows) == ["2025-2027/5-2/total"]
    with pytest.raises(CommandError, match="No indicator matches"):
        template(tmp_path, department="存在しない課")


def test_a_malformed_workbook_is_refused_naming_sheet_row_column_and_value(tmp_path, capsys):
    path, book, sheet, columns, rows = template(tmp_path)
    fill(book, sheet, columns, rows["2025-2027/1-1/total"], path, 実績値="abc")
    fill(book, sheet, columns, rows["2025-2027/1-2/total"], path, 実績値="120%")
    fill(book, sheet, columns, rows["2025-2027/1-3/total"], path, 要因分析="値なし")
    fill(book, sheet, columns, rows["2025-2027/2-1/total"], path, 実績値="40", 速報値="たぶん")
    fill(book, sheet, columns, rows["2025-2027/2-2/total"], path, 実績値="40", 下限="45", 上限="50")
    fill(book, sheet, columns, rows["2025-2027/3-1/total"], path, 実績値="2.5件")  # a count
    fill(book, sheet, columns, rows["2025-2027/3-2/total"], path, 実績値="40", 下限="38")
    sheet.cell(rows["2025-2027/5-1/total"], 1, "2025-2027/9-9/total")
    fill(book, sheet, columns, rows["2025-2027/5-1/total"], path, 実績値="10")
    with pytest.raises(CommandError, match="8 problem"):
        run_import(path)
    err = capsys.readouterr().err
    row = rows["2025-2027/1-1/total"]
    assert f"R7.xlsx シート「実績」{row}行目 実績値列: 「abc」:" in err
    assert f"R7.xlsx sheet '実績' row {row}, column Actual: 'abc':" in err
    assert "割合 120% が 0～100% の範囲外です" in err
    assert "実績値が空です" in err and "「たぶん」: 「はい」か「いいえ」を入力してください" in err
    assert "下限 45 が値 40 を上回っています" in err
    count = rows["2025-2027/3-1/total"]
    assert f"R7.xlsx シート「実績」{count}行目 実績値列: 2.5件: 数を数える単位（件）なので" in err
    assert f"row {count}, column Actual: 2.5 件: a count (件) is a whole number." in err
    assert "Give both the lower and the upper bound of the interval, or neither." in err
    assert "系列ID「2025-2027/9-9/total」はこの計画にありません" in err
    assert not Observation.objects.filter(origin="entry").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip file", "cannot be read as an Excel workbook"),
        (None, "Not a dxplan actuals workbook"),
    ],
)
def test_a_file_that_is_not_the_workbook_says_so(tmp_path, capsys, content, message):
    path = tmp_path / "other.xlsx"
    if content is None:
        from openpyxl import Workbook

        Workbook().save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match="nothing was stored"):
        run_import(path)
    assert message in capsys.readouterr().err


HEADER = "計画,年度,系列ID,単位,実績値,下限,上限,速報値,出典,要因分析,備考\n"


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_csv_in_cp932_or_utf8_with_era_years_and_full_width_digits(tmp_path, capsys, encoding):
    path = tmp_path / "actuals.csv"
    rows = [
        f"{PLAN},令和7年度,2025-2027/1-1/total,%,４０．０％,38.1,41.9,いいえ,市民アンケート,増加,",
        f'{PLAN},R7,2025-2027/2-1/total,%,"45.0",,,はい,,,速報',
    ]
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode(encoding))
    run_import(path)
    assert "新規 2" in capsys.readouterr().out
    first = actual("2025-2027/1-1/total")
    assert (first.value, first.lower, first.upper) == (
        Decimal("40.0"),
        Decimal("38.1"),
        Decimal("41.9"),
    )
    assert first.source_ja == "市民アンケート" and actual("2025-2027/2-1/total").provisional


def test_csv_problems_name_the_row_and_a_missing_column(tmp_path, capsys):
    path = tmp_path / "actuals.csv"
    path.write_text(
        HEADER
        + f"{PLAN},R6,2025-2027/1-1/total,%,40,,,,,,\n"
        + f"{PLAN},R7,2025-2027/1-1/total,%,40,,,,,,\n"
        + f"{PLAN},R7,2025-2027/1-1/total,%,41,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="2 problem"):
        run_import(path)
    err = capsys.readouterr().err
    assert "actuals.csv 2行目: 令和6年度は基準年度（令和6年度）より前です" in err
    assert "actuals.csv 4行目: 同じ系列・年度の実績が 3行目にもあります" in err
    path.write_text("系列ID,実績値\nx,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(path)
    assert "見出しの行に列「計画、年度、単位」がありません" in capsys.readouterr().err


shares = st.decimals(min_value=0, max_value=100, places=1)


@given(shares)
def test_a_share_reads_the_same_however_it_is_written(share):
    full_width = str(share).translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    for written in (str(share), f"{share}%", f"{full_width}％", float(share) / 100):
        value, _ = _number(written, "%", percent_cell=isinstance(written, float))
        assert value == share, written


SAMPLE = world.ROOT / "data" / "nagasaki-sample" / "actuals.csv"


def test_the_demos_sample_actuals_show_every_status_and_say_they_are_not_real(
    client, capsys, tmp_path
):
    from dxplan.indicators import queries
    from dxplan.indicators.progress import assess_indicator

    assert not Observation.objects.filter(sample=True).exists()  # data/nagasaki alone: none
    run_import(SAMPLE, "--publish")
    assert "25 published" in capsys.readouterr().out
    revised = queries.indicators().filter(
        measure__version__slug="2025-2027", measure__version__plan__slug="dx-plan"
    )
    statuses = {i.code: str(assess_indicator(i).status) for i in revised}
    assert set(statuses.values()) == {
        "achieved", "on_track", "acceleration_needed", "limited_progress",
        "deteriorating", "uncertain", "no_data",
    }  # fmt: skip
    assert (statuses["1-1"], statuses["3-1"], statuses["5-2"]) == (
        "uncertain",
        "achieved",
        "on_track",
    )
    page = "/nagasaki/dx-plan/2025-2027/indicators/3-1/"
    assert "サンプルデータ（架空）" in client.get(page).content.decode()
    assert "Sample data, not real" in client.get("/en" + page).content.decode()
    measure = client.get("/nagasaki/dx-plan/2025-2027/measures/3-1/").content.decode()
    assert "サンプルデータ（架空）" in measure
    assert json.loads(client.get(page + "data.json").content)["sample"] is True
    api = client.get("/api/v1/indicators?plan=nagasaki/dx-plan&version=2025-2027").json()
    observations = [o for i in api["results"] for s in i["series"] for o in s["observations"]]
    assert observations and all(o["sample"] for o in observations)
    listing = client.get("/nagasaki/dx-plan/2025-2027/indicators/").content.decode()
    assert '66.0% (令和8年度) <span class="sample">サンプル</span>' in listing  # 4-1 domestic
    assert '<span class="progress-status is-deteriorating">' in listing  # 3-2
    call_command("dump", PLAN, str(tmp_path / "dumped"))
    assert "サンプル" not in (tmp_path / "dumped" / "versions" / "2025-2027.yaml").read_text()
    run_import(SAMPLE, "--publish")
    assert "変更なし 25" in capsys.readouterr().out


def test_the_indicators_own_unit_decides_not_the_files_unit_column(tmp_path, capsys):
    path = tmp_path / "actuals.csv"
    rows = [
        f"{PLAN},R7,2025-2027/2-2/total,%,52000,,,いいえ,,,",  # a count, whatever the column says
        f"{PLAN},R7,2025-2027/1-1/total,件,120,,,いいえ,,,",  # a share of 120 %
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was stored"):
        run_import(path)
    err = capsys.readouterr().err
    assert "3行目" in err and "0–100" in err  # the share, on its own row
    assert "2行目" not in err  # the count is fine


def test_a_file_with_no_figure_filled_in_says_so(tmp_path, capsys):
    empty_csv = tmp_path / "actuals.csv"
    empty_csv.write_text(HEADER, encoding="utf-8")
    path, *_ = template(tmp_path)  # the workbook as written: nothing entered yet
    for file in (empty_csv, path):
        with pytest.raises(CommandError, match="nothing was stored"):
            run_import(file)
        assert "実績値が1つも入力されていません" in capsys.readouterr().err


def test_a_workbook_without_a_sample_column_corrects_a_sample_figure_as_the_web_form_does(
    tmp_path, capsys
):
    call_command("actuals", "import", str(world.ROOT / "data/nagasaki-sample/actuals.csv"))
    sample = actual("2025-2027/1-2/total")
    assert sample.sample
    path, book, sheet, columns, rows = template(tmp_path)
    assert "サンプル" not in columns  # the department's workbook has no such column
    fill(book, sheet, columns, rows["2025-2027/1-2/total"], path, 実績値="43.0")
    run_import(path)
    corrected = actual("2025-2027/1-2/total")
    assert (corrected.value, corrected.sample) == (Decimal("43.0"), True)


def test_a_file_that_says_a_sample_figure_is_real_is_refused_until_the_samples_are_removed(
    tmp_path, capsys
):
    call_command("actuals", "import", str(world.ROOT / "data/nagasaki-sample/actuals.csv"))
    sample = actual("2025-2027/1-2/total")
    csv = tmp_path / "real.csv"
    csv.write_text(
        HEADER.rstrip("\n")
        + ",サンプル\n"
        + "nagasaki/dx-plan,R7,2025-2027/1-2/total,%,43.0,,,いいえ,,,,いいえ\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was stored"):
        run_import(csv)
    err = capsys.readouterr().err
    assert "サンプル（架空）です。実際の値で上書きできません" in err
    assert "サンプル列" in err and "a real figure cannot replace it" in err
    assert actual("2025-2027/1-2/total").value == sample.value
    call_command("actuals", "remove-samples", PLAN)
    assert "sample figures removed" in capsys.readouterr().out
    assert not Observation.objects.filter(sample=True).exists()
    assert AuditEvent.objects.filter(verb="delete", object_type="observation").exists()
    run_import(csv)
    assert actual("2025-2027/1-2/total").value == Decimal("43.0")


def test_sample_figures_never_replace_real_ones(tmp_path, capsys):
    path, book, sheet, columns, rows = template(tmp_path)
    fill(book, sheet, columns, rows["2025-2027/1-2/total"], path, 実績値="43.0")
    run_import(path, "--publish")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("actuals", "import", str(world.ROOT / "data/nagasaki-sample/actuals.csv"))
    assert "This year's figure is real" in capsys.readouterr().err
    assert not Observation.objects.filter(sample=True).exists()
