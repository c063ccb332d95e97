"""Any city's plan shape on every page: level names, pages, vision year; provisional figures
and the editors' inferences labelled in words."""

import re

import pytest

from tests.portal.sakura import PLAN, VERSION, sakura  # noqa: F401 - the fixture
from tests.portal.test_public_pages import FOOTER

pytestmark = pytest.mark.django_db

NAGASAKI = "/nagasaki/dx-plan"
MINATO = "/minato/smart-town"
SAKURA_PAGES = [
    f"{PLAN}/",
    f"{VERSION}/",
    f"{VERSION}/shisaku/1-1/",
    f"{VERSION}/shisaku/2-1/",
    f"{VERSION}/indicators/",
    f"{PLAN}/about/",
    f"{PLAN}/surveys/",
]
DEFAULT_LEVEL_WORDS = ("2030", "基本施策", "基本方針", "主な取組", "領域", "分野")
DEFAULT_LEVEL_WORDS_EN = ("2030", "basic measure", "basic policy", "main initiative", "field")


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def words_of(html: str) -> str:
    """The text a reader sees (no tags, no attributes)."""
    return re.sub(r"<[^>]+>", " ", main_of(html))


# A plan with its own levels: 基本目標 → 施策 → 事業, vision year 2035


@pytest.mark.parametrize("path", SAKURA_PAGES)
@pytest.mark.parametrize(("prefix", "lang"), [("", "ja"), ("/en", "en")])
def test_a_town_with_its_own_levels_renders_every_page(client, sakura, path, prefix, lang):  # noqa: F811
    html = page(client, prefix + path)
    assert f'<html lang="{lang}">' in html
    assert "<script" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("path", SAKURA_PAGES)
def test_its_pages_use_its_level_names_and_never_the_default_ones(client, sakura, path):  # noqa: F811
    japanese = words_of(page(client, path))
    english = words_of(page(client, "/en" + path)).lower()
    for word in DEFAULT_LEVEL_WORDS:
        assert word not in japanese, (path, word)
    for word in DEFAULT_LEVEL_WORDS_EN:
        assert word not in english, (path, word)


def test_its_home_page_names_its_goals_measures_and_vision_year(client, sakura):  # noqa: F811
    html = main_of(page(client, f"{PLAN}/"))
    assert "基本目標: 安心して暮らせる町" in html
    assert f'href="{VERSION}/shisaku/1-1/"' in html
    assert "2035年" in html
    english = main_of(page(client, f"/en{PLAN}/"))
    assert "Basic goal: A town where people live with peace of mind" in english
    assert "2035" in english
    assert "Each version sets every measure for one phase of the plan." in english


def test_its_policy_system_labels_each_node_with_its_level(client, sakura):  # noqa: F811
    html = page(client, f"{VERSION}/")
    kinds = re.findall(r'<span class="kind">([^<]+)</span>', html)
    first = ["基本目標", "施策", "事業", "事業", "施策", "事業"]
    second = ["基本目標", "施策", "事業", "事業"]
    assert kinds == first + second
    links = set(re.findall(r'href="/sakura/digital-plan/2025-2029/([a-z]+/[0-9-]+)/"', html))
    assert links == {"shisaku/1-1", "shisaku/1-2", "shisaku/2-1"}
    english = page(client, f"/en{VERSION}/")
    assert '<span class="kind">Basic goal</span>' in english
    assert '<span class="kind">Project</span>' in english


def test_a_page_of_its_measure_like_level_reads_naturally(client, sakura):  # noqa: F811
    html = main_of(page(client, f"{VERSION}/shisaku/1-1/"))
    assert '<p class="kicker">施策 1-1 ·' in html
    assert "<dt>基本目標</dt><dd>安心して暮らせる町</dd>" in html
    assert '<h2 id="children-jigyo">事業</h2>' in html
    assert "見守りセンサーの設置" in html
    assert "30.0%" in html and "60.0%" in html and "令和11年度" in html
    english = main_of(page(client, f"/en{VERSION}/shisaku/1-1/"))
    assert '<p class="kicker">Measure 1-1 ·' in english
    assert "<dt>Basic goal</dt>" in english
    assert '<h2 id="children-jigyo">Project</h2>' in english


