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
from tests.portal.test_public_pages import FOOTER

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


def test_text_in_the_csv_download_never_starts_a_formula_and_negative_numbers_stay_numbers(
    client,
):
    from dxplan.indicators.actions import update_indicator

    update_indicator(series("1-1").indicator, {"unit": "=1+2"}, actor="test")  # as in the admin
    published("1-1", 2025, "-3.5")
    text = client.get(PAGE.format(code="1-1") + "data.csv").content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["unit"], row["value"], row["indicator"]) == ("'=1+2", "-3.5", "1-1")
    assert float(row["achievement"]) < 0  # a number, not text: no quote before its minus
    data = json.loads(client.get(PAGE.format(code="1-1") + "data.json").content)
    assert data["observations"][0]["unit"] == "=1+2"  # JSON has types: the text as it is


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
    # department, 5 survey options, 6 series, 7 published observations, 8 the indicators that
    # continue it (links to its successors), 9 levels, 10 the reporting rounds that ask for its
    # figures (an overdue one is marked)
    with django_assert_num_queries(10 + FOOTER):
        assert client.get(PAGE.format(code="1-1")).status_code == 200


def test_a_town_of_another_shape_has_indicator_pages_too(client):
    world.load(world.SAKURA)
    html = client.get("/sakura/digital-plan/2025-2029/indicators/").content.decode()
    assert "/sakura/digital-plan/2025-2029/indicators/" in html


# A plan's own grades and an indicator's history across versions (はまな町, tests/fixtures/hamana)

HAMANA = "/hamana/dx/{version}/indicators/{code}/"


def hamana(client, code: str, version: str = "2025-2027", en: bool = False) -> str:  # type: ignore[no-untyped-def]
    world.load(world.HAMANA)
    path = ("/en" if en else "") + HAMANA.format(version=version, code=code)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_gives_the_plans_own_grade_and_prints_the_plans_rule(client):
    html = hamana(client, "1-1")  # 40.0% in R7 from 26.0% towards 50.0%: p = 0.58, on track
    assert 'class="mark"></span>C</span>' in html
    assert "順調: 目標の進捗率58%、期間経過率33%。" in html
    assert "この計画の評価区分（はまな町方式（A～D））" in html
    assert "<dt>A</dt><dd>進捗率 p ≥ 100%</dd><dt>B</dt><dd>進捗率 p ≥ 80%</dd>" in html
    assert "<dt>C</dt><dd>進捗率 p ≥ 50% （この指標の評価）</dd>" in html


def test_a_status_the_plans_scale_does_not_grade_shows_as_the_status_itself(client):
    html = hamana(client, "3-1")  # no data yet, and はまな町 gives no grade to no data
    assert '<p class="progress-status is-no_data">' in html
    assert 'class="mark"></span>実績なし</span>' in html


def test_an_indicator_by_growth_rate_and_mean_pace_says_so_and_is_graded_by_it(client):
    html = hamana(client, "2-1", en=True)
    # domestic grows 10% a year as needed (on track), overseas 3% of 10% (limited progress):
    # the mean pace 0.65 needs acceleration, where the worst series would say limited progress
    assert '<p class="progress-status is-acceleration_needed">' in html
    assert 'class="mark"></span>D</span>' in html
    assert "Growth-rate method (Open SDG&#x27;s)" in html
    assert "0 ≤ growth ratio g &lt; 0.6" in html
    assert "comes from the mean of its 2 series&#x27; paces" in html
    assert (
        "<td>1.00</td><td>On track</td>" in html
        and "<td>0.30</td><td>Limited progress</td>" in html
    )


def test_the_worst_series_rule_is_printed_for_an_indicator_of_several_series(client):
    html = client.get("/en" + PAGE.format(code="4-1")).content.decode()
    assert "The indicator&#x27;s status is the worst of its 2 series&#x27; statuses." in html


def test_a_continuing_indicator_shows_the_previous_plans_series_in_a_table_and_chart(client):
    html = hamana(client, "1-1")
    assert '<h2 id="earlier-heading">前の計画（2022-2024）の系列</h2>' in html
    older = html[html.index('id="earlier-heading"') :]
    assert "<td>基準値</td><td>10.0%</td>" in older and "<td>実績値</td><td>26.0%</td>" in older
    assert "<td>目標値</td><td>30.0%</td>" in older
    assert 'href="/hamana/dx/2022-2024/indicators/1-1/"' in html
    figure = html[html.index('<figure class="chart"') : html.index("</figure>")]
    assert "#2e7d32" in figure  # the older series, drawn in green
    assert ">R3</text>" in figure  # the axis reaches back to its baseline year
    # the older figures do not count: the status is that of 40.0% against the new series
    assert "目標の進捗率58%" in html


