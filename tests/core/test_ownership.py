from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.ownership import indicator_owner, node_owners, owned_by

# 基本目標 G1 (no department) → 施策 M1 (人事課) → 事業 P1 (none), P2 (情報政策課);
# 基本目標 G2 (総務課) → 施策 M2 (none) → 事業 P3 (none); 基本目標 G3 (none) → 施策 M3 (none).
PARENTS = {
    "G1": None,
    "M1": "G1",
    "P1": "M1",
    "P2": "M1",
    "G2": None,
    "M2": "G2",
    "P3": "M2",
    "G3": None,
    "M3": "G3",
}
DEPARTMENTS = {"M1": "人事課", "P2": "情報政策課", "G2": "総務課"}


def test_a_node_without_a_department_takes_its_nearest_ancestors():
    owners = node_owners(PARENTS, DEPARTMENTS)
    assert owners["P1"] == "人事課"
    assert owners["P3"] == "総務課"
    assert owners["M2"] == "総務課"


def test_a_nodes_own_department_wins_over_its_ancestors():
    assert node_owners(PARENTS, DEPARTMENTS)["P2"] == "情報政策課"


def test_a_branch_with_no_department_anywhere_has_no_owner():
    owners = node_owners(PARENTS, DEPARTMENTS)
    assert "G1" not in owners and "G3" not in owners and "M3" not in owners


def test_an_indicators_own_department_wins_over_its_nodes():
    owners = node_owners(PARENTS, DEPARTMENTS)
    assert indicator_owner("DX推進課", "P1", owners) == "DX推進課"
    assert indicator_owner(None, "P1", owners) == "人事課"
    assert indicator_owner(None, "M3", owners) is None


def test_owned_by_lists_the_indicators_of_the_given_departments():
    owners = node_owners(PARENTS, DEPARTMENTS)
    indicators = [(1, None, "P1"), (2, "人事課", "M3"), (3, None, "P2"), (4, None, "M3")]
    assert owned_by(indicators, owners, {"人事課"}) == [1, 2]


def test_a_cycle_in_broken_data_ends_the_walk_instead_of_looping():
    assert node_owners({"a": "b", "b": "a"}, {}) == {}


@st.composite
def trees(draw):
    size = draw(st.integers(1, 30))
    parents = {0: None}
    for node in range(1, size):
        parents[node] = draw(st.sampled_from([None, *range(node)]))
    departments = {node: draw(st.sampled_from([None, "a", "b"])) for node in parents}
    order = draw(st.permutations(list(parents)))
    return {node: parents[node] for node in order}, departments


def naive_owner(node, parents, departments):
    while node is not None:
        if departments.get(node) is not None:
            return departments[node]
        node = parents[node]
    return None


@given(trees())
def test_the_owner_is_the_first_department_on_the_walk_to_the_top_whatever_the_order(tree):
    parents, departments = tree
    owners = node_owners(parents, departments)
    for node in parents:
        assert owners.get(node) == naive_owner(node, parents, departments)
