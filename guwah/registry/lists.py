"""Pages of person lists at a million persons, found without counting the whole list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import QuerySet

from guwah.registry.models import Name, Person, Place
from guwah.registry.status import annotate_status

# order (newest change first, ``person_recent_idx``). At a million persons the database finds
# them fastest by walking that index and testing each person in turn, deriving the status only
# for the persons it walks; it must not read a whole prefecture, or every person with a common
# name, and sort them. Where a filter leaves few persons, reading them first and sorting them
# is the faster way, and the functions below choose between the two.


# A place with at least this many persons is walked in list order; a smaller one is read
# through the hometown index and sorted. Walking reads about 51 / (share of all persons who
# are in the place and have the status) index entries, and derives the status of 51 / (share
# of the status) of them; reading costs one row per person of the place, each with its status
# derived when the list filters by status (3 to 5 microseconds a person). Every prefecture is
# walked at a million persons; at a hundred thousand, the smaller ones are read (measured in
# docs/benchmarks.md: a bound of 10,000 read them all, at 60 ms a page, and one of 3,200 made
# a search by name within a prefecture slower).
WALK_PLACES_FROM = 5_000


class _Unindexed(models.Func):
    """``column + 0``: the column's value, which no index on the column answers.

    A filter on it leaves the database the list's order index to walk, which it would not
    choose on its own: neither SQLite nor PostgreSQL can estimate how many persons the derived
    status lets through, so both prefer reading a whole prefecture through the hometown index,
    deriving the status of each of its persons.
    """

    template = "(%(expressions)s + 0)"
    output_field = models.BigIntegerField()


def in_place(persons: QuerySet[Person], place: Place) -> QuerySet[Person]:
    """Those of ``persons`` whose hometown is ``place`` or lies within it."""
    within = Place.objects.within(place)
    in_it = persons.filter(hometown_id__in=within)
    # One index entry, far into the place's persons, says whether they are many.
    many = in_it.order_by().values_list("hometown_id", flat=True)[
        WALK_PLACES_FROM - 1 : WALK_PLACES_FROM
    ]
    if not list(many):
        return in_it
    return persons.alias(hometown_unindexed=_Unindexed("hometown_id")).filter(
        hometown_unindexed__in=within
    )


@dataclass(frozen=True)
class PersonPage:
    """One page of a person list, found without counting the whole list.

    A total over a million persons costs more than the page itself (and, filtered by the
    derived status, would derive it for every one of them), so a page only knows whether
    another follows it.
    """

    persons: list[Person]
    number: int
    has_next: bool

    def __iter__(self) -> Iterator[Person]:
        return iter(self.persons)

    def __len__(self) -> int:
        return len(self.persons)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


# What a row of the person list shows (``registry/_person_results.html``).
LIST_ROW_FIELDS = ("synthetic", "birth_date", "visibility", "hometown__name_en")


def _as_a_short_query() -> None:
    # PostgreSQL prices a walk that may stop after a few rows as if it read the whole index
    # (it cannot tell how many persons a derived status or a name lets through). That puts the
    # query above ``jit_above_cost`` (compiling it then took 30 to 400 ms, for a query that
    # runs in one or two) and makes parallel workers look worth starting (at a million persons
    # they took 45 ms to start, and each walked its own share of the index). ``SET LOCAL``
    # ends with the transaction the caller opened.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def page_of_persons(persons: QuerySet[Person], number: object, size: int) -> PersonPage:
    """Page ``number`` (counted from 1; anything else reads as 1) of ``persons`` in their
    order, each with ``derived_status``, their hometown and their names."""
    try:
        page_number = max(int(str(number)), 1)
    except ValueError:
        page_number = 1
    start = (page_number - 1) * size
    with transaction.atomic():
        _as_a_short_query()
        # One row beyond the page tells whether another page follows.
        ids = list(persons.values_list("pk", flat=True)[start : start + size + 1])
        # Only what a list row shows is read: building fifty persons, their hometowns and
        # some two hundred names is a good part of the page's time.
        found = {
            person.pk: person
            for person in annotate_status(Person.objects.filter(pk__in=ids[:size]))
            .select_related("hometown")
            .only(*LIST_ROW_FIELDS)
            .prefetch_related(
                models.Prefetch("names", Name.objects.only("person_id", "text", "script", "kind"))
            )
        }
    return PersonPage(
        persons=[found[pk] for pk in ids[:size] if pk in found],
        number=page_number,
        has_next=len(ids) > size,
    )
