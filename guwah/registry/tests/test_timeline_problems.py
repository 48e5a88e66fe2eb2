"""Impossible timelines are found, and uncertain dates are never declared contradictory."""

import datetime as dt

from guwah.registry.dates import PartialDate
from guwah.registry.timeline import Entry, timeline_problems

TODAY = dt.date(2026, 1, 1)


def entry(kind: str, date: str | None, key: int = 0) -> Entry:
    return Entry(kind, PartialDate.parse(date) if date else None, key)


def codes(birth: str | None, entries: list[Entry]) -> list[str]:
    born = PartialDate.parse(birth) if birth else None
    return [problem.code for problem in timeline_problems(born, entries, today=TODAY)]


def test_it_refuses_a_release_certainly_before_the_first_detention():
    assert codes(None, [entry("camp", "2018-03"), entry("release", "2017")]) == [
        "release_before_detention"
    ]


def test_it_accepts_a_release_in_the_same_year_as_a_detention_known_only_by_year():
    assert codes(None, [entry("camp", "2018"), entry("release", "2018-02")]) == []


def test_it_refuses_a_birth_after_an_arrest():
    assert codes("1990", [entry("arrest", "1985")]) == ["before_birth"]


def test_it_refuses_events_after_a_confirmed_death():
    assert codes(None, [entry("death", "2019-01"), entry("transfer", "2020")]) == ["after_death"]


def test_it_accepts_events_after_a_reported_death():
    assert codes(None, [entry("reported_death", "2019"), entry("prison", "2020")]) == []


def test_it_refuses_a_date_in_the_future():
    assert codes(None, [entry("arrest", "2027")]) == ["future"]


def test_it_refuses_two_confirmed_deaths():
    assert codes(None, [entry("death", "2019"), entry("death", "2019")]) == ["two_deaths"]


def test_about_dates_overlap_rather_than_contradict():
    assert codes("about 1990", [entry("arrest", "1990-01")]) == []
