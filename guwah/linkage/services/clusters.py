"""Proposed clusters: the records the queue's pairs join into one person, decided at once.

A person reported five times is ten pairs in the queue; joined through the pairs a reviewer
may see, they are one cluster, shown side by side and merged with one decision. Each merge is
still recorded (and undone) on its own, as a merge of one pair is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guwah.linkage.models import CandidatePair, Merge
from guwah.linkage.services.errors import LinkageError
from guwah.linkage.services.review import (
    _require_reviewer,
    _required_reason,
    merge_persons,
    pairs_for_review,
)
from guwah.registry import access
from guwah.registry.models import Person

# A chain of pairs longer than this is more likely two people joined by a namesake than one
# person reported again and again: it is decided pair by pair.
LARGEST_CLUSTER = 12


def _components(edges: Iterable[tuple[int, int]]) -> dict[int, frozenset[int]]:
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, set[int]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    return {node: frozenset(group) for group in groups.values() for node in group}


def _registry_pairs(user: Any) -> list[tuple[int, int, int]]:
    return list(
        pairs_for_review(user)
        .filter(other_person__isnull=False)
        .values_list("pk", "person_id", "other_person_id")
    )


def cluster_sizes(user: Any) -> dict[int, int]:
    """For each pending registry pair ``user`` may review, how many records its cluster joins."""
    pairs = _registry_pairs(user)
    members = _components((a, b) for _pk, a, b in pairs)
    return {pk: len(members[a]) for pk, a, _b in pairs}


def cluster_of(user: Any, pair: CandidatePair) -> tuple[list[Person], list[CandidatePair]]:
    """The persons of ``pair``'s cluster (oldest record first) and the pending pairs within."""
    if pair.person_id is None or pair.other_person_id is None:
        return [], []
    pairs = _registry_pairs(user)
    members = _components((a, b) for _pk, a, b in pairs).get(pair.person_id, frozenset())
    within = [pk for pk, a, b in pairs if a in members and b in members]
    persons = list(Person.objects.filter(pk__in=members).order_by("pk"))
    return persons, list(
        CandidatePair.objects.filter(pk__in=within)
        .select_related("person", "other_person")
        .order_by("-match_probability")
    )


def merge_cluster(actor: Any, pair: CandidatePair, reason: str) -> list[Merge]:
    """One decision for a cluster: every record of ``pair``'s cluster is folded into the oldest."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    persons, pairs = cluster_of(actor, pair)
    if len(persons) < 2:
        raise LinkageError(_("This pair is not part of a cluster of pending pairs."))
    if len(persons) > LARGEST_CLUSTER:
        raise LinkageError(
            _("A cluster of %(count)d records is decided pair by pair.") % {"count": len(persons)}
        )
    if not all(access.can_view_person(actor, person) for person in persons):
        raise LinkageError(_("You may not see every record of this cluster."))
    survivor, *others = persons
    by_person = {p.other_person_id: p for p in pairs if p.person_id == survivor.pk}
    with transaction.atomic():
        return [
            merge_persons(actor, survivor, other, reason, pair=by_person.get(other.pk))
            for other in others
        ]
