"""The names engine inside the registry: stored forms and keys of every name, and person search.

``Name.uly`` and ``Name.match_key`` are filled before a name is saved, and its ``NameKey`` rows
after, so that search finds a person by an indexed lookup of keys rather than by reading every
name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from guwah.names.match import match_key, part_keys, to_uly, whole_key
from guwah.names.models import NameKey

_KEY_LENGTH = NameKey._meta.get_field("key").max_length or 100


def fill_name_forms(name: Any) -> None:
    """Set ``uly`` and ``match_key`` of a registry ``Name`` from its ``text``."""
    uly_length = name._meta.get_field("uly").max_length
    key_length = name._meta.get_field("match_key").max_length
    name.uly = to_uly(name.text or "")[:uly_length]
    name.match_key = match_key(name.text or "")[:key_length]


def _keys_of(text: str) -> dict[int, str]:
    keys = {index: key[:_KEY_LENGTH] for index, key in enumerate(part_keys(text)) if key}
    whole = whole_key(text)
    if whole:
        keys[NameKey.WHOLE] = whole[:_KEY_LENGTH]
    return keys


def refresh_name_keys(names: Iterable[Any]) -> int:
    """Rewrite the ``NameKey`` rows of ``names``; returns how many rows were written."""
    names = [name for name in names if name.pk is not None]
    if not names:
        return 0
    rows = [
        NameKey(name_id=name.pk, part=part, key=key)
        for name in names
        for part, key in _keys_of(name.text or "").items()
    ]
    with transaction.atomic():
        NameKey.objects.filter(name_id__in=[name.pk for name in names]).delete()
        NameKey.objects.bulk_create(rows)
    return len(rows)


def on_name_pre_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        fill_name_forms(instance)


def on_name_post_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh_name_keys([instance])


def search_persons(queryset: QuerySet, query: str) -> QuerySet:
    """The persons of ``queryset`` with a name matching ``query`` in any script or spelling.

    A query of several words finds names that have the key of every word (in any order) or
    whose whole-name key equals the query's; a single word finds names having it as any part or
    as the whole. An empty query returns no one.
    """
    from guwah.registry.models import Name

    if not isinstance(query, str):
        return queryset.none()
    keys = [key[:_KEY_LENGTH] for key in part_keys(query) if key]
    whole = whole_key(query)[:_KEY_LENGTH]
    if not keys and not whole:
        return queryset.none()
    # Everything is found from the key index: the keys give name ids, the name ids person ids,
    # and only then are persons filtered, by one ``IN``. An OR of conditions over ``Name``
    # itself would have the database read every name.
    distinct_keys = list(dict.fromkeys(keys))
    if len(distinct_keys) > 1:
        having_all = NameKey.objects.filter(key=distinct_keys[-1]).values("name_id")
        for key in distinct_keys[1:-1]:
            having_all = NameKey.objects.filter(key=key, name_id__in=having_all).values("name_id")
        matching = Q(key=distinct_keys[0], name_id__in=having_all)
    else:
        matching = Q(key__in=distinct_keys or [whole])
    if whole:
        matching |= Q(key=whole, part=NameKey.WHOLE)
    name_ids = NameKey.objects.filter(matching).values("name_id")
    person_ids = Name.objects.filter(pk__in=name_ids).values("person_id")
    return queryset.filter(pk__in=person_ids)


def reindex_all_names(batch_size: int = 2000) -> int:
    """Recompute ``uly``, ``match_key`` and keys of every name, for names saved without signals."""
    from guwah.registry.models import Name

    count = 0
    batch: list[Any] = []
    for name in Name.objects.order_by("pk").iterator(chunk_size=batch_size):
        fill_name_forms(name)
        batch.append(name)
        if len(batch) >= batch_size:
            count += _store(batch)
            batch = []
    if batch:
        count += _store(batch)
    return count


def _store(names: list[Any]) -> int:
    from guwah.registry.models import Name

    with transaction.atomic():
        Name.objects.bulk_update(names, ["uly", "match_key"])
        refresh_name_keys(names)
    return len(names)
