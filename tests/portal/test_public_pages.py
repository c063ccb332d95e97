"""The public site: every page type, in Japanese and English, server-rendered."""

import re

import pytest

from tests import world

pytestmark = pytest.mark.django_db

BASE = "/nagasaki/dx-plan"
PAGES = [
    f"{BASE}/",
    f"{BASE}/2025-2027/",
    f"{BASE}/2022-2024/",
    f"{BASE}/2025-2027/measures/1-1/",
    f"{BASE}/2022-2024/measures/6-3/",
    f"{BASE}/2025-2027/indicators/",
    f"{BASE}/compare/",
    f"{BASE}/compare/2022-2024/2025-2027/",
    f"{BASE}/surveys/",
    f"{BASE}/about/",
    "/",
    "/minato/smart-town/",
    "/minato/smart-town/second/measures/1-1/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("prefix", "lang"), [("", "ja"), ("/en", "en")])
def test_every_page_renders_in_both_languages_with_lang_and_no_script(client, path, prefix, lang):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "<script" not in html
    assert '<a class="skip" href="#main">' in html
    assert html.count("<h1") == 1


def test_the_site_root_lists_every_plan_when_it_holds_several(client):
    html = client.get("/").content.decode()
    assert f'href="{BASE}/"' in html
    assert 'href="/minato/smart-town/"' in html


def test_the_home_page_shows_concept_domains_fields_and_visions(client):
    html = client.get(f"{BASE}/").content.decode()
    assert "「人」が主役のまちづくりを、デジタル技術で加速させる。" in html
    for text in (
        "暮らし",
        "交流",
        "行政",
        "生活",
        "産業",
        "人材",
        "人と人とがつながり、便利で暮らしやすいまち",
    ):
        assert text in html
    assert "見直し案" in html


def test_the_english_home_page_is_in_english(client):
    html = client.get("/en/nagasaki/dx-plan/").content.decode()
    assert "Nagasaki City DX Promotion Plan" in html
    assert "Concept" in html
    assert "Plan period: FY2022 to FY2030" in html


def test_a_measure_page_shows_vision_policy_initiatives_indicator_and_targets(client):
    html = client.get(f"{BASE}/2025-2027/measures/1-1/").content.decode()
    assert "安全・安心で快適な環境の整備" in html
    assert "人と人とがつながり、便利で暮らしやすいまち" in html  # vision
    assert "利用者に寄り添ったサービスを提供します。" in html  # policy
    assert "公共施設へのスマートロックの導入" in html  # initiative
    assert "36.3%" in html and "令和6年度" in html
    assert "50.0%" in html and "令和9年度" in html
    assert 'aria-current="page"' in html


def test_measure_values_are_shown_in_their_unit_and_fiscal_year_in_english(client):
    html = client.get(f"/en{BASE}/2025-2027/measures/2-2/").content.decode()
    assert "45,161 visits" in html and "(FY2023)" in html
    assert "67,000 visits" in html and "(FY2027)" in html
    japanese = client.get(f"{BASE}/2025-2027/measures/2-2/").content.decode()
    assert "45,161件" in japanese and "(令和5年度)" in japanese


def test_a_current_measure_shows_achievements_challenges_and_its_successor(client):
    html = client.get(f"{BASE}/2022-2024/measures/1-1/").content.decode()
    assert "スマホサロン" in html
    assert "主な成果" in html and "課題" in html
    assert f'href="{BASE}/2025-2027/measures/1-3/"' in html


def test_the_policy_tree_links_every_measure(client):
    html = client.get(f"{BASE}/2025-2027/").content.decode()
    links = set(re.findall(r'href="/nagasaki/dx-plan/2025-2027/measures/([0-9-]+)/"', html))
    assert len(links) == 12


def test_the_comparison_lists_every_mapping_with_its_reasoning(client):
    from dxplan.plans.models import VersionMapping

    html = client.get(f"{BASE}/compare/").content.decode()
    assert html.count('class="relation relation-') == 16
    assert '<span class="relation relation-new">新規</span>' in html
    for link in VersionMapping.objects.filter(from_version__plan__slug="dx-plan"):
        assert link.note_ja in html


def test_survey_tables_state_n_and_base(client):
    html = client.get(f"{BASE}/surveys/").content.decode()
    assert "n = 1,008" in html
    assert "n = 478" in html
    assert "12.7%" in html


def test_the_indicator_list_has_every_series(client):
    html = client.get(f"{BASE}/2025-2027/indicators/").content.decode()
    assert html.count("<tr>") == 1 + 13  # header + 12 indicators, 4-1 with two series


def test_the_draft_version_is_labelled_as_a_draft_in_text(client):
    html = client.get(f"{BASE}/2025-2027/").content.decode()
    assert "この版は案です" in html


def test_unknown_pages_are_404(client):
    assert client.get(f"{BASE}/2025-2027/measures/9-9/").status_code == 404
    assert client.get("/nagasaki/no-such-plan/").status_code == 404
    assert client.get(f"{BASE}/1999-2001/").status_code == 404


# Query counts, pinned exactly (STYLE habit 5). Every page is read on Nagasaki (12 measures, two
# versions) and on the small town (2 measures): the same count, so a larger plan adds no query.
# Each comment names the queries in the order they run; "the plan" is plans.queries.plans()
# (with its organisation and whether any version is mapped) and "its versions" the prefetch.
# Prefetches run only when they have something to read: the versions below all have indicators.
# Every plan page adds one query last, for its footer: when the plan's public data last changed
# (audit.queries.last_public_change).
FOOTER = 1
TOWNS = [
    pytest.param(
        {"plan": BASE, "version": "2025-2027", "old": "2022-2024", "new": "2025-2027"},
        id="nagasaki",
    ),
    pytest.param(
        {"plan": "/minato/smart-town", "version": "second", "old": "first", "new": "second"},
        id="small-town",
    ),
]
PAGE_QUERIES = [
    pytest.param(
        "{plan}/",
        # 1 the plan, 2 its versions, 3 its levels, 4 the latest version's nodes (the outline);
        # for its progress summary (indicators.rollup.statuses): 5 its indicators' ids, codes
        # and measures, 6 their standings
        6 + FOOTER,
        id="plan-home",
    ),
    pytest.param(
        "{plan}/{version}/",
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 the ids and parents of its
        # nodes (their reading order), 6 the page's nodes (the outline); for the counts per
        # field and policy (indicators.rollup.version_rollup, with the parents read in 5):
        # 7 the version's indicators' ids, codes and measures, 8 their standings
        8 + FOOTER,
        id="policy-tree",
    ),
    pytest.param(
        "{plan}/{version}/measures/1-1/",
        # 1 the plan, 2 its versions, 3 levels, 4 the version; 5 the ids of its nodes, then the
        # measure's ancestors and subtree: 6 nodes with departments, 7 indicators with measure,
        # plan, survey question and department, 8 their survey options, 9 series, 10 published
        # observations, 11 evaluations; then 12 predecessors with their nodes and versions,
        # 13 successors likewise
        13 + FOOTER,
        id="measure",
    ),
    pytest.param(
        "{plan}/{version}/indicators/",
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 how many indicators, 6 a page
        # of them with measure, plan, survey question and department, 7 their survey options,
        # 8 series, 9 observations
        9 + FOOTER,
        id="indicators",
    ),
    pytest.param(
        "{plan}/compare/",
        # 1 the plan, 2 its versions, 3 the mapped pairs of versions, 4 the old version,
        # 5 the new version, 6 levels, 7 the old version's nodes, 8 the new version's nodes,
        # 9 the links with their nodes
        9 + FOOTER,
        id="compare-latest",
    ),
    pytest.param(
        "{plan}/compare/{old}/{new}/",
        # as compare-latest without 3: 1 the plan, 2 its versions, 3 the old version, 4 the new
        # version, 5 levels, 6 old nodes, 7 new nodes, 8 the links with their nodes
        8 + FOOTER,
        id="compare",
    ),
    pytest.param(
        "{plan}/surveys/",
        # 1 the plan, 2 its versions, 3 surveys, 4 their questions, 5 the questions' options,
        # 6 the indicators that use each question
        6 + FOOTER,
        id="surveys",
    ),
    pytest.param(
        "{plan}/about/",
        # 1 the plan, 2 its versions, 3 the latest version's fields, 4 milestones, 5 trends,
        # 6 whether a reporting round asked for its figures (a link to how it went)
        6 + FOOTER,
        id="about",
    ),
]


@pytest.mark.parametrize("town", TOWNS)
@pytest.mark.parametrize(("page", "queries"), PAGE_QUERIES)
def test_each_page_takes_the_same_number_of_queries_however_large_the_plan(
    client, django_assert_num_queries, page, queries, town
):
    with django_assert_num_queries(queries):
        response = client.get(page.format(**town))
    assert response.status_code == 200


@pytest.mark.parametrize("plans", ["two plans", "three plans"])
def test_the_site_root_takes_two_queries_however_many_plans(
    client, django_assert_num_queries, plans
):
    if plans == "three plans":
        world.load(world.SAKURA)
    # 1 the plans with their organisations and whether they are mapped, 2 their versions
    with django_assert_num_queries(2):
        assert client.get("/").status_code == 200


# One rule, one function (STYLE, "Learned from the first review"): what the pages show is what
# dxplan.core computes, so a copy of a rule that drifts from it fails here.


@pytest.mark.parametrize("town", [world.NAGASAKI_PLAN, world.MINATO_PLAN])
def test_every_share_on_the_survey_page_is_core_surveys_share_as_a_percentage(client, town):
    from dxplan.core.surveys import as_percent, percent, share
    from dxplan.surveys.models import PublishedOption, PublishedSurvey

    org, slug = town
    html = client.get(f"/{org}/{slug}/surveys/").content.decode()
    rows = re.findall(
        r'<td class="num">([\d,]+)</td><td class="num">([\d.,]+)%</td><td><svg[^>]*>'
        r'<rect width="([\d.]+)"',
        html,
    )
    options = PublishedOption.objects.filter(question__survey__plan__slug=slug).order_by(
        "question__survey__position", "question__position", "position"
    )
    expected = [
        (f"{o.count:,}", str(percent(o.count, base)), str(as_percent(share(o.count, base))))
        for o in options.select_related("question")
        for base in [o.question.base]
    ]
    assert rows == expected
    assert rows
    for survey in PublishedSurvey.objects.filter(plan__slug=slug, distributed__isnull=False):
        rate = percent(survey.valid_responses, survey.distributed)
        assert f"response rate {rate}%" in client.get(f"/en/{org}/{slug}/surveys/").content.decode()


@pytest.mark.parametrize("version", ["2022-2024", "2025-2027"])
def test_every_measure_page_lists_the_ancestors_core_plan_rules_finds(client, version):
    import html as markup

    from dxplan.core.plan_rules import ancestors
    from dxplan.plans.models import Node

    nodes = {
        n.pk: n for n in Node.objects.filter(version__plan__slug="dx-plan", version__slug=version)
    }
    measures = [n for n in nodes.values() if n.kind == "measure"]
    assert len(measures) >= 12
    for measure in measures:
        page = client.get(f"{BASE}/{version}/measures/{measure.code}/").content.decode()
        context = page[page.index('<dl class="context">') : page.index("</dl>")]
        shown = [
            markup.unescape(re.sub(r"<[^>]+>", "", dd))
            for dd in re.findall(r"<dd>(.*?)</dd>", context)
        ]
        chain = ancestors(measure.pk, lambda pk: nodes[pk].parent_id)
        expected = [nodes[pk].name_ja for pk in chain]
        assert shown[: len(expected)] == expected, measure.code
        assert len(shown) == len(expected) + (1 if measure.department_id else 0)


def test_japanese_text_without_english_is_marked_as_japanese_on_english_pages(client):
    from dxplan.plans.models import EvaluationRecord

    evaluation = EvaluationRecord.objects.get(node__version__slug="first", node__code="1-1")
    evaluation.challenges_en = ""
    evaluation.save()
    html = client.get("/en/minato/smart-town/first/measures/1-1/").content.decode()
    assert '<span lang="ja">高齢者の利用が少ない。</span>' in html
    assert "The main procedures went online." in html
    japanese = client.get("/minato/smart-town/first/measures/1-1/").content.decode()
    assert '<span lang="ja">' not in japanese


def test_actuals_stand_under_their_own_year_in_every_series(client):
    from dxplan.indicators.models import Indicator, Observation, Series

    indicator = Indicator.objects.get(measure__version__slug="first", code="1-1")
    older = Series.objects.create(
        indicator=indicator,
        key="older",
        position=1,
        name_ja="高齢者",
        name_en="Older residents",
        baseline_value=5,
        baseline_year=2023,
        target_value=20,
        target_year=2025,
    )
    Observation.objects.create(series=older, fiscal_year=2025, value="7.5")
    html = client.get("/en/minato/smart-town/first/measures/1-1/").content.decode()
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert header.index("FY2024 actual") < header.index("FY2025 actual")
    total = html[html.index(">Total</th>") :]
    total = total[: total.index("</tr>")]
    assert "18.5%" in total and total.count("—") == 1
    older_row = html[html.index(">Older residents</th>") :]
    older_row = older_row[: older_row.index("</tr>")]
    assert older_row.index("—") < older_row.index("7.5%")


def test_a_plan_without_mappings_does_not_offer_a_comparison(client):
    html = client.get("/minato/smart-town/").content.decode()
    assert "/minato/smart-town/compare/" in html
    from dxplan.plans.models import VersionMapping

    VersionMapping.objects.filter(from_version__plan__slug="smart-town").delete()
    html = client.get("/minato/smart-town/").content.decode()
    assert "/minato/smart-town/compare/" not in html
    assert client.get("/minato/smart-town/compare/").status_code == 404


def test_missing_pages_get_a_localised_page_with_navigation(client):
    response = client.get("/en/nagasaki/dx-plan/2025-2027/measures/9-9/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html and "Page not found" in html
    assert "ページが見つかりません" in client.get("/no/such/page/").content.decode()


def test_nul_characters_are_refused_before_they_reach_the_database(client):
    assert client.get(f"{BASE}/2025-2027/measures/%00/").status_code == 400
    response = client.get("/api/v1/indicators?plan=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "NUL characters are not allowed."}


def test_a_long_indicator_list_is_paged_with_links_to_every_page(client, monkeypatch):
    """A plan of 5,000 indicators is read a page at a time; each page links to the others."""
    from dxplan.portal import views

    monkeypatch.setattr(views, "INDICATORS_PER_PAGE", 5)
    base = "/en/nagasaki/dx-plan/2025-2027/indicators/"
    first = client.get(base).content.decode()
    assert first.count('<th scope="row"') == 5
    assert "Page 1 of 3: indicators 1–5 of 12" in first
    assert '<a href="?page=1" aria-current="page">1</a>' in first
    assert '<a href="?page=2" rel="next">Next page</a>' in first
    last = client.get(base + "?page=3").content.decode()
    assert last.count('<th scope="row"') == 2 and "indicators 11–12 of 12" in last
    assert '<a href="?page=2" rel="prev">Previous page</a>' in last
    beyond = client.get(base + "?page=99").content.decode()  # past the end: the last page
    assert beyond.count('<th scope="row"') == 2 and "Page 3 of 3" in beyond
    assert "Page 1 of 3" in client.get(base + "?page=x").content.decode()
    japanese = client.get("/nagasaki/dx-plan/2025-2027/indicators/").content.decode()
    assert "3 ページ中 1 ページ目（12 件中 1〜5 件目）" in japanese


def test_a_short_indicator_list_has_no_page_links(client):
    page = client.get("/en/nagasaki/dx-plan/2025-2027/indicators/").content.decode()
    assert 'class="pages"' not in page


def tree_items(html: str) -> list[str]:
    """The nodes a policy-tree page lists, in order, without those continued from before."""
    items = re.findall(
        r'<li class="node node-(\w+)">\s*<span class="kind">[^<]*</span>\s*(.*?)\n', html
    )
    return [f"{kind} {text}" for kind, text in items if "continued" not in text]


def test_a_long_policy_tree_is_paged_in_the_order_of_the_plan(client, monkeypatch):
    """A plan of 15,000 nodes is read a page at a time; every node is on exactly one page, in
    the order of the one-page tree, each page under the ancestors it continues."""
    from dxplan.plans import queries

    base = "/en/nagasaki/dx-plan/2025-2027/"
    whole = tree_items(client.get(base).content.decode())
    monkeypatch.setattr(queries, "TREE_PAGE_SIZE", 10)
    pages = -(-len(whole) // 10)
    seen = []
    for number in range(1, pages + 1):
        html = client.get(f"{base}?page={number}").content.decode()
        assert f"Page {number} of {pages}: items {(number - 1) * 10 + 1}–" in html
        seen += tree_items(html)
        if number > 1:
            assert "(continued from the previous page)" in html
            assert f'<a href="?page={number - 1}" rel="prev">Previous page</a>' in html
        assert f'<a href="?page={number}" aria-current="page">Page {number}</a>' in html
    assert seen == whole and len(whole) > 20
    last = client.get(f"{base}?page=999").content.decode()  # past the end: the last page
    assert f"Page {pages} of {pages}" in last
    assert "Page 1 of" in client.get(f"{base}?page=x").content.decode()
    japanese = client.get("/nagasaki/dx-plan/2025-2027/?page=2").content.decode()
    assert "ページ目（計画の順に" in japanese and "（前のページから続く）" in japanese


def test_nagasakis_policy_tree_is_one_page(client):
    html = client.get(f"{BASE}/2025-2027/").content.decode()
    assert 'class="pages"' not in html and "continued" not in html


def test_a_page_of_the_policy_tree_takes_the_same_queries_however_many_pages(
    client, django_assert_num_queries, monkeypatch
):
    from dxplan.plans import queries

    monkeypatch.setattr(queries, "TREE_PAGE_SIZE", 10)
    # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 the ids and parents of its nodes,
    # 6 the page's nodes and the ancestors it continues, 7 each page's first node; the counts
    # of the whole version (as policy-tree above): 8 indicators, 9 their standings
    with django_assert_num_queries(9 + FOOTER):
        assert client.get(f"{BASE}/2025-2027/?page=3").status_code == 200
