"""The family drawing: parents above, siblings and spouses beside, children below, and a large
family wrapped into readable lines."""

from guwah.registry.family_graph import PER_LINE, Relative, lay_out


def test_generations_are_drawn_in_order():
    layout = lay_out(
        "Aygul",
        [
            Relative("Memet", "parent", "/1/"),
            Relative("Alim", "child", "/2/"),
            Relative("Ilham", "spouse", "/3/"),
        ],
    )
    y = {node.label: node.y for node in layout.nodes}
    assert y["Memet"] < y["Aygul"] == y["Ilham"] < y["Alim"]
    assert len(layout.edges) == 3


def test_a_large_family_wraps_onto_several_lines():
    children = [Relative(f"Child {n}", "child", None) for n in range(PER_LINE * 3)]
    layout = lay_out("Grandmother", children)
    lines = {node.y for node in layout.nodes}
    assert len(lines) == 4
    assert layout.width < (PER_LINE + 1) * 200
    assert all(0 <= node.x <= layout.width for node in layout.nodes)
