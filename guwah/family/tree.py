"""The family member's tree: herself at the root, every relative reached through the family
ties of records she may see, and the drafts she is still adding, each under its anchor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from guwah.family import kinship
from guwah.family.case_status import CaseStatus, case_statuses
from guwah.family.models import DraftRelative, FamilySpace
from guwah.family.places import place_name
from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import FamilyTie, Person

ROOT_KEY = "me"
# How far from the family member the tree reaches: great-grandchildren and their spouses.
MAX_STEPS = 4
# Under each relative: spouses first, then children, then parents and siblings.
_ORDER = {kinship.SPOUSE: 0, kinship.CHILD: 1, kinship.PARENT: 2, kinship.SIBLING: 3}


@dataclass
class Node:
    key: str
    name: str
    path: tuple[str, ...]
    sex: str = ""
    person: Person | None = None
    draft: DraftRelative | None = None
    case: CaseStatus | None = None
    below: list[Node] = field(default_factory=list)
    # Reported by her but joined to her tree by no tie: shown, not built upon.
    beside: bool = False

    @property
    def edge(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def word(self) -> str:
        if any(edge not in kinship.EDGES for edge in self.path):
            # A tie recorded only as "other relative" has no word of its own.
            return kinship.relative_word()
        return kinship.relation_word(self.path, self.sex)

    @property
    def born_words(self) -> str:
        return _in_words(self.draft.birth_date if self.draft else "")

    @property
    def lost_contact_words(self) -> str:
        return _in_words(self.draft.lost_contact if self.draft else "")

    @property
    def hometown_words(self) -> str:
        """The hometown in the reader's script, with the township or village she typed."""
        record: Any = self.draft or self.person
        if record is None:
            return ""
        language = get_language() or "en"
        place = place_name(record.hometown, language) if record.hometown else ""
        # Arabic-script Uyghur separates with the Arabic comma.
        comma = "، " if language.startswith("ug") else ", "
        return comma.join(part for part in (place, record.hometown_text) if part)

    def count(self) -> int:
        return sum(1 + node.count() for node in self.below)


def _in_words(said: str) -> str:
    """A date as she typed it, said back in the reader's language ("around 1975")."""
    if not said:
        return ""
    try:
        return PartialDate.parse(said).in_words(get_language() or "en")
    except InvalidPartialDate:
        return said


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def draft_key(draft: DraftRelative) -> str:
    return f"d{draft.key}"


def _name(person: Person) -> str:
    return str(person)


def _walk(user: Any, me: Person) -> tuple[dict[int, tuple[int | None, str]], list[Person]]:
    """Breadth first from ``me``: for each person reached, who led to them and by which edge."""
    visible = access.persons_visible_to(user)
    reached: dict[int, tuple[int | None, str]] = {me.pk: (None, "")}
    frontier = [me.pk]
    for _step in range(MAX_STEPS):
        ties = (
            FamilyTie.objects.filter(person_id__in=frontier, relative__in=visible)
            .order_by("person_id", "id")
            .values_list("person_id", "relative_id", "relation")
        )
        frontier = []
        for from_id, to_id, relation in ties:
            if to_id not in reached:
                reached[to_id] = (from_id, relation)
                frontier.append(to_id)
        if not frontier:
            break
    persons = list(
        visible.filter(pk__in=list(reached))
        .select_related("hometown")
        .prefetch_related("names", "events")
        .order_by("pk")
    )
    return reached, persons


def build_tree(user: Any, space: FamilySpace, *, with_cases: bool = True) -> Node:
    """The whole tree, with each submitted relative's case in plain words (unless
    ``with_cases`` is false: placing a new draft needs only the paths)."""
    nodes: dict[str, Node] = {}
    root = Node(key=ROOT_KEY, name=user.get_full_name() or user.get_username(), path=())
    nodes[ROOT_KEY] = root
    if space.me_id is not None and space.me is not None:
        reached, persons = _walk(user, space.me)
        relatives = [person for person in persons if person.pk != space.me_id]
        statuses = case_statuses(user, relatives) if with_cases else {}
        by_id = {person.pk: person for person in persons}
        root.person = by_id.get(space.me_id)
        nodes[person_key(space.me_id)] = root
        # Parents are placed before the persons reached through them (breadth-first order).
        for person_id, (from_id, relation) in reached.items():
            if from_id is None or person_id not in by_id:
                continue
            parent = nodes.get(person_key(from_id), root)
            person = by_id[person_id]
            node = Node(
                key=person_key(person_id),
                name=_name(person),
                path=(*parent.path, relation),
                sex=person.sex,
                person=person,
                case=statuses.get(person_id),
            )
            nodes[node.key] = node
            parent.below.append(node)
    drafts = (
        list(space.drafts.select_related("hometown").order_by("created_at")) if space.pk else []
    )
    pending = drafts
    # A draft may hang under another draft saved after it; place them until none moves.
    while pending:
        waiting = []
        for draft in pending:
            if draft.anchor_draft_id is not None:
                anchor = nodes.get(f"d{draft.anchor_draft_id}")
            elif draft.anchor_person_id is not None:
                anchor = nodes.get(person_key(draft.anchor_person_id))
            else:
                anchor = root
            if anchor is None:
                waiting.append(draft)
                continue
            node = Node(
                key=draft_key(draft),
                name=draft.name,
                path=(*anchor.path, draft.edge),
                sex=draft.sex,
                draft=draft,
            )
            nodes[node.key] = node
            anchor.below.append(node)
        if len(waiting) == len(pending):
            # Anchored on a record no longer reachable: shown under the family member.
            for draft in waiting:
                root.below.append(
                    Node(key=draft_key(draft), name=draft.name, path=(draft.edge,), draft=draft)
                )
            break
        pending = waiting
    for node in nodes.values():
        node.below.sort(key=lambda child: (_ORDER.get(child.edge, 9), child.draft is not None))
    return root


def anchor_path(user: Any, space: FamilySpace, anchor: str) -> tuple[str, ...] | None:
    """The path from the family member to ``anchor`` (a node key), or None if not in her tree."""
    found = find(build_tree(user, space, with_cases=False), anchor)
    return None if found is None else found.path


def find(root: Node, key: str) -> Node | None:
    if root.key == key:
        return root
    for node in root.below:
        hit = find(node, key)
        if hit is not None:
            return hit
    return None


# Records she reported that no tie joins to her tree (the quick screen of the registry, an
# earlier import): shown beside it, at most this many, so that nothing she sent is hidden.
OTHERS_SHOWN = 200


def reported_beside(user: Any, tree: Node) -> list[Node]:
    """Her own records outside the tree, each a card with where its case stands."""
    inside = {node.person.pk for node in _all(tree) if node.person is not None}
    persons = list(
        access.persons_visible_to(user)
        .filter(created_by=user)
        .exclude(pk__in=inside)
        .select_related("hometown")
        .prefetch_related("names", "events")
        .order_by("pk")[:OTHERS_SHOWN]
    )
    statuses = case_statuses(user, persons)
    return [
        Node(
            key=person_key(person.pk),
            name=_name(person),
            path=("other",),
            sex=person.sex,
            person=person,
            case=statuses.get(person.pk),
            beside=True,
        )
        for person in persons
    ]


def _all(root: Node) -> list[Node]:
    found = [root]
    for node in root.below:
        found.extend(_all(node))
    return found