def test_only_levels_with_pages_have_pages(client, sakura):  # noqa: F811
    assert client.get(f"{VERSION}/goal/1/").status_code == 404
    assert client.get(f"{VERSION}/jigyo/1-1-1/").status_code == 404
    assert client.get(f"{VERSION}/shisaku/9-9/").status_code == 404
    assert client.get(f"{VERSION}/measures/1-1/").status_code == 404  # it has no level "measure"


def test_its_indicator_list_is_headed_by_its_own_level(client, sakura):  # noqa: F811
    html = main_of(page(client, f"{VERSION}/indicators/"))
    assert '<th scope="col">施策</th>' in html
    assert "施策ごとの成果指標" in html
    assert html.count(f'href="{VERSION}/shisaku/') == 3
    english = main_of(page(client, f"/en{VERSION}/indicators/"))
    assert "The outcome indicators of each measure" in english


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # the same queries as Nagasaki's pages (tests/portal/test_public_pages.py): 1 the plan,
        # 2 its versions, 3 its levels, 4 the latest version's nodes, and for the progress
        # summary 5 indicators, 6 their standings
        pytest.param(f"{PLAN}/", 6 + FOOTER, id="plan-home"),
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 the ids and parents of its
        # nodes (their reading order), 6 the page's nodes; for the counts per goal 7 indicators,
        # 8 their standings
        pytest.param(f"{VERSION}/", 8 + FOOTER, id="policy-tree"),
        # 1 the plan, 2 its versions, 3 levels, 4 the version; 5 the ids of its nodes, then the
        # node's ancestors and subtree: 6 nodes with departments, 7 indicators with measure,
        # plan, survey question and department, 8 their survey options, 9 series, 10 published
        # observations, 11 evaluations; then 12 predecessors with their nodes and versions,
        # 13 successors likewise
        pytest.param(f"{VERSION}/shisaku/1-1/", 13 + FOOTER, id="node-of-its-own-level"),
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 how many indicators, 6 a page
        # of them with measure, plan, survey question and department, 7 their survey options,
        # 8 series, 9 observations
        pytest.param(f"{VERSION}/indicators/", 9 + FOOTER, id="indicators"),
        # 1 the plan, 2 its versions, 3 the latest version's fields, 4 milestones, 5 trends
        pytest.param(f"{PLAN}/about/", 6 + FOOTER, id="about"),  # 6: any reporting round
        # 1 the plan, 2 its versions, 3 surveys: it has none, so no questions are read
        pytest.param(f"{PLAN}/surveys/", 3 + FOOTER, id="surveys"),
    ],
)
def test_its_pages_take_as_many_queries_as_nagasakis(
    client,
    sakura,  # noqa: F811
    django_assert_num_queries,
    path,
    queries,
):
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


# The default shape keeps its pages and words; the vision year comes from the plan


def test_default_plans_keep_their_measure_urls_and_no_other_level_has_pages(client):
    assert client.get(f"{NAGASAKI}/2025-2027/measures/1-1/").status_code == 200
    assert client.get(f"{NAGASAKI}/2025-2027/measure/1-1/").status_code == 404
    assert client.get(f"{NAGASAKI}/2025-2027/policy/1/").status_code == 404


def test_nagasakis_pages_show_its_vision_year(client):
    home = main_of(page(client, f"{NAGASAKI}/"))
    assert "領域・分野と2030年のめざす姿" in home
    assert "<br>2030年のめざす姿: 人と人とがつながり、便利で暮らしやすいまち" in home
    english = main_of(page(client, f"/en{NAGASAKI}/"))
    assert "Domains, fields and 2030 visions" in english
    assert "<br>2030 vision: A convenient, liveable city" in english
    measure = main_of(page(client, f"{NAGASAKI}/2025-2027/measures/1-1/"))
    assert "<dt>2030年のめざす姿</dt>" in measure
    assert '<p class="kicker">基本施策 1-1 ·' in measure
    assert '<h2 id="children-initiative">主な取組</h2>' in measure
    assert "2030年の社会や暮らしの姿" in page(client, f"{NAGASAKI}/about/")


