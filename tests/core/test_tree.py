from dxplan.core.tree import group_children


def test_children_keep_their_order_and_orphans_become_roots():
    rows = [(1, None), (2, 1), (3, 1), (4, 2), (5, 99)]
    roots, children = group_children(rows, lambda r: r[0], lambda r: r[1])
    assert roots == [(1, None), (5, 99)]
    assert children == {1: [(2, 1), (3, 1)], 2: [(4, 2)]}
