"""The derived status, read from the timeline alone (no database)."""

from guwah.registry.dates import PartialDate
from guwah.registry.timeline import Entry, Status, derive_status


def entry(kind: str, date: str | None, key: int = 0, months: int | None = None) -> Entry:
    return Entry(kind, PartialDate.parse(date) if date else None, key, months)


def test_a_person_with_no_events_has_an_unknown_status():
    assert derive_status([]).status is Status.UNKNOWN


def test_the_last_event_decides_the_status():
    events = [entry("arrest", "2017-04", 1), entry("camp", "2017-05", 2), entry("release", "2019")]
    derived = derive_status(events)
    assert derived.status is Status.RELEASED
    assert derived.entry == events[2]
    assert derived.since == PartialDate.parse("2019")


def test_a_transfer_after_a_sentence_leaves_the_person_sentenced():
    events = [
        entry("arrest", "2017", 1),
        entry("sentence", "2018", 2, months=180),
        entry("transfer", "2020", 3),
    ]
    derived = derive_status(events)
    assert derived.status is Status.SENTENCED
    assert derived.entry == events[1]
    assert derived.sentence_ends == 2033


def test_an_arrest_and_a_sentence_in_the_same_year_are_ordered_naturally():
    events = [entry("sentence", "2018", 1), entry("arrest", "2018", 2)]
    assert derive_status(events).status is Status.SENTENCED


def test_a_confirmed_death_is_final_even_before_undated_events():
    events = [entry("death", "2020", 1), entry("camp", None, 2)]
    assert derive_status(events).status is Status.DECEASED


def test_a_reported_death_is_not_a_death():
    assert derive_status([entry("reported_death", "2021", 1)]).status is Status.REPORTED_DEAD


def test_a_later_sighting_overrides_a_reported_death():
    events = [entry("reported_death", "2019", 1), entry("prison", "2021", 2)]
    assert derive_status(events).status is Status.SENTENCED


def test_lost_contact_alone_reads_as_lost_contact():
    assert derive_status([entry("lost_contact", "2017", 1)]).status is Status.LOST_CONTACT


def test_only_transfers_still_mean_the_person_is_held():
    assert derive_status([entry("transfer", "2019", 1)]).status is Status.DETAINED