def test_the_previous_plans_indicator_links_to_its_successor(client):
    html = hamana(client, "1-1", version="2022-2024", en=True)
    assert "This indicator is continued in Phase 2 (FY2025–2027):" in html
    assert 'href="/en/hamana/dx/2025-2027/indicators/1-1/"' in html
    assert 'id="earlier-heading"' not in html


def test_each_series_is_drawn_with_the_older_series_of_the_same_key(client):
    html = hamana(client, "2-1", en=True)
    assert html.count("Series of the previous plan (2022-2024) (green squares") == 2
    assert "2-1 Visitors (Overseas)</caption>" in html


def test_the_downloads_carry_the_older_figures_marked_and_unassessed(client):
    world.load(world.HAMANA)
    page = HAMANA.format(version="2025-2027", code="1-1")
    data = json.loads(client.get(page + "data.json").content)
    assert data["continues"] == "hamana/dx/2022-2024/1-1"
    assert data["status"] == "on_track"
    rows = [
        (r["version"], r["earlier"], r["fiscal_year"], r["status"]) for r in data["observations"]
    ]
    assert rows == [
        ("2025-2027", False, 2025, "on_track"),
        ("2022-2024", True, 2022, None),
        ("2022-2024", True, 2023, None),
        ("2022-2024", True, 2024, None),
    ]
    text = client.get(page + "data.csv").content.decode("utf-8").lstrip("\ufeff")
    records = list(csv.DictReader(io.StringIO(text)))
    assert [(r["earlier"], r["value"]) for r in records] == [
        ("False", "40.0"),
        ("True", "15.0"),
        ("True", "20.0"),
        ("True", "26.0"),
    ]


def test_a_continuing_indicator_reads_its_predecessor_in_three_more_queries(
    client, django_assert_num_queries
):
    world.load(world.HAMANA)
    # the 10 of an indicator page, then 11 the older indicator with its version, 12 its series,
    # 13 their published observations
    with django_assert_num_queries(13 + FOOTER):
        assert client.get(HAMANA.format(version="2025-2027", code="1-1")).status_code == 200


def hamana_overseas() -> Series:
    """はまな町's 2-1 overseas series: the growth-rate method, 1,000 → 1,331 people."""
    world.load(world.HAMANA)
    return Series.objects.get(
        indicator__measure__version__plan__slug="dx",
        indicator__measure__version__slug="2025-2027",
        indicator__code="2-1",
        key="overseas",
    )


def test_a_figure_the_growth_rate_cannot_take_turns_its_series_to_the_linear_method(client):
    overseas = hamana_overseas()
    figure = record_actual(overseas, 2026, Decimal("0"), actor="test")  # none came
    publish_actual(figure, actor="test")
    html = client.get("/en" + HAMANA.format(version="2025-2027", code="2-1")).content.decode()
    assert "The values of the series Overseas are not all above zero" in html
    assert "<td>Deteriorating</td>" in html


def test_an_older_series_whose_target_lies_beyond_the_new_one_is_drawn_to_that_year(client):
    world.load(world.HAMANA)
    older = Series.objects.filter(
        indicator__measure__version__plan__slug="dx",
        indicator__measure__version__slug="2022-2024",
        indicator__code="1-1",
    )
    older.update(target_year=2029)  # R11: after the revised series' R9
    html = client.get(HAMANA.format(version="2025-2027", code="1-1")).content.decode()
    assert "<svg" in html and "R11" in html


def test_a_growth_rate_target_equal_to_its_baseline_gives_no_pace_but_valid_downloads(client):
    overseas = hamana_overseas()
    Series.objects.filter(pk=overseas.pk).update(target_value=overseas.baseline_value)
    publish_actual(record_actual(overseas, 2026, Decimal("1100"), actor="test"), actor="test")
    page = HAMANA.format(version="2025-2027", code="2-1")
    html = client.get(page).content.decode()
    assert "inf" not in html.lower().replace("information", "")

    def no_infinity(constant: str) -> None:
        raise AssertionError(f"not JSON: {constant}")

    data = json.loads(client.get(page + "data.json").content, parse_constant=no_infinity)
    later = [r for r in data["observations"] if r["series"] == "overseas" and r["status"]]
    assert later and all(r["pace"] is None for r in later)
    assert ",inf," not in client.get(page + "data.csv").content.decode("utf-8-sig").lower()
