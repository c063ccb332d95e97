"""Progress in the API: each indicator's assessments per fiscal year, and /progress, a version's
indicators counted by status in all and per field and policy."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from dxplan.indicators import actions
from dxplan.indicators.models import Indicator, Observation
from tests import world

pytestmark = pytest.mark.django_db

SAMPLE = world.ROOT / "data" / "nagasaki-sample" / "actuals.csv"
PLAN = "/api/v1/plans/nagasaki/dx-plan"
PROGRESS = "/api/v1/progress?plan=nagasaki/dx-plan"
# The statuses the sample figures give (data/nagasaki-sample/README.md), by indicator.
SAMPLE_STATUSES = {
    "1-1": "uncertain",
    "1-2": "on_track",
    "1-3": "limited_progress",
    "2-1": "acceleration_needed",
    "2-2": "on_track",
    "3-1": "achieved",
    "3-2": "deteriorating",
    "4-1": "acceleration_needed",
    "4-2": "acceleration_needed",
    "5-1": "no_data",
    "5-2": "on_track",
    "5-3": "achieved",
}


@pytest.fixture
def sample():
    """Nagasaki's fictitious actuals, published, as `make demo` loads them."""
    from dxplan.io.actuals_files import read_actuals
    from dxplan.io.actuals_import import import_actuals

    rows, problems = read_actuals(SAMPLE)
    import_actuals(rows, actor="tests", problems=problems, publish=True)


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def counts(**given):
    keys = [
        "achieved",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deteriorating",
        "uncertain",
        "no_data",
    ]
    return {key: given.get(key, 0) for key in keys}


def test_each_indicator_gives_its_status_and_the_assessment_of_every_published_year(client, sample):
    data = get(client, f"{PLAN}/versions/2025-2027/indicators/1-1")
    [series] = data["series"]
    assert [a["fiscal_year"] for a in series["assessments"]] == [2025, 2026]
    first = series["assessments"][0]
    assert first == {
        "fiscal_year": 2025,
        "value": 40.0,
        "achievement": 0.270073,
        "elapsed": 0.333333,
        "pace": 0.810219,
        "status": "uncertain",
        "candidates": ["limited_progress", "on_track"],
        "interval": [38.1, 41.9],
    }
    assert series["status"] == "uncertain" and data["status"] == "uncertain"
    assert data["grade"] == {"label_ja": "判定保留", "label_en": "Uncertain"}
    assert series["forecast"]["fiscal_year"] == 2027
    assert series["forecast"]["reaches_target"] in ("likely", "unlikely", "uncertain")
    assert all(o["sample"] for o in series["observations"])


def test_the_api_assesses_a_year_exactly_as_the_command_line_does(client, sample, capsys):
    call_command(
        "progress", "assess",
        "--baseline", "36.3", "--baseline-year", "R6", "--target", "50", "--target-year", "R9",
        "--actual", "R7=40.0", "--ci", "R7=38.1,41.9",
        "--actual", "R8=45.5", "--ci", "R8=43.4,47.6", "--format", "json",
    )  # fmt: skip
    printed = json.loads(capsys.readouterr().out)
    [series] = get(client, f"{PLAN}/versions/2025-2027/indicators/1-1")["series"]
    assert series["assessments"] == printed["years"]
    assert series["forecast"] == printed["forecast"]


def test_an_indicator_of_several_series_is_as_its_worst_series(client, sample):
    data = get(client, f"{PLAN}/versions/2025-2027/indicators/4-1")
    assert [s["status"] for s in data["series"]] == ["acceleration_needed", "on_track"]
    assert data["status"] == "acceleration_needed"


def test_an_indicator_without_an_actual_is_no_data_with_nothing_assessed(client):
    data = get(client, f"{PLAN}/versions/2025-2027/indicators/1-2")
    [series] = data["series"]
    assert (series["assessments"], series["status"], series["forecast"]) == ([], "no_data", None)
    assert data["status"] == "no_data"
    assert data["grade"] == {"label_ja": "実績なし", "label_en": "No data yet"}  # default scale


def test_every_indicator_of_the_list_carries_its_status(client, sample):
    page = get(client, "/api/v1/indicators?plan=nagasaki/dx-plan&version=2025-2027")
    assert {i["code"]: i["status"] for i in page["results"]} == SAMPLE_STATUSES


@pytest.mark.parametrize("status", sorted(set(SAMPLE_STATUSES.values())))
def test_the_list_filters_by_status_as_the_roll_up_counts(client, sample, status):
    base = "/api/v1/indicators?plan=nagasaki/dx-plan&version=2025-2027"
    page = get(client, f"{base}&status={status}")
    wanted = sorted(code for code, s in SAMPLE_STATUSES.items() if s == status)
    assert sorted(i["code"] for i in page["results"]) == wanted
    assert {i["status"] for i in page["results"]} == {status}
    assert get(client, PROGRESS)["counts"][status] == len(wanted)


