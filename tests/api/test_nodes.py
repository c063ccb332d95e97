"""A version's nodes: nested in one tree down to a depth that keeps the answer small, and every
one of them flat, page by page, in reading order (a plan of 5,000 measures has 15,000 nodes)."""

import pytest

from dxplan.plans.models import Node

pytestmark = pytest.mark.django_db

VERSION = "/api/v1/plans/nagasaki/dx-plan/versions/2025-2027"
NODES = f"{VERSION}/nodes"
LIMIT = "dxplan.api.routers.plans.MAX_TREE_NODES"


def get(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, response.content
    return response.json()


def walk(nodes, depth=1):
    """The nested tree in reading order: (node, depth) for each node, then its children."""
    for node in nodes:
        yield node, depth
        yield from walk(node["children"], depth + 1)


def read_all(client, url):
    pages = []
    while url:
        pages.append(get(client, url))
        url = pages[-1]["next"]
    return pages


def test_paging_through_the_nodes_gives_every_node_once_in_reading_order(client):
    tree = get(client, VERSION)
    pages = read_all(client, f"{NODES}?limit=7")  # pages that end inside a subtree
    items = [item for page in pages for item in page["results"]]
    assert len(pages) == 10  # 64 nodes
    assert {page["count"] for page in pages} == {64} == {tree["node_count"]}
    in_order = list(walk(tree["nodes"]))
    assert [item["id"] for item in items] == [node["id"] for node, _ in in_order]
    for item, (node, depth) in zip(items, in_order, strict=True):
        # the nested node's fields, its children by id, and its depth
        assert item["depth"] == depth
        assert item["children"] == [child["id"] for child in node["children"]]
        nested = {k: v for k, v in node.items() if k not in ("children", "children_count")}
        assert {k: v for k, v in item.items() if k not in ("children", "depth")} == nested
    keys = {n.pk: n.key for n in Node.objects.filter(version__slug="2025-2027")}
    parents = {
        keys[n.pk]: keys.get(n.parent_id) for n in Node.objects.filter(version__slug="2025-2027")
    }
    assert {item["id"]: item["parent"] for item in items} == parents
    measure = next(item for item in items if item["id"] == "measure/1-1")
    assert (measure["depth"], measure["indicators"]) == (5, ["1-1"])


def test_node_pages_link_to_the_next_and_the_previous_page(client):
    first = get(client, f"{NODES}?limit=30")
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{NODES}?limit=30&offset=30"
    second = get(client, first["next"])
    assert second["previous"] == f"http://testserver{NODES}?limit=30&offset=0"
    last = get(client, second["next"])
    assert (len(last["results"]), last["next"]) == (4, None)
    assert get(client, f"{NODES}?offset=500") == {
        "count": 64,
        "next": None,
        "previous": f"http://testserver{NODES}?offset=400&limit=100",
        "results": [],
    }


def test_node_pages_take_limits_as_the_indicator_pages_do(client):
    assert len(get(client, NODES)["results"]) == 64  # 100 by default
    for bad in ("limit=0", "limit=1001", "offset=-1", "limit=abc"):
        assert client.get(f"{NODES}?{bad}").status_code == 422, bad
    assert len(get(client, f"{NODES}?limit=1000")["results"]) == 64


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/nagasaki/nothing/versions/2025-2027/nodes",
        "/api/v1/plans/nagasaki/dx-plan/versions/2099-2101/nodes",
    ],
)
def test_the_nodes_of_an_unknown_plan_or_version_are_a_404_in_json(client, path):
    response = client.get(path)
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


def test_nodes_of_one_level_keep_their_parents_and_depths(client):
    every = {item["id"]: item for item in get(client, NODES)["results"]}
    pages = read_all(client, f"{NODES}?kind=measure&limit=5")  # measures of several policies
    measures = [item for page in pages for item in page["results"]]
    assert pages[0]["count"] == 12
    assert [m["id"] for m in measures] == [
        k for k, item in every.items() if k.startswith("measure/")
    ]
    assert measures == [every[m["id"]] for m in measures]
    assert get(client, f"{NODES}?kind=nothing")["count"] == 0


def test_a_version_that_fits_comes_whole_with_its_node_count(client):
    version = get(client, VERSION)
    assert (version["node_count"], version["depth"], version["complete"]) == (64, 6, True)
    assert version["nodes_url"] == f"http://testserver{NODES}"
    nodes = list(walk(version["nodes"]))
    assert len(nodes) == 64
    assert all(node["children_count"] == len(node["children"]) for node, _ in nodes)
    assert get(client, f"{VERSION}?depth=6") == version
    assert get(client, f"{VERSION}?depth=99") == version


