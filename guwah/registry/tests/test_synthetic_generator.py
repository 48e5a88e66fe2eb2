"""The synthetic generator alone: deterministic, plausible families and timelines, no database."""

from __future__ import annotations

import itertools

import pytest

from guwah.registry.dates import PartialDate
from guwah.registry.synthetic import (
    SYNTHETIC_NOTE,
    PlaceRef,
    SyntheticRegistry,
    person_names,
)
from guwah.registry.timeline import Entry, timeline_problems

PLACES = [
    PlaceRef(id=1, name_en="Invented County", latitude=39.5, longitude=76.0),
    PlaceRef(id=2, name_en="Other County", latitude=41.2, longitude=80.3),
    PlaceRef(id=3, name_en="Unmapped County", latitude=None, longitude=None),
]


def _families(persons: int, seed: int = 7) -> list:
    return list(SyntheticRegistry(PLACES, seed=seed).families(persons))


def _summary(families: list) -> list:
    return [
        (
            [
                (
                    p.sex,
                    p.birth_date,
                    [n.text for n in p.names],
                    [(e.kind, e.date) for e in p.events],
                )
                for p in family.persons
            ],
            family.ties,
        )
        for family in families
    ]


def test_the_same_seed_gives_the_same_data() -> None:
    assert _summary(_families(300, seed=11)) == _summary(_families(300, seed=11))


def test_another_seed_gives_other_data() -> None:
    assert _summary(_families(300, seed=11)) != _summary(_families(300, seed=12))


def test_it_makes_exactly_the_number_of_persons_asked_for() -> None:
    for count in (1, 39, 40, 41, 500):
        assert sum(len(f.persons) for f in _families(count)) == count


def test_families_have_at_most_forty_relatives_and_some_are_large() -> None:
    sizes = [len(f.persons) for f in _families(3000)]

    assert max(sizes) <= 40
    assert max(sizes) > 15
    assert min(sizes) == 1


def test_children_carry_their_fathers_given_name() -> None:
    checked = 0
    for family in _families(1000):
        by_key = {p.key: p for p in family.persons}
        for person_key, relative_key, relation in family.ties:
            relative = by_key[relative_key]
            if relation == "parent" and relative.sex == "m":
                child = by_key[person_key]
                assert child.father_given == relative.given
                assert child.names[0].text.split(" ")[-1] == relative.given[0].split(" ")[-1]
                checked += 1
    assert checked > 100


def test_ties_join_distinct_members_of_one_family_once() -> None:
    for family in _families(1000):
        keys = {p.key for p in family.persons}
        pairs = set()
        for person_key, relative_key, relation in family.ties:
            assert person_key != relative_key
            assert {person_key, relative_key} <= keys
            assert relation in {"parent", "sibling", "spouse", "other"}
            pair = frozenset((person_key, relative_key))
            assert pair not in pairs
            pairs.add(pair)


def test_names_are_in_several_scripts_with_a_primary_uyghur_form() -> None:
    family = _families(40)[0]
    scripts = {n.script for p in family.persons for n in p.names}

    for person in family.persons:
        assert person.names[0].script == "ug-Arab"
        assert person.names[0].kind == "primary"
        assert any(n.script == "zh-Hans" and "·" in n.text for n in person.names)
    assert "zh-Hans" in scripts
    pytest.importorskip("guwah.names.uyghur")
    assert "ug-Latn" in scripts


def test_a_compound_name_keeps_the_latin_apostrophe() -> None:
    pytest.importorskip("guwah.names.uyghur")
    import random

    names = person_names(("رەيھانگۈل", "热依汗古丽"), ("مەمەت", "买买提"), random.Random(1))

    assert ("Reyhan'gül Memet", "ug-Latn") in [(n.text, n.script) for n in names]


def test_timelines_run_forward_within_2016_to_2024_and_pass_the_registry_checks() -> None:
    documented = 0
    for family in _families(2000):
        for person in family.persons:
            if not person.events:
                continue
            documented += 1
            dates = [PartialDate.parse(e.date) for e in person.events]
            # The stated year; "after 2015" may open a timeline that starts in 2016.
            assert all(2015 <= d.year <= 2024 for d in dates)
            middles = [d.sort_key for d in dates]
            assert middles == sorted(middles) or _only_overlapping(dates)
            entries = [
                Entry(kind=e.kind, date=d, key=i, sentence_months=e.sentence_months)
                for i, (e, d) in enumerate(zip(person.events, dates, strict=True))
            ]
            birth = PartialDate.parse(person.birth_date)
            assert timeline_problems(birth, entries) == []
            for event in person.events:
                assert (event.sentence_months is not None) == (event.kind == "sentence")
    assert documented > 500


def _only_overlapping(dates: list[PartialDate]) -> bool:
    # A year-only date's middle may sort after a precise date in the same year; that is
    # uncertainty, not a contradiction, as long as neither is certainly before the other.
    return all(not later.latest < earlier.earliest for earlier, later in itertools.pairwise(dates))


def test_sources_cite_only_documented_persons() -> None:
    for family in _families(2000):
        documented = {p.key for p in family.persons if p.events}
        if family.testimony is not None:
            assert set(family.testimony.person_keys) == documented
            assert "Synthetic testimony" in family.testimony.text
        for evidence in family.evidence:
            assert set(evidence.person_keys) <= documented
            assert evidence.reference.startswith("https://example.org/synthetic/")


def test_facilities_lie_near_their_place_and_say_they_are_synthetic() -> None:
    generator = SyntheticRegistry(PLACES, seed=3)
    places = {p.id: p for p in PLACES}

    for facility in generator.facilities:
        assert facility.name_en.startswith("Synthetic ")
        place = places[facility.place_id]
        if place.latitude is None:
            assert facility.latitude is None
        else:
            assert abs(facility.latitude - place.latitude) <= 0.2
            assert abs(facility.longitude - place.longitude) <= 0.25
    assert {f.place_id for f in generator.facilities} == set(places)


def test_identity_numbers_can_never_be_real_ones() -> None:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    numbers = [p.id_number for f in _families(2000) for p in f.persons if p.id_number]

    assert len(numbers) > 100
    for number in numbers:
        assert len(number) == 18
        valid = "10X98765432"[
            sum(int(d) * w for d, w in zip(number[:17], weights, strict=True)) % 11
        ]
        assert number[17] != valid


def test_it_refuses_to_generate_without_places() -> None:
    with pytest.raises(ValueError, match="load the places first"):
        SyntheticRegistry([], seed=1)


def test_the_synthetic_note_says_the_person_does_not_exist() -> None:
    assert "does not exist" in SYNTHETIC_NOTE
