"""What a relative is to the family member, named from the path of family ties between them.

The family space stores only parent, child, spouse and sibling edges (what the registry's
``FamilyTie`` holds); the words families use ("granddaughter", "son-in-law", "niece") are read
from the path that leads from the family member to the relative. Pure: no models, no database;
the words go through gettext, so a reader sees them in her own language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PARENT: Final = "parent"
CHILD: Final = "child"
SPOUSE: Final = "spouse"
SIBLING: Final = "sibling"
EDGES: Final = (PARENT, CHILD, SPOUSE, SIBLING)

MALE: Final = "m"
FEMALE: Final = "f"

# Steps that say the same as a shorter path, in the way families count: a husband's child is
# one's child, a parent's child one's sibling, a sibling's sibling one's sibling.
_SHORTER: Final = {
    (SPOUSE, CHILD): (CHILD,),
    (PARENT, CHILD): (SIBLING,),
    (SIBLING, SIBLING): (SIBLING,),
    (CHILD, SIBLING): (CHILD,),
    (SIBLING, PARENT): (PARENT,),
}

# Path -> (word whatever the sex, word for a man, word for a woman).
_WORDS: Final = {
    (): (_("you"), _("you"), _("you")),
    (PARENT,): (_("parent"), _("father"), _("mother")),
    (CHILD,): (_("child"), _("son"), _("daughter")),
    (SPOUSE,): (_("spouse"), _("husband"), _("wife")),
    (SIBLING,): (_("sibling"), _("brother"), _("sister")),
    (PARENT, PARENT): (_("grandparent"), _("grandfather"), _("grandmother")),
    (PARENT, PARENT, PARENT): (
        _("great-grandparent"),
        _("great-grandfather"),
        _("great-grandmother"),
    ),
    (CHILD, CHILD): (_("grandchild"), _("grandson"), _("granddaughter")),
    (CHILD, CHILD, CHILD): (
        _("great-grandchild"),
        _("great-grandson"),
        _("great-granddaughter"),
    ),
    (CHILD, SPOUSE): (_("child-in-law"), _("son-in-law"), _("daughter-in-law")),
    (CHILD, CHILD, SPOUSE): (
        _("grandchild's spouse"),
        _("grandson-in-law"),
        _("granddaughter-in-law"),
    ),
    (SPOUSE, PARENT): (_("parent-in-law"), _("father-in-law"), _("mother-in-law")),
    (SPOUSE, SIBLING): (_("sibling-in-law"), _("brother-in-law"), _("sister-in-law")),
    (SIBLING, SPOUSE): (_("sibling-in-law"), _("brother-in-law"), _("sister-in-law")),
    (SIBLING, CHILD): (_("nephew or niece"), _("nephew"), _("niece")),
    (SIBLING, CHILD, CHILD): (
        _("grandnephew or grandniece"),
        _("grandnephew"),
        _("grandniece"),
    ),
    (PARENT, SIBLING): (_("aunt or uncle"), _("uncle"), _("aunt")),
    (PARENT, SIBLING, SPOUSE): (_("aunt or uncle"), _("uncle"), _("aunt")),
    (PARENT, SIBLING, CHILD): (
        pgettext_lazy("relative", "cousin"),
        pgettext_lazy("male relative", "cousin"),
        pgettext_lazy("female relative", "cousin"),
    ),
}

_RELATIVE: Final = _("relative")


class UnknownEdge(ValueError):
    """A path holds a step that is not a family tie Guwah stores."""


def shortest(path: Sequence[str]) -> tuple[str, ...]:
    """``path`` with the steps that say the same as a shorter one folded away."""
    for edge in path:
        if edge not in EDGES:
            raise UnknownEdge(edge)
    folded = tuple(path)
    changed = True
    while changed:
        changed = False
        for index in range(len(folded) - 1):
            pair = (folded[index], folded[index + 1])
            if pair in _SHORTER:
                folded = folded[:index] + _SHORTER[pair] + folded[index + 2 :]
                changed = True
                break
    return folded


def relation_word(path: Sequence[str], sex: str = "") -> str:
    """The word for the relative at the end of ``path`` (the steps from the family member),
    for a man (``"m"``), a woman (``"f"``) or either; "relative" where families have no
    single word."""
    words = _WORDS.get(shortest(path))
    if words is None:
        return str(_RELATIVE)
    generic, male, female = words
    return str({MALE: male, FEMALE: female}.get(sex, generic))


def relative_word() -> str:
    """The word for a relative the ties do not name more closely."""
    return str(_RELATIVE)


def inverse(edge: str) -> str:
    """The edge seen from the other end: a parent's child, a child's parent."""
    if edge not in EDGES:
        raise UnknownEdge(edge)
    return {PARENT: CHILD, CHILD: PARENT}.get(edge, edge)
