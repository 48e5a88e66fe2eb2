"""How the map colours a state, for one instrument or for a state's whole record.

Colours are chosen to stay apart for the common forms of colour blindness (blue against red,
with amber and purple for the in-between cases); the legend and the table always say in words
what each colour means.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guwah.positions.records import Stance, Summary

SUMMARY = "summary"

# Map keys that are not stances or summaries.
NOT_NAMED = "not-named"
NO_CHANCE = "no-chance"
OUTSIDE = "outside"


@dataclass(frozen=True)
class Category:
    key: str
    label: str | Promise
    colour: str


STANCE_CATEGORIES = [
    Category(Stance.CRITICAL, _("Signed a critical statement"), "#2166ac"),
    Category(Stance.YES, _("Voted yes (to debate the OHCHR assessment)"), "#2166ac"),
    Category(Stance.RECOGNITION, _("Recognised genocide or crimes against humanity"), "#053061"),
    Category(Stance.ABSTAIN, _("Abstained"), "#f1a340"),
    Category(Stance.NO, _("Voted no"), "#b2182b"),
    Category(Stance.SUPPORTIVE, _("Signed in support of the policy"), "#b2182b"),
    Category(NOT_NAMED, _("Not among the names known, though it could have acted"), "#bdbdbd"),
    Category(NO_CHANCE, _("Had no chance to act (not on the Council that year)"), "#e7e1ef"),
]

# What each member of a group did with one instrument (see :mod:`guwah.positions.chances`).
OUTCOME_CATEGORIES = [
    Category("critical", _("Critical (signed, voted yes or recognised)"), "#2166ac"),
    Category("abstained", _("Abstained"), "#f1a340"),
    Category("supportive", _("Supportive of the policy (signed or voted no)"), "#b2182b"),
    Category("silent", _("Silent, though it could have acted"), "#bdbdbd"),
    Category(NO_CHANCE, _("Had no chance to act"), "#e7e1ef"),
]

SUMMARY_CATEGORIES = [
    Category(Summary.ALWAYS_CRITICAL, _("Always critical"), "#2166ac"),
    Category(Summary.CHANGED_SIDES, _("Changed sides"), "#762a83"),
    Category(Summary.ABSTAINED, _("Abstained at least once, never supportive"), "#f1a340"),
    Category(Summary.ALWAYS_SUPPORTIVE, _("Always supportive of the policy"), "#b2182b"),
    Category(
        Summary.NEVER_SPOKE,
        _("Never spoke, though it could have (UN member or observer)"),
        "#bdbdbd",
    ),
]

OUTSIDE_CATEGORY = Category(OUTSIDE, _("Not a UN member or observer; no position known"), "#f4f4f1")

CATEGORIES = {category.key: category for category in [*STANCE_CATEGORIES, *SUMMARY_CATEGORIES]}
CATEGORIES[OUTSIDE] = OUTSIDE_CATEGORY

OUTCOMES = {category.key: category for category in OUTCOME_CATEGORIES}
# Beside a group's map, a state outside the group is just that.
NOT_IN_GROUP = Category(OUTSIDE, _("Not in this group"), "#f4f4f1")
