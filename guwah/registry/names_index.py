"""The registry's index of names: the stored forms and search keys of every name, and search.

The names engine (:mod:`guwah.names`) turns a name into its ULY form and keys; the registry
stores them. ``Name.uly`` and ``Name.match_key`` are filled before a name is saved, and its
``NameKey`` rows after (the receivers are connected in ``RegistryConfig.ready``), so that search
finds a person by an indexed lookup of keys rather than by reading every name.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from guwah.names.match import match_key, part_keys, to_uly, whole_key
from guwah.names.new_script import reading_if_new_script
from guwah.registry.models import Name, NameKey

_KEY_LENGTH = NameKey._meta.get_field("key").max_length or 100
_ULY_LENGTH = Name._meta.get_field("uly").max_length or 300
_MATCH_KEY_LENGTH = Name._meta.get_field("match_key").max_length or 300


def stored_forms(text: str) -> tuple[str, str]:
    """The ``uly`` and ``match_key`` stored for a name written ``text``."""
    return to_uly(text)[:_ULY_LENGTH], match_key(text)[:_MATCH_KEY_LENGTH]


def fill_name_forms(name: Name) -> None:
    """Set ``uly`` and ``match_key`` of ``name`` from its ``text``."""
    name.uly, name.match_key = stored_forms(name.text or "")


# A query of several words must find the names that have the key of each of its words. Reading
# the names of each word and intersecting them costs one index entry per bearer of the
# commonest word (some 100,000 at a million persons), so pairs are looked up instead. A name of
# exactly two words with two different keys, the great majority, is found by its
# ``Name.match_key`` (its two keys, sorted), which is indexed already; every other name with two
# or more different keys gets a ``NameKey`` row for each pair of them, in parts -2, -3, ...
FIRST_PAIR_PART = -2
# The part under which a copy of the keys (the memorial's) keeps the pair that a two-word name is
# found by through its ``match_key``: a pair part no name of the registry reaches.
MATCH_KEY_PAIR_PART = -32768


def pair_key(first: str, second: str) -> str:
    """The key under which a name having both ``first`` and ``second`` is found."""
    return " ".join(sorted((first, second)))[:_KEY_LENGTH]


def _found_by_match_key(parts: tuple[str, ...]) -> bool:
    return (
        len(parts) == 2
        and all(0 < len(part) <= _KEY_LENGTH for part in parts)
        and parts[0] != parts[1]
    )


def stored_keys(text: str) -> dict[int, str]:
    """The ``NameKey`` rows of a name, by part: each word's key, the whole name's, and the
    pairs of different keys of a name that ``Name.match_key`` does not find."""
    parts = part_keys(text)
    keys = {index: key[:_KEY_LENGTH] for index, key in enumerate(parts) if key}
    whole = whole_key(text)
    if whole:
        keys[NameKey.WHOLE] = whole[:_KEY_LENGTH]
    if not _found_by_match_key(parts):
        distinct = sorted(set(key[:_KEY_LENGTH] for key in parts if key))
        for offset, (first, second) in enumerate(combinations(distinct, 2)):
            keys[FIRST_PAIR_PART - offset] = pair_key(first, second)
    return keys


def searched_pairs(keys: dict[int, str]) -> dict[int, str]:
    """The pairs by which search finds a name whose ``NameKey`` rows are ``keys`` (part to key):
    its pair rows, or, for a name of two different words (found by ``Name.match_key``), that
    pair under ``MATCH_KEY_PAIR_PART``. What a copy of the rows needs to be searched alone."""
    pairs = {part: key for part, key in keys.items() if part <= FIRST_PAIR_PART}
    words = [key for part, key in sorted(keys.items()) if part >= 0]
    if not pairs and len(words) == 2 and words[0] != words[1]:
        pairs[MATCH_KEY_PAIR_PART] = pair_key(words[0], words[1])
    return pairs


def refresh_name_keys(names: Iterable[Name]) -> int:
    """Rewrite the ``NameKey`` rows of ``names``; returns how many rows were written."""
    names = [name for name in names if name.pk is not None]
    if not names:
        return 0
    rows = [
        NameKey(name_id=name.pk, part=part, key=key)
        for name in names
        for part, key in stored_keys(name.text or "").items()
    ]
    with transaction.atomic():
        NameKey.objects.filter(name_id__in=[name.pk for name in names]).delete()
        NameKey.objects.bulk_create(rows)
    return len(rows)


# Every saved name carries its ULY form and keys, whichever code path saved it. Fixtures
# (``raw``) are loaded as they were dumped, keys included.
def on_name_pre_save(sender: Any, instance: Name, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        fill_name_forms(instance)


def on_name_post_save(sender: Any, instance: Name, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh_name_keys([instance])


# A word with more names than this is common (at a million persons, a given name borne by one
# person in 175): search then walks the list in its order, asking of each person whether one of
# their names has it, which fills a page sooner than reading every bearer of the name and
# sorting them. Rarer words, and names of several words (whose keys must all be on one name),
# are read from the key index first.
COMMON_FROM = 20_000


def _names_with_keys(keys: list[str], whole: str) -> QuerySet:
    """The ids of the names matching ``keys`` and ``whole``, found from the key indexes alone."""
    if len(keys) > 1:
        pair = pair_key(keys[0], keys[1])
        matching = NameKey.objects.filter(key=pair, part__lte=FIRST_PAIR_PART)
        for key in keys[2:]:
            matching = matching.filter(
                Exists(NameKey.objects.filter(name_id=OuterRef("name_id"), key=key, part__gte=0))
            )
        name_ids = matching.values("name_id")
        if len(keys) == 2:
            # A union, not an OR: each side is one range of an index.
            name_ids = name_ids.union(Name.objects.filter(match_key=pair).order_by().values("pk"))
    else:
        name_ids = NameKey.objects.filter(key__in=keys or [whole]).values("name_id")
    if whole and (len(keys) > 1 or whole not in keys):
        name_ids = name_ids.union(
            NameKey.objects.filter(key=whole, part=NameKey.WHOLE).values("name_id")
        )
    return name_ids


def _name_matches(keys: list[str], whole: str) -> Q:
    """The rule of :func:`_names_with_keys` as a condition on one ``Name``."""

    def has(**lookup: Any) -> Exists:
        return Exists(NameKey.objects.filter(name_id=OuterRef("pk"), **lookup))

    if len(keys) > 1:
        matches = Q(*[has(key=key, part__gte=0) for key in keys])
    else:
        matches = Q(has(key__in=keys or [whole]))
    if whole and (len(keys) > 1 or whole not in keys):
        matches |= Q(has(key=whole, part=NameKey.WHOLE))
    return matches


def _is_common(keys: list[str], whole: str) -> bool:
    if len(keys) > 1:
        return False
    # One entry of the key index, far along the word's names, says whether they are many.
    beyond = NameKey.objects.filter(key__in=keys or [whole]).values_list("key", flat=True)
    return bool(list(beyond[COMMON_FROM : COMMON_FROM + 1]))


def query_keys(query: str) -> list[tuple[list[str], str]]:
    """The keys of each reading of ``query`` (one, or two when a plain Latin query may be typed
    in the New Script), as search looks them up: the distinct keys of its words, in order, and
    the key of the whole. A reading with neither is left out."""
    if not isinstance(query, str):
        return []
    readings = [query]
    new_script = reading_if_new_script(query)
    if new_script is not None:
        readings.append(new_script)
    found = []
    for reading in readings:
        keys = list(dict.fromkeys(key[:_KEY_LENGTH] for key in part_keys(reading) if key))
        whole = whole_key(reading)[:_KEY_LENGTH]
        if keys or whole:
            found.append((keys, whole))
    return found


def search_persons(queryset: QuerySet, query: str) -> QuerySet:
    """The persons of ``queryset`` with a name matching ``query`` in any script or spelling.

    A query of several words finds names that have the key of every word as the key of one of
    their words (in any order), or whose whole-name key equals the query's; a single word finds
    names having it as any part or as the whole. An empty query returns no one.
    """
    readings = query_keys(query)
    if not readings:
        return queryset.none()
    found = _search_keys(queryset, *readings[0])
    for keys, whole in readings[1:]:
        found = found | _search_keys(queryset, keys, whole)
    return found


def _search_keys(queryset: QuerySet, keys: list[str], whole: str) -> QuerySet:
    if _is_common(keys, whole):
        return queryset.filter(
            Exists(Name.objects.filter(person_id=OuterRef("pk")).filter(_name_matches(keys, whole)))
        )
    names = Name.objects.filter(pk__in=_names_with_keys(keys, whole))
    return queryset.filter(pk__in=names.values("person_id"))


def reindex_all_names(batch_size: int = 2000) -> int:
    """Recompute ``uly``, ``match_key`` and keys of every name, for names saved without signals."""
    count = 0
    batch: list[Name] = []
    for name in Name.objects.order_by("pk").iterator(chunk_size=batch_size):
        fill_name_forms(name)
        batch.append(name)
        if len(batch) >= batch_size:
            count += _store(batch)
            batch = []
    if batch:
        count += _store(batch)
    return count


def _store(names: list[Name]) -> int:
    with transaction.atomic():
        Name.objects.bulk_update(names, ["uly", "match_key"])
        refresh_name_keys(names)
    return len(names)
