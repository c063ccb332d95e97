import ast
from pathlib import Path

import dxplan
from dxplan.core.plan_rules import ancestors
from dxplan.core.tree import group_children


def test_children_keep_their_order_and_orphans_become_roots():
    rows = [(1, None), (2, 1), (3, 1), (4, 2), (5, 99)]
    roots, children = group_children(rows, lambda r: r[0], lambda r: r[1])
    assert roots == [(1, None), (5, 99)]
    assert children == {1: [(2, 1), (3, 1)], 2: [(4, 2)]}


PARENTS = {"measure": "policy", "policy": "field", "field": "domain", "domain": None}


def test_ancestors_run_from_the_root_down_to_the_parent():
    assert ancestors("measure", PARENTS.get) == ["domain", "field", "policy"]
    assert ancestors("domain", PARENTS.get) == []


def test_a_cycle_ends_the_walk_instead_of_looping():
    cycle = {1: 2, 2: 3, 3: 1}
    assert ancestors(1, cycle.get) == [3, 2]
    assert ancestors(4, {4: 5, 5: 5}.get) == [5]


# Loops over levels, not over nodes: the path through the plan's grammar of levels takes the
# deepest of several allowed parents, which is not a walk up one tree.
NOT_NODE_WALKS = {"plans/queries.py:path_to_pages"}


def test_the_ancestor_walk_is_written_only_in_core():
    """The portal, the API and every read path call `plan_rules.ancestors`: no `while` loop
    outside dxplan.core follows parents."""
    src = Path(dxplan.__file__).parent
    offenders = []
    for path in sorted(src.rglob("*.py")):
        relative = path.relative_to(src).as_posix()
        if relative.startswith("core/") or "/migrations/" in relative:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for loop in ast.walk(function):
                if not isinstance(loop, ast.While):
                    continue
                names = {
                    n.attr if isinstance(n, ast.Attribute) else n.id
                    for n in ast.walk(loop)
                    if isinstance(n, ast.Attribute | ast.Name)
                }
                where = f"{relative}:{function.name}"
                if names & {"parent", "parent_id", "parents"} and where not in NOT_NODE_WALKS:
                    offenders.append(f"{where}:{loop.lineno}")
    assert offenders == []


def test_a_subtree_is_the_node_and_everything_under_it():
    from dxplan.core.tree import subtree

    children = {1: [2, 3], 2: [4], 5: [6]}
    assert sorted(subtree(1, children)) == [1, 2, 3, 4]
    assert subtree(6, children) == [6]


def test_preorder_reads_a_tree_as_its_file_lists_it():
    from dxplan.core.tree import preorder

    children = {1: [2, 5], 2: [3, 4], 6: [7]}
    assert preorder([1, 6], children) == [1, 2, 3, 4, 5, 6, 7]
    assert preorder([1], {1: [2], 2: [1]}) == [1, 2]  # a cycle is listed once, not looped
