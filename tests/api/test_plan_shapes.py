"""The API follows each plan's own levels, marks provisional figures and says whose word a
text is (the city's, or the editors' inference)."""

import pytest

from tests.portal.sakura import API, sakura  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

NAGASAKI = "/api/v1/plans/nagasaki/dx-plan"
MINATO = "/api/v1/plans/minato/smart-town"


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_plan_lists_its_own_levels_and_vision_year(client, sakura):  # noqa: F811
    plan = get(client, API)
    assert plan["vision_year"] == 2035
    assert plan["levels"] == [
        {
            "code": "goal",
            "name": {"ja": "基本目標", "en": "Basic goal"},
            "parents": [],
            "has_page": False,
            "carries_indicators": False,
        },
        {
            "code": "shisaku",
            "name": {"ja": "施策", "en": "Measure"},
            "parents": ["goal"],
            "has_page": True,
            "carries_indicators": True,
        },
        {
            "code": "jigyo",
            "name": {"ja": "事業", "en": "Project"},
            "parents": ["shisaku"],
            "has_page": False,
            "carries_indicators": False,
        },
    ]
    assert plan in get(client, "/api/v1/plans")


def test_a_plan_without_levels_of_its_own_lists_the_six_default_ones(client):
    plan = get(client, NAGASAKI)
    assert plan["vision_year"] == 2030
    assert [(lv["code"], lv["name"]["ja"]) for lv in plan["levels"]] == [
        ("domain", "領域"),
        ("field", "分野"),
        ("vision", "めざす姿"),
        ("policy", "基本方針"),
        ("measure", "基本施策"),
        ("initiative", "主な取組"),
    ]
    measure = next(lv for lv in plan["levels"] if lv["code"] == "measure")
    assert (measure["parents"], measure["has_page"], measure["carries_indicators"]) == (
        ["policy"],
        True,
        True,
    )
    assert next(lv for lv in plan["levels"] if lv["code"] == "policy")["parents"] == [
        "field",
        "vision",
    ]
    assert get(client, MINATO)["vision_year"] is None


def test_nodes_carry_their_level_with_its_name(client, sakura):  # noqa: F811
    version = get(client, f"{API}/versions/2025-2029")
    goal = version["nodes"][0]
    assert (goal["id"], goal["kind"]) == ("goal/1", "goal")
    assert goal["level"] == {"code": "goal", "name": {"ja": "基本目標", "en": "Basic goal"}}
    measure = goal["children"][0]
    assert measure["level"] == {"code": "shisaku", "name": {"ja": "施策", "en": "Measure"}}
    assert measure["indicators"] == ["1-1"]
    assert measure["children"][0]["level"]["name"]["en"] == "Project"
    node = get(client, f"{API}/versions/2025-2029/nodes/shisaku/2-1")
    assert node["parent"] == "goal/2"
    assert node["evaluations"][0]["phase_start"] == 2025
    nagasaki = get(client, f"{NAGASAKI}/versions/2025-2027/nodes/measure/1-1")
    assert nagasaki["level"] == {
        "code": "measure",
        "name": {"ja": "基本施策", "en": "Basic measure"},
    }


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # the same queries as Nagasaki's (tests/api/test_open_api.py): 1 the plan, 2 its
        # versions, 3 its levels
        pytest.param("", 3, id="plan"),
        # 1 the plan, 2 its versions, 3 the version, 4 its nodes' (id, parent) pairs (how many
        # at each depth: the whole tree fits), 5 levels; the whole tree: 6 nodes with
        # departments, 7 indicators with measure, plan, survey question and department, 8 their
        # survey options, 9 series, 10 published observations, 11 evaluations
        pytest.param("/versions/2025-2029", 11, id="version"),
        # 1 the plan, 2 its versions, 3 the version, 4 levels, 5 the ids of the version's nodes,
        # to read only the node's ancestors and subtree, then 6 to 11 as for the version
        pytest.param("/versions/2025-2029/nodes/shisaku/1-1", 11, id="node-of-its-own-level"),
        # 1 the plan, 2 its versions, 3 the version, 4 its nodes' (id, parent) pairs, 5 the ids
        # of its nodes of that level, 6 levels, 7 the page's nodes and their ancestors with
        # departments, 8 their indicators (codes), 9 their evaluations, 10 the ids of their
        # children and parents
        pytest.param("/versions/2025-2029/nodes?kind=shisaku&limit=2", 10, id="nodes-of-a-kind"),
        # 1 the plan, 2 its versions, 3 the version, 4 the indicator with measure, plan, survey
        # question and department, 5 its survey options, 6 series, 7 published observations,
        # 8 the version's nodes (for the field code: it has no fields)
        pytest.param("/versions/2025-2029/indicators/1-1", 8, id="indicator"),
        # 1 the plan, 2 its versions, 3 every link of the plan: it has none
        pytest.param("/mappings", 3, id="mappings"),
    ],
)
def test_its_endpoints_take_as_many_queries_as_nagasakis(
    client,
    sakura,  # noqa: F811
    django_assert_num_queries,
    path,
    queries,
):
    with django_assert_num_queries(queries):
        get(client, API + path)