def test_the_nodes_url_follows_the_scheme_the_proxy_reports(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_the_proxy = {"HTTP_X_FORWARDED_PROTO": "https", "SERVER_PORT": "443"}
    version = get(client, VERSION, **behind_the_proxy)
    assert version["nodes_url"] == f"https://testserver{NODES}"
    page = get(client, f"{NODES}?limit=5", **behind_the_proxy)
    assert page["next"].startswith("https://testserver/")


def test_a_depth_of_one_gives_the_roots_with_their_children_counted_not_shown(client):
    version = get(client, f"{VERSION}?depth=1")
    assert (version["node_count"], version["depth"], version["complete"]) == (64, 1, False)
    assert [root["id"] for root in version["nodes"]] == [
        "domain/kurashi",
        "domain/koryu",
        "domain/gyosei",
    ]
    assert all(root["children"] == [] for root in version["nodes"])
    assert all(root["children_count"] > 0 for root in version["nodes"])
    assert sum(root["children_count"] for root in version["nodes"]) == 5  # the fields


def test_a_tree_cut_at_a_depth_shows_every_node_above_it(client):
    version = get(client, f"{VERSION}?depth=3")
    nodes = list(walk(version["nodes"]))
    assert (len(nodes), version["complete"]) == (13, False)  # 3 domains, 5 fields, 5 visions
    for node, depth in nodes:
        assert len(node["children"]) == (node["children_count"] if depth < 3 else 0)
    assert all(node["children_count"] > 0 for node, depth in nodes if depth == 3)


def test_by_default_the_tree_stops_above_the_level_that_would_pass_the_limit(client, monkeypatch):
    monkeypatch.setattr(LIMIT, 20)  # 3 domains, 5 fields, 5 visions, 5 policies; 12 measures
    version = get(client, VERSION)
    assert (version["depth"], version["complete"], version["node_count"]) == (4, False, 64)
    assert len(list(walk(version["nodes"]))) == 18
    assert get(client, f"{VERSION}?depth=4") == version
    monkeypatch.setattr(LIMIT, 2)  # fewer than the roots
    version = get(client, VERSION)
    assert (version["depth"], version["complete"], version["nodes"]) == (0, False, [])


def test_a_depth_whose_tree_passes_the_limit_is_a_400_that_points_to_the_pages(client, monkeypatch):
    monkeypatch.setattr(LIMIT, 20)
    response = client.get(f"{VERSION}?depth=5")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A tree of depth 5 holds 30 nodes, more than the 20 one answer holds: ask "
        f"for a smaller depth, or read every node page by page from http://testserver{NODES}"
    }


@pytest.mark.parametrize("depth", ["0", "-1", "abc"])
def test_a_depth_that_is_no_level_is_a_422(client, depth):
    assert client.get(f"{VERSION}?depth={depth}").status_code == 422


@pytest.mark.parametrize(
    ("path", "limit", "queries"),
    [
        # 1 the plan, 2 its versions, 3 the version, 4 its nodes' (id, parent) pairs, 5 levels,
        # 6 the page's nodes and their ancestors with departments, 7 the page's indicators
        # (codes), 8 its evaluations, 9 the ids of its nodes' children
        pytest.param(f"{NODES}?limit=1", 2000, 9, id="one-node"),
        pytest.param(f"{NODES}?limit=1000", 2000, 9, id="every-node"),
        pytest.param(f"{NODES}?limit=10&offset=30", 2000, 9, id="a-page-inside-a-subtree"),
        # 1 the plan, 2 its versions, 3 the version, 4 its nodes' (id, parent) pairs, 5 levels;
        # the tree down to the depth: 6 nodes with departments, 7 indicators with measure, plan,
        # survey question and department, 8 their survey options, 9 series, 10 published
        # observations, 11 evaluations
        pytest.param(f"{VERSION}?depth=5", 2000, 11, id="down-to-the-measures"),
        pytest.param(VERSION, 30, 11, id="cut-by-default"),  # at the measures
        # 1 the plan, 2 its versions, 3 the version, 4 its nodes' (id, parent) pairs: too many
        pytest.param(f"{VERSION}?depth=5", 20, 4, id="too-deep"),
    ],
)
def test_node_answers_take_the_same_number_of_queries_however_many_nodes(
    client, django_assert_num_queries, monkeypatch, path, limit, queries
):
    monkeypatch.setattr(LIMIT, limit)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code in (200, 400)