def test_an_unknown_status_is_refused(client):
    response = client.get("/api/v1/indicators?status=fine")
    assert response.status_code == 422


def test_the_progress_of_a_version_counts_its_indicators_by_status_and_says_sample(client, sample):
    data = get(client, PROGRESS)
    assert (data["plan"], data["version"]) == ("nagasaki/dx-plan", "2025-2027")  # the current
    assert data["total"] == 12
    assert data["counts"] == counts(
        achieved=2,
        on_track=3,
        acceleration_needed=3,
        limited_progress=1,
        deteriorating=1,
        uncertain=1,
        no_data=1,
    )
    assert list(data["counts"]) == [s["code"] for s in data["statuses"]]
    assert data["statuses"][0] == {"code": "achieved", "name": {"ja": "達成", "en": "Achieved"}}
    assert data["sample"] is True
    assert (data["fiscal_year"], data["as_of"]) == (2026, None)  # the latest actual's year
    assert {i["code"]: i["status"] for i in data["indicators"]} == SAMPLE_STATUSES
    assert get(client, data["links"]["version"])["slug"] == "2025-2027"
    assert get(client, data["links"]["indicators"])["count"] == 12


def test_each_field_and_policy_counts_the_indicators_below_it(client, sample):
    nodes = {n["id"]: n for n in get(client, PROGRESS)["nodes"]}
    living = nodes["field/1"]  # measures 1-1, 1-2, 1-3
    assert living["counts"] == counts(uncertain=1, on_track=1, limited_progress=1)
    assert living["total"] == 3 and living["sample"] is True
    assert living["parent"] == "domain/kurashi" and living["level"]["name"]["ja"] == "分野"
    assert nodes["policy/4"]["counts"] == counts(acceleration_needed=2)  # 4-1 and 4-2
    assert nodes["domain/kurashi"]["total"] == 7
    assert not any(n["kind"] in ("measure", "initiative") for n in nodes.values())
    assert sum(n["total"] for n in nodes.values() if n["kind"] == "field") == 12
    assert get(client, living["url"])["id"] == "field/1"


@pytest.mark.parametrize("written", ["R7", "2025", "FY2025", "令和7年度", "2025年度", "Ｒ７"])
def test_as_of_a_fiscal_year_only_actuals_up_to_it_count(client, sample, written):
    data = get(client, f"{PROGRESS}&fiscal_year={written}")
    assert (data["fiscal_year"], data["as_of"]) == (2025, 2025)
    statuses = {i["code"]: i["status"] for i in data["indicators"]}
    assert statuses["3-1"] == "on_track"  # 5 + 1 (R6) + 2 (R7) = 8 of 9: not yet achieved
    assert statuses["5-3"] != "achieved"  # 50.5 came in R8
    assert data["counts"]["achieved"] == 0


def test_before_any_actual_every_indicator_is_no_data_and_nothing_is_sample(client, sample):
    data = get(client, f"{PROGRESS}&fiscal_year=R5")
    assert data["counts"] == counts(no_data=12)
    assert data["sample"] is False and not any(n["sample"] for n in data["nodes"])


def test_real_figures_are_not_called_sample(client):
    data = get(client, "/api/v1/progress?plan=minato/smart-town&version=first")
    assert data["counts"] == counts(limited_progress=1, no_data=1)  # 18.5 of 10 → 40 in R6
    assert data["sample"] is False
    assert data["fiscal_year"] == 2024


def test_a_draft_actual_counts_only_once_it_is_published(client):
    series = Indicator.objects.get(measure__version__slug="first", code="1-2").series.get()
    url = "/api/v1/progress?plan=minato/smart-town&version=first"
    draft = actions.record_actual(series, 2024, Decimal("15"), actor="tests")
    assert get(client, url)["counts"]["no_data"] == 1
    actions.publish_actual(draft, actor="tests")
    assert get(client, url)["counts"] == counts(limited_progress=1, on_track=1)
    assert Observation.objects.get(pk=draft.pk).state == Observation.State.PUBLISHED


def test_a_plan_of_its_own_levels_is_rolled_up_by_its_tree(client):
    world.load(world.SAKURA)
    data = get(client, "/api/v1/progress?plan=sakura/digital-plan")
    assert {n["kind"] for n in data["nodes"]} == {"goal"}
    assert sum(n["total"] for n in data["nodes"]) == data["total"] > 0
    assert data["nodes"][0]["level"]["name"]["ja"] == "基本目標"