def test_a_plan_without_a_vision_year_shows_none(client):
    from dxplan.plans.models import Plan

    Plan.objects.filter(slug="dx-plan").update(vision_year=None)
    home = main_of(page(client, f"{NAGASAKI}/"))
    assert "領域・分野とめざす姿" in home
    assert "2030年のめざす姿" not in home
    assert "<dt>めざす姿</dt>" in page(client, f"{NAGASAKI}/2025-2027/measures/1-1/")
    about = page(client, f"{NAGASAKI}/about/")
    assert "将来の社会や暮らしの姿" in about and "2030年の社会や暮らしの姿" not in about
    english = main_of(page(client, f"/en{MINATO}/"))
    assert "Domains, fields and visions" in english and "2030" not in english


# 速報値: provisional figures are marked in words


def test_provisional_actuals_are_marked_as_such_in_words(client):
    from dxplan.indicators.models import Observation

    url = f"{MINATO}/first/measures/1-1/"
    assert "速報値" not in page(client, url)
    Observation.objects.filter(series__indicator__code="1-1", fiscal_year=2024).update(
        provisional=True
    )
    assert '18.5%<span class="provisional">（速報値）</span>' in page(client, url)
    assert '18.5%<span class="provisional"> (provisional)</span>' in page(client, "/en" + url)


def test_the_towns_provisional_figure_reads_naturally(client, sakura):  # noqa: F811
    assert '40.2%<span class="provisional">（速報値）</span>' in page(
        client, f"{VERSION}/shisaku/1-1/"
    )
    assert '40.2%<span class="provisional"> (provisional)</span>' in page(
        client, f"/en{VERSION}/shisaku/1-1/"
    )


# 編集部による推定: the editors' inferences are labelled


def test_every_reconstructed_mapping_link_is_labelled_as_the_editors_inference(client):
    html = page(client, f"{NAGASAKI}/compare/")
    assert html.count('<span class="attribution">（編集部による推定）</span>') == 16
    english = page(client, f"/en{NAGASAKI}/compare/")
    assert english.count("(Inferred by the editors)") == 16
    assert "編集部による推定" not in page(client, f"{MINATO}/compare/")


def test_measure_pages_give_the_mapping_reasoning_with_whose_it_is(client):
    html = main_of(page(client, f"{NAGASAKI}/2022-2024/measures/1-1/"))
    lineage = html[html.index('id="lineage"') :]
    assert "根拠: 現行1-1の成果" in lineage
    assert "（編集部による推定）" in lineage
    minato = main_of(page(client, f"{MINATO}/second/measures/1-1/"))
    assert "根拠: オンライン申請の拡大を引き継ぐ。" in minato
    assert "編集部による推定" not in minato


def test_inferred_indicator_definitions_and_departments_are_labelled(client):
    html = main_of(page(client, f"{NAGASAKI}/2025-2027/measures/1-1/"))
    assert (
        '<summary>指標の定義<span class="attribution">（編集部による推定）</span></summary>' in html
    )
    assert 'デジタル戦略課<span class="attribution">（編集部による推定）</span>' in html
    english = main_of(page(client, f"/en{NAGASAKI}/2025-2027/measures/1-1/"))
    assert (
        'Digital Strategy Division<span class="attribution"> (Inferred by the editors)' in english
    )
    minato = main_of(page(client, f"{MINATO}/second/measures/1-1/"))
    assert "<summary>指標の定義</summary>" in minato
    assert "編集部による推定" not in minato


def test_an_inferred_owning_department_of_a_node_is_labelled(client, sakura):  # noqa: F811
    html = main_of(page(client, f"{VERSION}/shisaku/1-1/"))
    assert (
        '<dt>所管課</dt><dd>福祉課<span class="attribution">（編集部による推定）</span></dd>'
        in html
    )
    city = main_of(page(client, f"{VERSION}/shisaku/1-2/"))
    assert "<dt>所管課</dt><dd>総務課</dd>" in city
