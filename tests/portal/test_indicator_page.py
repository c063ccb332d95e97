"""Each indicator's own page: status and grade with the reason in words and the rule, a chart
per series with its data table, the definition, and downloads of its figures."""

import csv
import io
import json
from decimal import Decimal

import pytest

from dxplan.indicators.actions import publish_actual, record_actual
from dxplan.indicators.models import Series
from tests import world

pytestmark = pytest.mark.django_db

PAGE = "/nagasaki/dx-plan/2025-2027/indicators/{code}/"


def series(code: str, key: str = "total") -> Series:
    return Series.objects.get(
        indicator__measure__version__slug="2025-2027", indicator__code=code, key=key
    )


def published(code: str, year: int, value: str, key: str = "total", **options) -> None:
    figure = record_actual(series(code, key), year, Decimal(value), actor="test", **options)
    publish_actual(figure, actor="test")


def test_without_actuals_the_page_says_there_is_no_data_yet_and_prints_the_rule(client):
    html = client.get(PAGE.format(code="1-1")).content.decode()
    assert '<p class="progress-status is-no_data">' in html and "実績なし" in html
    assert "公表された実績はまだありません" in html
    assert "判定の基準" in html and "0.6 ≤ 進捗の速さ r &lt; 0.95" in html
    assert 'role="img"' in html and "<svg" in html  # baseline and target are drawn already


def test_a_published_actual_gives_status_grade_reason_chart_and_table(client):
    published("1-1", 2025, "40.0", analysis_ja="講座の参加者が増えた")
    html = client.get(PAGE.format(code="1-1")).content.decode()
    assert '<p class="progress-status is-acceleration_needed">' in html
    assert "加速が必要" in html and "目標の進捗率27%、期間経過率33%。" in html
    assert "<td>40.0%</td><td></td><td>27%</td><td>0.81</td><td>加速が必要</td>" in html
    assert 'aria-describedby="series-1-summary"' in html
    assert "令和7年度 要因分析" in html and "講座の参加者が増えた" in html
    english = client.get("/en" + PAGE.format(code="1-1")).content.decode()
    assert "27% of the way to the target with 33% of the time elapsed." in english
    assert "Acceleration needed" in english


def test_a_draft_is_not_shown_until_it_is_published(client):
    record_actual(series("1-1"), 2025, Decimal("40.0"), actor="test")
    assert "is-no_data" in client.get(PAGE.format(code="1-1")).content.decode()


def test_an_interval_whose_ends_disagree_is_uncertain_on_the_page(client):
    published("1-1", 2025, "40.0", lower=Decimal("38.1"), upper=Decimal("41.9"))
    html = client.get(PAGE.format(code="1-1")).content.decode()
    assert "is-uncertain" in html and "判定保留" in html
    assert "38.1% – 41.9%" in html and "区間の両端で判定が分かれます: 進捗が遅い・順調" in html


def test_an_indicator_of_two_series_shows_each_and_the_worst_overall(client):
    published("4-1", 2025, "1000000", key="domestic")
    html = client.get("/en" + PAGE.format(code="4-1")).content.decode()
    assert html.count('<figure class="chart" role="img"') == 2
    assert "is-no_data" in html  # the overseas series has no actual yet


def test_three_points_give_a_forecast_with_its_interval(client):
    published("1-1", 2025, "41.0")
    published("1-1", 2026, "45.0")
    html = client.get("/en" + PAGE.format(code="1-1")).content.decode()
    assert "Forecast for FY2027 by a straight-line trend: 49.5% (80% prediction interval" in html
    assert "whether the target is reached is uncertain" in html


def test_the_figures_download_as_csv_for_excel_and_as_json(client):
    published("1-1", 2025, "40.0")
    response = client.get(PAGE.format(code="1-1") + "data.csv")
    assert response["Content-Disposition"].endswith('2025-2027-1-1.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert (row["value"], row["status"], row["baseline"], row["target"]) == (
        "40.0",
        "acceleration_needed",
        "36.3",
        "50.0",
    )
    data = json.loads(client.get(PAGE.format(code="1-1") + "data.json").content)
    assert data["status"] == "acceleration_needed"
    assert data["observations"][0]["achievement"] == 0.270073
    assert client.get(PAGE.format(code="1-1") + "data.xml").status_code == 404


def test_unknown_indicators_are_404_and_every_indicator_links_to_its_page(client):
    assert client.get(PAGE.format(code="9-9")).status_code == 404
    listing = client.get("/nagasaki/dx-plan/2025-2027/indicators/").content.decode()
    for code in ["1-1", "3-1", "4-1", "5-3"]:
        assert f'href="{PAGE.format(code=code)}"' in listing
    measure = client.get("/nagasaki/dx-plan/2025-2027/measures/1-1/").content.decode()
    assert f'href="{PAGE.format(code="1-1")}"' in measure


def test_cumulative_is_said_once_on_the_indicator_list(client):
    listing = client.get("/nagasaki/dx-plan/2025-2027/indicators/").content.decode()
    assert "[累計] (累計)" not in listing


def test_the_page_takes_the_same_queries_however_many_actuals(client, django_assert_num_queries):
    published("1-1", 2025, "40.0")
    published("1-1", 2026, "44.0")
    # 1 the plan, 2 its versions, 3 the version, 4 the indicator with measure, plan, question and
    # department, 5 survey options, 6 series, 7 published observations, 8 levels
    with django_assert_num_queries(8):
        assert client.get(PAGE.format(code="1-1")).status_code == 200


def test_a_town_of_another_shape_has_indicator_pages_too(client):
    world.load(world.SAKURA)
    html = client.get("/sakura/digital-plan/2025-2029/indicators/").content.decode()
    assert "/sakura/digital-plan/2025-2029/indicators/" in html
