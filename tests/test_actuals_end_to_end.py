"""The issue's "done when", end to end: a year of Nagasaki actuals typed into the workbook that
`dxplan actuals template` writes, read back by `dxplan actuals import --publish`, shows up with
statuses, grades and charts on the portal (ja and en) and in the API."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dxplan.core.numbers import published
from dxplan.indicators.models import Indicator, Observation, Series

pytestmark = pytest.mark.django_db

PLAN = "nagasaki/dx-plan"
VERSION = "2025-2027"
# A third of the time gone in R7 (baselines R6, targets R9); how far each series gets: on
# track, acceleration needed, limited progress, deteriorating, achieved, in turn.
SHARES = [Decimal("0.4"), Decimal("0.25"), Decimal("0.1"), Decimal("-0.1"), Decimal("1.2")]


def typed_value(series: Series, share: Decimal) -> str:
    """The figure a department would type: the share of the way from baseline to target, at
    the indicator's published precision, with its unit (36.3 + 0.4 × 13.7 → "41.8%")."""
    indicator = series.indicator
    value = series.baseline_value + (series.target_value - series.baseline_value) * share
    if indicator.kind == Indicator.Kind.CUMULATIVE:  # the year's addition, not the total
        value -= series.baseline_value
    return f"{published(value, indicator.decimals)}{indicator.unit}"


def test_a_year_entered_in_the_workbook_shows_up_on_the_portal_and_in_the_api(client, tmp_path):
    book_path = tmp_path / "R7.xlsx"
    call_command("actuals", "template", PLAN, "--fiscal-year", "R7", "-o", str(book_path))
    book = load_workbook(book_path)
    sheet = book["実績"]
    columns = {cell.value.split(" / ")[0]: cell.column for cell in sheet[1]}
    entered = {}
    for number, row in enumerate(range(2, sheet.max_row + 1)):
        version, code, key = sheet.cell(row, 1).value.split("/")
        series = Series.objects.get(
            indicator__measure__version__slug=version, indicator__code=code, key=key
        )
        value = typed_value(series, SHARES[number % len(SHARES)])
        sheet.cell(row, columns["実績値"], value)
        sheet.cell(row, columns["要因分析"], f"{code}の要因（試験入力）")
        entered[(code, key)] = value
    book.save(book_path)
    assert len(entered) == 13

    call_command("actuals", "import", str(book_path), "--publish")

    stored = Observation.objects.filter(fiscal_year=2025, state="published", origin="entry")
    assert stored.count() == 13 and not stored.filter(sample=True).exists()
    # the portal: the indicator's page with status, grade, reason, rule and chart, in ja and en
    page = client.get(f"/nagasaki/dx-plan/{VERSION}/indicators/1-1/").content.decode()
    assert "順調" in page and "目標の進捗率40%、期間経過率33%" in page
    assert "<svg" in page and 'role="img"' in page and "1-1の要因（試験入力）" in page
    english = client.get(f"/en/nagasaki/dx-plan/{VERSION}/indicators/1-1/").content.decode()
    assert "On track" in english and "40% of the way to the target with 33%" in english
    listed = client.get(f"/nagasaki/dx-plan/{VERSION}/indicators/").content.decode()
    assert entered[("1-1", "total")] == "41.8%" and "41.8%" in listed
    home = client.get("/nagasaki/dx-plan/").content.decode()
    assert 'aria-labelledby="progress"' in home  # the summary of the statuses
    assert "indicators/?status=on_track" in home  # each count links to its indicators
    assert "サンプルデータ" not in home  # these are the city's own figures
    # the API: the year assessed per series, the indicator's status and grade, the summary
    api = client.get(f"/api/v1/plans/{PLAN}/versions/{VERSION}/indicators/1-1").json()
    [series] = api["series"]
    [year] = series["assessments"]
    assert (year["fiscal_year"], year["status"], year["value"]) == (2025, "on_track", 41.8)
    assert year["achievement"] == 0.40146  # (41.8 − 36.3) ÷ (50.0 − 36.3), to six places
    assert api["status"] == "on_track" and api["grade"]["label_en"] == "On track"
    summary = client.get(f"/api/v1/progress?plan={PLAN}&version={VERSION}&fiscal_year=R7").json()
    assert (summary["total"], summary["fiscal_year"], summary["sample"]) == (12, 2025, False)
    assert sum(summary["counts"].values()) == 12 and summary["counts"]["no_data"] == 0
    for status in ("on_track", "acceleration_needed", "limited_progress", "deteriorating"):
        assert summary["counts"][status] >= 1, status
