"""The memorial's name search reads the search keys of the published full-level entries' names,
kept beside the summaries (a common name is then looked for among a few published entries,
not among every bearer of it in the registry). It finds what the registry's own search finds,
in every script and spelling; a name added, changed or removed is found (or not) on the next
search; and keys left stale by a bulk write are noticed and the registry searched instead."""

from __future__ import annotations

from typing import Any

import pytest

from guwah.public import reading, summaries
from guwah.public.models import PublicNameKey
from guwah.public.reading.statistics import forget_statistics
from guwah.registry import services
from guwah.registry.models import Name

pytestmark = pytest.mark.django_db

QUERIES = [
    "Memtimin Hoshur",  # Latin for a name entered in Arabic script
    "Maimaitiming Wushouer",  # pinyin
    "买买提明·吾守尔",  # Chinese characters
    "Memtimin Hoxur",  # the New Script's x for sh
    "Hoshur Memtimin",  # the parts swapped
    "MemtiminHoshur",  # the parts run together
    "Memtimin",
    "Tursun",
    "Gulbahar Tursun Qizi",  # three words: every one must be on one name
    "Rahile Dawutqiz",  # a partial entry: never found by name
    "Abduweli",  # restricted: never found
    "",
    "   ",
    "Nobody Atall",
]


@pytest.fixture
def everyone(memtimin: Any, gulbahar: Any, partial: Any, unpublished: Any, colleague: Any) -> dict:
    services.add_name(colleague, gulbahar, text="Gulbahar Tursun Qizi", script="ug-Latn")
    return {"memtimin": memtimin, "gulbahar": gulbahar, "partial": partial}


def _found(query: str) -> list[int]:
    forget_statistics()
    return [person.entry for person in reading.public_persons(query=query).persons]


def _through_the_registry(query: str) -> list[int]:
    PublicNameKey.objects.all().delete()  # as after names written in bulk: incomplete
    forget_statistics()
    assert not summaries.names_complete()
    try:
        return _found(query)
    finally:
        summaries.refresh()


def test_the_kept_keys_find_what_the_registry_finds_for_every_query(everyone: dict) -> None:
    assert summaries.complete() and summaries.names_complete()
    kept = {query: _found(query) for query in QUERIES}
    assert {query: _through_the_registry(query) for query in QUERIES} == kept
    memtimin, gulbahar = everyone["memtimin"].pk, everyone["gulbahar"].pk
    for query in QUERIES[:6]:
        assert kept[query] == [memtimin], query
    assert kept["Tursun"] == kept["Gulbahar Tursun Qizi"] == [gulbahar]
    for query in QUERIES[9:]:
        # An empty query chooses no one out: every published entry, the partial one too.
        everyone_published = [memtimin, gulbahar, everyone["partial"].pk]
        assert kept[query] == (everyone_published if not query.strip() else []), query


def test_only_the_names_of_full_entries_are_kept(everyone: dict, partial: Any) -> None:
    kept_persons = set(PublicNameKey.objects.values_list("person_id", flat=True))
    assert kept_persons == {everyone["memtimin"].pk, everyone["gulbahar"].pk}
    assert partial.pk not in kept_persons


def test_a_name_added_changed_or_removed_is_searched_at_once(
    everyone: dict, colleague: Any
) -> None:
    gulbahar = everyone["gulbahar"]
    added = services.add_name(colleague, gulbahar, text="Aynur Hesen", script="ug-Latn")
    assert _found("Aynur Hesen") == [gulbahar.pk]
    services.update_name(colleague, added, text="Patime Qasim")
    assert _found("Aynur Hesen") == []
    assert _found("Patime Qasim") == [gulbahar.pk]
    services.delete_name(colleague, Name.objects.get(pk=added.pk))
    assert _found("Patime Qasim") == []
    assert summaries.names_complete()


def test_a_level_lowered_takes_the_names_out_of_the_search(everyone: dict, owner: Any) -> None:
    memtimin = everyone["memtimin"]
    services.set_publication_level(owner, memtimin, level="partial")
    assert _found("Memtimin Hoshur") == []
    assert not PublicNameKey.objects.filter(person_id=memtimin.pk).exists()


def test_names_written_in_bulk_are_noticed_and_searched_in_the_registry(
    everyone: dict,
) -> None:
    gulbahar = everyone["gulbahar"]
    # A bulk writer (an import) adds a name and its keys without the signals that keep the copy.
    name = Name.objects.bulk_create(
        [Name(person=gulbahar, text="Patigul Hesen", script="ug-Latn", synthetic=True)]
    )[0]
    from guwah.registry.names_index import fill_name_forms, refresh_name_keys

    fill_name_forms(name)
    Name.objects.filter(pk=name.pk).update(uly=name.uly, match_key=name.match_key)
    refresh_name_keys([name])
    forget_statistics()
    assert not summaries.names_complete()
    assert _found("Patigul Hesen") == [gulbahar.pk]