def test_indicators_name_the_node_that_carries_them(client, sakura):  # noqa: F811
    indicator = get(client, f"{API}/versions/2025-2029/indicators/1-1")
    assert (indicator["node"], indicator["measure"], indicator["field"]) == (
        "shisaku/1-1",
        "1-1",
        None,
    )
    page = get(client, "/api/v1/indicators?plan=sakura/digital-plan")
    assert [i["node"] for i in page["results"]] == ["shisaku/1-1", "shisaku/1-2", "shisaku/2-1"]


def test_observations_say_whether_they_are_provisional(client, sakura):  # noqa: F811
    [observation] = get(client, f"{API}/versions/2025-2029/indicators/1-1")["series"][0][
        "observations"
    ]
    assert (observation["value"], observation["provisional"]) == (40.2, True)
    [confirmed] = get(client, f"{API}/versions/2025-2029/indicators/1-2")["series"][0][
        "observations"
    ]
    assert (confirmed["value"], confirmed["provisional"]) == (1650, False)


def test_reconstructed_mapping_links_are_attributed_to_the_editors(client):
    mapping = get(client, f"{NAGASAKI}/mappings/2022-2024/2025-2027")
    assert {link["attribution"] for link in mapping["links"]} == {"editors"}
    assert len(mapping["links"]) == 16
    minato = get(client, f"{MINATO}/mappings/first/second")
    assert {link["attribution"] for link in minato["links"]} == {"city"}


def test_inferred_definitions_and_departments_are_attributed_to_the_editors(client, sakura):  # noqa: F811
    definition = get(client, f"{NAGASAKI}/versions/2025-2027/indicators/1-1")["definition"]
    assert definition["attribution"] == "editors"
    assert definition["department"] == {
        "ja": "デジタル戦略課",
        "en": "Digital Strategy Division",
        "attribution": "editors",
    }
    minato = get(client, f"{MINATO}/versions/second/indicators/1-1")["definition"]
    assert (minato["attribution"], minato["department"]["attribution"]) == ("city", "city")
    node = get(client, f"{API}/versions/2025-2029/nodes/shisaku/1-1")
    assert node["department"] == {
        "ja": "福祉課",
        "en": "Welfare Division",
        "attribution": "editors",
    }
    other = get(client, f"{API}/versions/2025-2029/nodes/shisaku/1-2")
    assert other["department"]["attribution"] == "city"


def test_survey_options_carry_their_codes(client):
    citizen = next(s for s in get(client, f"{NAGASAKI}/surveys") if s["key"] == "citizen-2024")
    life = next(q for q in citizen["questions"] if q["key"] == "life-improved")
    assert [o["code"] for o in life["options"][:2]] == ["agree", "somewhat-agree"]
