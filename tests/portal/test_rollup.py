"""Progress roll-ups on the public site: the plan home's summary by status, the counts per field
and policy on the policy tree and on node pages, and the indicator list filtered by status."""

import re
import shutil

import pytest

from tests import world
from tests.portal.test_public_pages import FOOTER

pytestmark = pytest.mark.django_db

HOME = "/nagasaki/dx-plan/"
TREE = "/nagasaki/dx-plan/2025-2027/"
LIST = "/nagasaki/dx-plan/2025-2027/indicators/"


@pytest.fixture
def sample():
    """Nagasaki's fictitious actuals, published, as `make demo` loads them."""
    from dxplan.io.actuals_files import read_actuals
    from dxplan.io.actuals_import import import_actuals

    rows, problems = read_actuals(world.ROOT / "data" / "nagasaki-sample" / "actuals.csv")
    import_actuals(rows, actor="tests", problems=problems, publish=True)


def text(html: str) -> str:
    """The page's text, tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, heading_id: str = "progress") -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def rows_of(html: str) -> dict[str, str]:
    """Status code → the text of its row in the summary table."""
    return {
        code: text(row)
        for code, row in re.findall(
            r'<tr><th scope="row"><span class="progress-status is-(\w+)">(.*?)</tr>', html, re.S
        )
    }


def test_the_home_page_counts_the_current_versions_indicators_by_status_in_words(client, sample):
    summary = section(client.get("/en" + HOME).content.decode())
    rows = rows_of(summary)
    assert list(rows) == [
        "achieved",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deteriorating",
        "uncertain",
        "no_data",
    ]
    assert rows["achieved"].split()[:2] == ["Achieved", "2"]
    assert rows["on_track"].split()[:3] == ["On", "track", "3"]
    assert "25%" in rows["on_track"]
    assert "(12 in all)" in text(summary) and "Revised plan" in text(summary)
    assert "Sample data, not real" in summary


def test_each_count_on_the_home_page_links_to_the_list_of_those_indicators(client, sample):
    summary = section(client.get("/en" + HOME).content.decode())
    links = dict(
        re.findall(
            r'href="/en/nagasaki/dx-plan/2025-2027/indicators/\?status=(\w+)">(\d+)', summary
        )
    )
    assert links == {
        "achieved": "2",
        "on_track": "3",
        "acceleration_needed": "3",
        "limited_progress": "1",
        "deteriorating": "1",
        "uncertain": "1",
        "no_data": "1",
    }
    for code, count in links.items():
        listed = client.get(f"/en{LIST}?status={code}").content.decode()
        assert listed.count('<th scope="row"') == int(count), code
        assert f"{count} of 12" in text(listed)


def test_a_status_no_indicator_has_is_counted_zero_and_not_linked(client):
    summary = section(client.get("/en/minato/smart-town/").content.decode())
    rows = rows_of(summary)
    assert "No data yet 2 " in rows["no_data"] and rows["no_data"].strip().endswith("100%")
    assert rows["achieved"].split() == ["Achieved", "0", "0%"]
    assert "?status=achieved" not in summary and "?status=no_data" in summary
    assert "Sample data" not in summary  # no sample figure went into them


def test_the_home_page_summary_is_in_japanese_on_the_japanese_site(client, sample):
    summary = section(client.get(HOME).content.decode())
    assert "成果指標の進み具合" in summary
    assert "達成" in rows_of(summary)["achieved"] and "サンプルデータ（架空）" in summary


def test_a_real_published_actual_is_counted_without_a_sample_notice(client):
    from decimal import Decimal

    from dxplan.indicators import actions
    from dxplan.indicators.models import Series

    series = Series.objects.get(
        indicator__measure__version__slug="2025-2027", indicator__code="1-2"
    )
    draft = actions.record_actual(series, 2025, Decimal("54.0"), actor="tests")
    assert rows_of(section(client.get(HOME).content.decode()))["no_data"].split()[1] == "12"
    actions.publish_actual(draft, actor="tests")
    html = client.get(HOME).content.decode()
    rows = rows_of(section(html))
    assert rows["on_track"].split()[1] == "1" and rows["no_data"].split()[1] == "11"
    assert "サンプルデータ（架空）" not in html


def test_the_policy_tree_shows_the_counts_of_each_field_and_policy(client, sample):
    html = client.get("/en" + TREE).content.decode()
    field = html[html.index('<li class="node node-field">') :]
    field = field[: field.index('<li class="node node-vision">')]
    assert "Living" in field
    assert text(field[field.index('<ul class="rollup-counts"') :]).split() == [
        "On", "track", "1", "Limited", "progress", "1", "Uncertain", "1",
    ]  # fmt: skip
    items = re.findall(
        r'<li class="node node-(\w+)">(.*?)(?=<li class="node|</ul>\s*</li>)', html, re.S
    )
    counted = {kind for kind, body in items if "rollup-counts" in body}
    assert counted == {"field", "policy"}  # not the domains, visions or measures
    summary = section(html)
    assert "Sample data, not real" in summary and "(12 in all)" in text(summary)
    assert f'href="/en{LIST}?status=achieved"' in summary


def test_a_page_of_a_long_policy_tree_counts_the_whole_version_not_the_page(
    client, sample, monkeypatch
):
    from dxplan.plans import queries

    monkeypatch.setattr(queries, "TREE_PAGE_SIZE", 10)
    html = client.get(f"/en{TREE}?page=2").content.decode()
    assert "(12 in all)" in text(section(html))


def test_the_indicator_list_filtered_by_status_keeps_its_pages(client, sample, monkeypatch):
    from dxplan.portal import views

    monkeypatch.setattr(views, "INDICATORS_PER_PAGE", 2)
    first = client.get(f"/en{LIST}?status=on_track").content.decode()
    assert "Showing the indicators with the status On track: 3 of 12." in text(first)
    assert "Page 1 of 2: indicators 1–2 of 3" in first
    assert '<a href="?status=on_track&amp;page=2" rel="next">Next page</a>' in first
    second = client.get(f"/en{LIST}?status=on_track&page=2").content.decode()
    assert second.count('<th scope="row"') == 1
    codes = re.findall(r"indicators/([0-9-]+)/\">", first + second)
    assert codes == ["1-2", "2-2", "5-2"]
    assert f'href="/en{LIST}">Show every indicator</a>' in first


def test_an_unknown_status_lists_every_indicator(client, sample):
    html = client.get(f"/en{LIST}?status=splendid").content.decode()
    assert html.count('<th scope="row"') == 12 and "Showing the indicators" not in html


def test_a_status_no_indicator_has_lists_none_and_says_so(client):
    html = client.get(f"/en{LIST}?status=achieved").content.decode()
    assert "No indicator of this version has this status." in html
    assert "0 of 12" in text(html)


def test_a_node_page_of_a_level_above_the_indicators_counts_them_per_child(client, tmp_path):
    """A plan whose upper level (基本目標) has pages: each goal's page counts its measures'
    indicators, one row per measure (施策), and in all."""
    folder = tmp_path / "sakura"
    shutil.copytree(world.SAKURA, folder)
    plan = folder / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "    page: false\n    indicators: false", "    page: true\n    indicators: false", 1
        ),
        encoding="utf-8",
    )
    world.load(folder)
    html = client.get("/en/sakura/digital-plan/2025-2029/goal/1/").content.decode()
    table = section(html)
    assert "Progress of the outcome indicators under it" in table
    rows = re.findall(r'<tr><th scope="row">(.*?)</tr>', table, re.S)
    assert [text(r).split()[0:2] for r in rows[:-1]] == [["Measure", "1-1"], ["Measure", "1-2"]]
    total = text(re.search(r"<tfoot>(.*?)</tfoot>", table, re.S).group(1)).split()
    assert total[0] == "Total" and total[-1] == "2"
    headers = re.findall(
        r'<th scope="col" class="num"><span class="progress-status is-(\w+)">', table
    )
    assert len(headers) == 7  # every status, in words, as a column


def test_a_measure_page_has_no_roll_up_of_its_own_indicator(client):
    html = client.get("/nagasaki/dx-plan/2025-2027/measures/1-1/").content.decode()
    assert 'aria-labelledby="progress"' not in html


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        ("{plan}/", 6 + FOOTER),  # as pinned in test_public_pages.py
        ("{plan}/2025-2027/", 8 + FOOTER),
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 how many indicators, 6 how many
        # in the status (by their latest standing), then a page of those: 7 with measure, plan,
        # survey question and department, 8 their survey options, 9 series, 10 observations
        ("{plan}/2025-2027/indicators/?status=on_track", 10 + FOOTER),
    ],
)
def test_the_roll_ups_take_the_same_queries_on_a_plan_of_150_measures(
    client, django_assert_num_queries, tmp_path, page, queries, sample
):
    """Nagasaki with its sample actuals, so that it has indicators on track to list too."""
    from benchmarks.large_plans import write_large_plan

    world.load(write_large_plan(tmp_path / "large", 150))  # 465 nodes: one page of the tree
    with django_assert_num_queries(queries):
        response = client.get(page.format(plan="/large-city/dx-plan"))
    assert response.status_code == 200
    with django_assert_num_queries(queries):
        assert client.get(page.format(plan="/nagasaki/dx-plan")).status_code == 200


def test_the_home_page_draws_the_counts_as_bars_named_in_words_the_table_restating_them(
    client, sample
):
    html = client.get("/en" + HOME).content.decode()
    figure = html[html.index('<figure class="chart" role="img"') :]
    figure = figure[: figure.index("</figure>")]
    assert 'aria-labelledby="progress-chart"' in figure and "<svg" in figure
    assert "the table below gives the same counts" in figure
    for name in ("Achieved", "On track", "No data yet"):
        assert f">{name}</text>" in figure  # each bar named on its axis, not told by colour


def test_the_status_chart_is_the_same_in_every_locale(settings):
    from django.utils import translation

    from dxplan.charts.render import svg
    from dxplan.charts.rollup import Labels, status_chart

    settings.USE_THOUSAND_SEPARATOR = True
    rows = [("Achieved", 1234), ("On track", 0)]
    drawn = {}
    for language in ("ja", "de"):  # German writes 1.234 and 0,5
        with translation.override(language):
            drawn[language] = svg(status_chart(rows, Labels("Indicators")))
    assert drawn["ja"] == drawn["de"]
    assert ">1234</text>" in drawn["ja"]