def test_a_version_without_indicators_counts_none(client, town):
    actions.delete_indicator(town.indicator, actor=town.dx_office)
    actions.delete_indicator(town.welfare_indicator, actor=town.dx_office)
    data = get(client, "/api/v1/progress?plan=town/dx")
    assert (data["total"], data["nodes"], data["fiscal_year"]) == (0, [], None)


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("plan=nagasaki/nothing", 404, ("計画「nagasaki/nothing」はありません", "No plan")),
        ("plan=nagasaki/dx-plan&version=1999", 404, ("版「1999」はありません", "no version")),
        (
            "plan=nagasaki/dx-plan&fiscal_year=X7",
            422,
            ("年度として読めません", "not a fiscal year"),
        ),
        (
            "plan=nagasaki/dx-plan&fiscal_year=1800",
            422,
            ("年度として読めません", "not a fiscal year"),
        ),
    ],
)
def test_what_cannot_be_answered_is_said_in_both_languages(client, query, status, words):
    response = client.get(f"/api/v1/progress?{query}")
    assert response.status_code == status
    detail = json.dumps(response.json(), ensure_ascii=False)
    assert all(word in detail for word in words)


def test_the_plan_is_required_and_written_as_org_slash_plan(client):
    assert client.get("/api/v1/progress").status_code == 422
    assert client.get("/api/v1/progress?plan=nagasaki").status_code == 422


# 1 the plan with its organisation, 2 its versions, 3 its levels, 4 the indicators' ids, codes
# and measures, 5 their standings, 6 every node's parent, 7 the nodes with indicators below them
PROGRESS_QUERIES = 7


@pytest.mark.parametrize(
    "query", ["plan=nagasaki/dx-plan", "plan=minato/smart-town&version=first&fiscal_year=R6"]
)
def test_progress_takes_the_same_number_of_queries_for_any_plan(
    client, django_assert_num_queries, sample, query
):
    with django_assert_num_queries(PROGRESS_QUERIES):
        get(client, f"/api/v1/progress?{query}")


def test_progress_of_a_large_plan_takes_the_same_number_of_queries(
    client, django_assert_num_queries, tmp_path
):
    from benchmarks.large_plans import write_large_plan

    world.load(write_large_plan(tmp_path / "large", 300))
    with django_assert_num_queries(PROGRESS_QUERIES):
        data = get(client, "/api/v1/progress?plan=large-city/dx-plan")
    assert data["total"] == 300
    assert sum(n["total"] for n in data["nodes"] if n["depth"] == 1) == 300
    with django_assert_num_queries(6):  # the indicator list, as pinned in test_open_api.py
        get(client, "/api/v1/indicators?plan=large-city/dx-plan&limit=300")


def test_every_fiscal_year_the_openapi_document_offers_is_one_core_reads():
    """The document's pattern is a part of what core.fiscal_year reads, so that a client built
    from it never writes a fiscal year the API refuses."""
    import re

    from dxplan.api.routers.progress import FISCAL_YEAR_FORMS
    from dxplan.core.fiscal_year import parse_fiscal_year

    offered = re.compile(FISCAL_YEAR_FORMS)
    years = [f"{p}{y}{s}" for y in range(1900, 2300) for p in ("", "FY") for s in ("", "年度")]
    eras = [
        f"{e}{n}{s}" for e in "RHS" for n in ["元", *map(str, range(300))] for s in ("", "年度")
    ]
    eras += [f"{e}{n}" for e in ("令和", "平成", "昭和") for n in ["元", *map(str, range(300))]]
    matched = [form for form in years + eras if offered.match(form)]
    assert len(matched) > 1000
    assert all(1926 <= parse_fiscal_year(form) <= 2200 for form in matched)
    assert offered.match("R7") and offered.match("令和元年度") and not offered.match("")


def test_a_plan_without_versions_has_no_progress_to_count(client, town):
    from dxplan.plans.actions import delete_version

    delete_version(town.version, actor=town.dx_office)
    response = client.get("/api/v1/progress?plan=town/dx")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "計画「town/dx」には版がありません。 / The plan 'town/dx' has no version."
    )


@pytest.mark.parametrize("code", ["1-1", "5-3", "指標 1・2", "a%b?c#d", "{x}", "ü~:@!$&'()*+,;="])
def test_each_url_of_the_answer_is_what_djangos_reverse_gives(code):
    from django.urls import reverse

    from dxplan.api.serializers import url_maker

    fixed = ["nagasaki", "dx-plan", "2025-2027"]
    one = url_maker("api-1:indicator", *fixed)
    two = url_maker("api-1:node", *fixed, varying=2)
    assert one(code) == reverse("api-1:indicator", args=[*fixed, code])
    assert two("measure", code) == reverse("api-1:node", args=[*fixed, "measure", code])
