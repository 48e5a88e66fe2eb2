"""Pairs the registry itself records as relatives: related, not the same person.

A family tie between two persons, in either direction, or a parent both are recorded as
children of, says the registry already knows them as two people. The model may still score
such a pair high (siblings share a father's name, a mother and a hometown), so these pairs are
kept out of the review queue unless the evidence of one person is overwhelming: the same
identity number on both sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from guwah.registry.models import FamilyTie

# The level of the identity-number comparison (``model.level_labels``) that overrides a tie.
_SAME_ID_NUMBER = 2


def related_persons(person_ids: Iterable[int]) -> tuple[set[frozenset[int]], dict[int, set[int]]]:
    """Among ``person_ids``: the pairs tied directly, and each person's recorded parents."""
    wanted = set(person_ids)
    tied: set[frozenset[int]] = set()
    parents: dict[int, set[int]] = defaultdict(set)
    for person_id, relative_id, relation in FamilyTie.objects.filter(
        person_id__in=wanted
    ).values_list("person_id", "relative_id", "relation"):
        if relative_id in wanted:
            tied.add(frozenset((person_id, relative_id)))
        if relation == FamilyTie.Relation.PARENT:
            parents[person_id].add(relative_id)
    return tied, parents


def are_related(a: int, b: int, tied: set[frozenset[int]], parents: dict[int, set[int]]) -> bool:
    return frozenset((a, b)) in tied or bool(parents.get(a, set()) & parents.get(b, set()))


def without_relatives(best: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``best`` (pairs of ``person:N`` refs) split into the pairs kept and the pairs of
    recorded relatives left out."""
    if best.empty:
        return best, best
    left = best["left_ref"].map(_person_id)
    right = best["right_ref"].map(_person_id)
    tied, parents = related_persons({int(x) for x in (*left.dropna(), *right.dropna())})
    related = pd.Series(
        [
            a is not None and b is not None and are_related(a, b, tied, parents)
            for a, b in zip(left, right, strict=True)
        ],
        index=best.index,
        dtype=bool,
    )
    if "gamma_id_number" in best.columns:
        same_id = pd.to_numeric(best["gamma_id_number"], errors="coerce") == _SAME_ID_NUMBER
        related &= ~same_id
    return best[~related], best[related]


def _person_id(ref: str) -> int | None:
    kind, _sep, number = ref.partition(":")
    return int(number) if kind == "person" else None
