"""Where each relative sits in the family drawing on a person page.

Pure Python: parents above the person, siblings and spouses beside, children below, other
relatives on a last row. The drawing is plain SVG rendered by the server, so it needs no
JavaScript, and the same relatives are listed in text beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_OF_RELATION = {"parent": 0, "sibling": 1, "spouse": 1, "child": 2, "other": 3}

NODE_WIDTH = 150
NODE_HEIGHT = 44
GAP_X = 20
GAP_Y = 46
MARGIN = 10
PER_LINE = 6


@dataclass(frozen=True)
class Node:
    label: str
    relation: str
    url: str | None
    x: int
    y: int
    is_subject: bool = False
    status: str = ""

    @property
    def centre_x(self) -> int:
        return self.x + NODE_WIDTH // 2

    @property
    def centre_y(self) -> int:
        return self.y + NODE_HEIGHT // 2


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class Layout:
    nodes: list[Node]
    edges: list[Edge]
    width: int
    height: int


@dataclass(frozen=True)
class Relative:
    label: str
    relation: str
    url: str | None
    status: str = ""


def lay_out(subject: str, relatives: list[Relative], subject_status: str = "") -> Layout:
    rows: dict[int, list[Relative | None]] = {0: [], 1: [None], 2: [], 3: []}
    for relative in relatives:
        row = ROW_OF_RELATION.get(relative.relation, 3)
        if relative.relation == "spouse":
            rows[1].insert(1, relative)
        elif relative.relation == "sibling":
            rows[1].insert(0, relative)
        else:
            rows[row].append(relative)
    # A grandmother's thirty relatives would make one unreadable line; each generation wraps
    # onto as many lines as it needs, the person's own line staying centred on them.
    lines: list[list[Relative | None]] = []
    for row in sorted(rows):
        members = rows[row]
        for start in range(0, len(members), PER_LINE):
            lines.append(members[start : start + PER_LINE])
    widest = max(len(line) for line in lines)
    width = MARGIN * 2 + widest * NODE_WIDTH + (widest - 1) * GAP_X
    nodes: list[Node] = []
    subject_node: Node | None = None
    for number, members in enumerate(lines):
        line_width = len(members) * NODE_WIDTH + (len(members) - 1) * GAP_X
        start_x = (width - line_width) // 2
        y = MARGIN + number * (NODE_HEIGHT + GAP_Y)
        for index, member in enumerate(members):
            x = start_x + index * (NODE_WIDTH + GAP_X)
            if member is None:
                subject_node = Node(subject, "", None, x, y, True, subject_status)
                nodes.append(subject_node)
            else:
                nodes.append(
                    Node(member.label, member.relation, member.url, x, y, False, member.status)
                )
    assert subject_node is not None  # noqa: S101  (narrows a type; the lines above ensure it)
    edges = [
        Edge(subject_node.centre_x, subject_node.centre_y, node.centre_x, node.centre_y)
        for node in nodes
        if not node.is_subject
    ]
    height = MARGIN * 2 + len(lines) * NODE_HEIGHT + (len(lines) - 1) * GAP_Y
    return Layout(nodes, edges, width, height)
