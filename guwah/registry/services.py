"""Every change to the registry, as plain functions that views, commands and the API all call.

Each function takes the ``actor`` (the user making the change), asks
:mod:`guwah.registry.access` whether they may, validates everything before writing anything,
and writes inside one transaction, so that bad input leaves nothing half-saved. Records are
always saved one by one through the ORM: the history and the evidence log listen to the model
signals, which bulk updates and raw SQL would bypass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guwah.registry import access, timeline
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Evidence,
    FamilyTie,
    Incident,
    Name,
    Person,
    Place,
    Protected,
    Script,
    Testimony,
    Visibility,
    describe_invalid_date,
)
from guwah.registry.timeline import DerivedStatus, Entry, Problem, Status

STATUS_LABELS: dict[str, Any] = {
    Status.DETAINED: gettext_lazy("Detained"),
    Status.SENTENCED: gettext_lazy("Sentenced"),
    Status.FORCED_LABOUR: gettext_lazy("In forced labour"),
    Status.RELEASED: gettext_lazy("Released"),
    Status.DECEASED: gettext_lazy("Deceased"),
    Status.REPORTED_DEAD: gettext_lazy("Reported dead"),
    Status.DISAPPEARED: gettext_lazy("Disappeared"),
    Status.LOST_CONTACT: gettext_lazy("Lost contact"),
    Status.UNKNOWN: gettext_lazy("Unknown"),
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _as_history_of(record: models.Model, actor: Any, reason: str | None = None) -> None:
    # The request middleware names the user for web requests; commands and the API call the
    # same services without a request, so the actor is named here for all of them.
    record._history_user = actor  # type: ignore[attr-defined]
    if reason:
        record._change_reason = reason  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Status, derived from the timeline


def entries_of(events: Iterable[Event]) -> list[Entry]:
    return [
        Entry(
            kind=event.kind,
            date=event.partial_date,
            key=event.pk or 0,
            sentence_months=event.sentence_months,
        )
        for event in events
    ]


def derive_status(person: Person) -> DerivedStatus:
    """The person's current status, read from their events (use ``prefetch_related("events")``
    when deriving it for many persons)."""
    return timeline.derive_status(entries_of(person.events.all()))


def status_event(person: Person, derived: DerivedStatus) -> Event | None:
    """The event a derived status rests on, whose sources are the status's provenance."""
    if derived.entry is None:
        return None
    for event in person.events.all():
        if event.pk == derived.entry.key:
            return event
    return None


def _status_of_person() -> Coalesce:
    """A person's derived status as one correlated subquery over their own events.

    The subquery picks the event the status rests on (a death wherever it stands; otherwise
    the last event of a kind that changes the status; otherwise the last transfer) and says
    the status of its kind. Being one scalar subquery on the ``(person, date_sort)`` index, it
    costs a few index probes per person, and the database evaluates it only for the rows it
    reads: the page's, or, filtering by status, those it walks in list order until the page is
    full. Mapping the kind to a status inside the subquery keeps it a single subquery; a
    ``CASE`` outside it would repeat it once for every kind.
    """
    deciding_kinds = [*timeline.STATUS_OF_LAST_KIND, timeline.TRANSFER]
    priority = models.Case(
        models.When(kind=timeline.DEATH, then=models.Value(0)),
        models.When(kind=timeline.TRANSFER, then=models.Value(2)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    rank = models.Case(
        *[
            models.When(kind=kind, then=models.Value(timeline.natural_rank(kind)))
            for kind in deciding_kinds
        ],
        output_field=models.IntegerField(),
    )
    status = models.Case(
        *[
            models.When(kind__in=kinds, then=models.Value(status.value))
            for status, kinds in _kinds_by_status().items()
        ],
        output_field=models.CharField(),
    )
    deciding = (
        Event.objects.filter(person=OuterRef("pk"), kind__in=deciding_kinds)
        .order_by(priority, models.F("date_sort").desc(nulls_first=True), rank.desc(), "-pk")
        .annotate(status=status)
        .values("status")[:1]
    )
    return Coalesce(
        Subquery(deciding, output_field=models.CharField()),
        models.Value(Status.UNKNOWN.value),
        output_field=models.CharField(),
    )


def _kinds_by_status() -> dict[Status, list[str]]:
    kinds: dict[Status, list[str]] = {}
    for kind, status in timeline.STATUS_OF_LAST_KIND.items():
        kinds.setdefault(status, []).append(kind)
    kinds.setdefault(Status.DETAINED, []).append(timeline.TRANSFER)
    return kinds


def annotate_status(persons: QuerySet[Person]) -> QuerySet[Person]:
    """Add ``derived_status`` to each person, computed by the database as :func:`derive_status`
    computes it in Python, so lists can filter and count by status without storing it."""
    return persons.annotate(derived_status=_status_of_person())


def with_status(persons: QuerySet[Person], status: str) -> QuerySet[Person]:
    """Those of ``persons`` (already passed through :func:`annotate_status`) whose derived
    status is ``status``."""
    return persons.filter(models.Q(("derived_status", status)))


def count_by_status(persons: QuerySet[Person]) -> Counter[str]:
    """How many of ``persons`` have each derived status, counted by the database."""
    rows = (
        annotate_status(persons)
        .order_by()
        .values_list(models.F("derived_status"))
        .annotate(count=models.Count("id"))
    )
    return Counter({status: count for status, count in rows})


# --------------------------------------------------------------------------------------------
# Person lists
#
# A list page is the first 51 persons (one more tells whether another page follows) in list
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


def places_within(place: Place) -> list[int]:
    """``place`` and the places within it, down to a village: a handful of keys, read first so
    that the person query needs no join over the place hierarchy."""
    within = {place.pk}
    level = [place.pk]
    for _depth in range(3):
        level = list(Place.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        if not level:
            break
        within.update(level)
    return sorted(within)


def in_place(persons: QuerySet[Person], place: Place) -> QuerySet[Person]:
    """Those of ``persons`` whose hometown is ``place`` or lies within it."""
    within = places_within(place)
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


# --------------------------------------------------------------------------------------------
# Timeline validation


def _kind_label(kind: object) -> str:
    try:
        return str(Event.Kind(str(kind)).label)
    except ValueError:
        return str(kind)


def problem_message(problem: Problem) -> str:
    params = dict(problem.params)
    for key in ("kind", "detention_kind"):
        if key in params:
            params[key] = _kind_label(params[key])
    messages = {
        "future": _("%(kind)s on %(date)s would be in the future."),
        "before_birth": _("%(kind)s on %(date)s would be before the birth (%(birth)s)."),
        "release_before_detention": _(
            "A release on %(date)s cannot come before the first detention "
            "(%(detention_kind)s, %(detention)s)."
        ),
        "two_deaths": _("A person can have only one confirmed death."),
        "after_death": _(
            "%(kind)s on %(date)s would be after the death (%(death)s). If the death was "
            "only reported, record it as a reported death."
        ),
    }
    return messages.get(problem.code, problem.code) % params


def validate_timeline(
    person: Person,
    new_event: Event | None = None,
    *,
    birth_date: str | None = None,
    removed: Event | None = None,
) -> None:
    """Refuse, with every reason at once, a timeline that cannot have happened.

    ``new_event`` is an unsaved or changed event, checked together with the person's others;
    ``birth_date`` checks a new birth date against the events already recorded.
    """
    replaced = {event.pk for event in (new_event, removed) if event is not None and event.pk}
    events = [event for event in person.events.all() if event.pk not in replaced]
    if new_event is not None:
        events.append(new_event)
    birth_text = person.birth_date if birth_date is None else birth_date
    try:
        birth = PartialDate.parse(birth_text) if birth_text else None
        entries = entries_of(events)
    except InvalidPartialDate as exc:
        raise ValidationError(describe_invalid_date(exc)) from exc
    problems = timeline.timeline_problems(birth, entries)
    if problems:
        field = "birth_date" if birth_date is not None and new_event is None else "date"
        raise ValidationError({field: [problem_message(problem) for problem in problems]})


# --------------------------------------------------------------------------------------------
# Persons and names


def _check_visibility(actor: Any, current: str | None, visibility: str | None) -> None:
    """May ``actor`` move a record from visibility ``current`` (None: a new record) to
    ``visibility`` (None: unchanged)?"""
    if visibility is None or visibility == current:
        return
    if visibility not in Visibility.values:
        raise ValidationError(
            {"visibility": _("“%(value)s” is not a visibility.") % {"value": visibility}}
        )
    _require(
        access.can_set_visibility(actor, visibility),
        _("Only a reviewer or an administrator may make a record public."),
    )


def _check_publishable(record: Protected) -> None:
    if record.visibility == Visibility.PUBLIC and not record.consent_publish:
        raise ValidationError(
            {
                "visibility": _(
                    "This record cannot be made public: its family has not agreed to publication."
                )
            }
        )


def detect_script(text: str) -> str:
    """The script a name is written in, when its writer did not say."""
    try:
        from guwah.names.scripts import detect_script as detect
    except ImportError:  # Without the names engine, an unnamed script is "other Latin".
        return Script.INFORMAL_LATIN
    detected = detect(text)
    return detected if detected in Script.values else Script.INFORMAL_LATIN


def _clean_script(script: str) -> str:
    if script not in Script.values:
        raise ValidationError(
            {
                "script": _("“%(tag)s” is not a script Guwah knows. Use one of: %(known)s.")
                % {"tag": script, "known": ", ".join(Script.values)}
            }
        )
    return script


def _new_name(person: Person, text: str, script: str, kind: str | None, synthetic: bool) -> Name:
    text = (text or "").strip()
    name = Name(
        person=person,
        text=text,
        script=_clean_script(script or detect_script(text)),
        kind=kind or Name.Kind.PRIMARY,
        synthetic=synthetic,
    )
    name.full_clean(exclude=["person"])
    return name


def create_person(actor: Any, *, names: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Person:
    """Record a new person with their names (each a mapping of text, script and kind)."""
    _require(access.can_add_records(actor), _("You may not add records."))
    _check_upload(fields.get("photo"), "photo")
    _check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    person = Person(created_by=actor, **fields)
    person.full_clean()
    _check_publishable(person)
    # Every name is checked before the first row is written.
    pending = [
        _new_name(person, n["text"], n["script"], n.get("kind"), person.synthetic) for n in names
    ]
    with transaction.atomic():
        _as_history_of(person, actor)
        person.save()
        for name in pending:
            name.person = person
            _as_history_of(name, actor)
            name.save()
    return person


PERSON_FIELDS = frozenset(
    {
        "sex",
        "birth_date",
        "ethnicity",
        "hometown",
        "hometown_id",
        "occupation",
        "photo",
        "notes",
        "visibility",
        "consent_publish",
        "consent_share_un",
        "consent_name_witness",
    }
)


def update_person(actor: Any, person: Person, **fields: Any) -> Person:
    _require(access.can_edit_person(actor, person), _("You may not change this record."))
    _check_upload(fields.get("photo"), "photo")
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"update_person got unknown fields: {sorted(unknown)}")
    _check_visibility(actor, person.visibility, fields.get("visibility"))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        for key, value in fields.items():
            setattr(locked, key, value)
        locked.full_clean()
        _check_publishable(locked)
        if "birth_date" in fields:
            validate_timeline(locked, birth_date=locked.birth_date)
        _as_history_of(locked, actor)
        locked.save()
    for key in fields:
        setattr(person, key, getattr(locked, key))
    person.birth_year = locked.birth_year
    return locked


def delete_person(actor: Any, person: Person) -> None:
    _require(access.can_delete_person(actor, person), _("You may not delete this record."))
    with transaction.atomic():
        # The mirrored ties would be deleted by the cascade too; deleting them one by one
        # keeps a history row for each.
        for tie in FamilyTie.objects.filter(models.Q(person=person) | models.Q(relative=person)):
            _as_history_of(tie, actor)
            tie.delete()
        _as_history_of(person, actor)
        person.delete()


def add_name(
    actor: Any, person: Person, *, text: str, script: str, kind: str = Name.Kind.ALIAS
) -> Name:
    _require(access.can_edit_person(actor, person), _("You may not change this record."))
    name = _new_name(person, text, script, kind, person.synthetic)
    with transaction.atomic():
        _as_history_of(name, actor)
        name.save()
    return name


def update_name(actor: Any, name: Name, **fields: Any) -> Name:
    _require(access.can_edit_person(actor, name.person), _("You may not change this record."))
    if "script" in fields:
        fields["script"] = _clean_script(
            fields["script"] or detect_script(fields.get("text", name.text))
        )
    with transaction.atomic():
        for key in ("text", "script", "kind"):
            if key in fields:
                setattr(name, key, fields[key])
        name.text = name.text.strip()
        name.full_clean()
        _as_history_of(name, actor)
        name.save()
    return name


def delete_name(actor: Any, name: Name) -> None:
    _require(access.can_edit_person(actor, name.person), _("You may not change this record."))
    with transaction.atomic():
        _as_history_of(name, actor)
        name.delete()


# --------------------------------------------------------------------------------------------
# Family ties


def add_family_tie(
    actor: Any, person: Person, relative: Person, relation: str, note: str = ""
) -> FamilyTie:
    """Record that ``relative`` is ``person``'s ``relation``, and the inverse tie with it."""
    _require(
        access.can_edit_person(actor, person) and access.can_edit_person(actor, relative),
        _("You may not change these records."),
    )
    if person.pk == relative.pk:
        raise ValidationError({"relative": _("A person cannot be their own relative.")})
    if relation not in FamilyTie.Relation.values:
        raise ValidationError(
            {"relation": _("“%(value)s” is not a relation.") % {"value": relation}}
        )
    inverse = FamilyTie.INVERSE[FamilyTie.Relation(relation)]
    if FamilyTie.objects.filter(person=person, relative=relative).exists():
        raise ValidationError({"relative": _("These two persons are already linked.")})
    synthetic = person.synthetic and relative.synthetic
    with transaction.atomic():
        tie = FamilyTie(
            person=person, relative=relative, relation=relation, note=note, synthetic=synthetic
        )
        mirror = FamilyTie(
            person=relative, relative=person, relation=inverse, note=note, synthetic=synthetic
        )
        for record in (tie, mirror):
            _as_history_of(record, actor)
            record.save()
    return tie


def delete_family_tie(actor: Any, tie: FamilyTie) -> None:
    """Remove a tie and its inverse."""
    _require(
        access.can_edit_person(actor, tie.person) and access.can_edit_person(actor, tie.relative),
        _("You may not change these records."),
    )
    with transaction.atomic():
        for record in FamilyTie.objects.filter(
            models.Q(person=tie.person_id, relative=tie.relative_id)
            | models.Q(person=tie.relative_id, relative=tie.person_id)
        ):
            _as_history_of(record, actor)
            record.delete()


def add_relative(
    actor: Any,
    person: Person,
    *,
    name: str,
    script: str,
    relation: str,
    birth_date: str = "",
    sex: str = "",
    hometown: Place | None = None,
    lost_contact: str = "",
    note: str = "",
    what_is_known: str = "",
) -> Person:
    """The quick way a family adds a relative: a name as they write it, how they are related,
    what they know of the birth and the hometown, and when contact was lost."""
    with transaction.atomic():
        relative = create_person(
            actor,
            names=[{"text": name, "script": script, "kind": Name.Kind.PRIMARY}],
            birth_date=birth_date,
            sex=sex,
            hometown=hometown,
            notes=what_is_known,
            visibility=person.visibility
            if person.visibility != Visibility.PUBLIC
            else Visibility.RESTRICTED,
        )
        add_family_tie(actor, person, relative, relation, note=note)
        if lost_contact:
            add_event(actor, relative, kind=Event.Kind.LOST_CONTACT, date=lost_contact)
    return relative


# --------------------------------------------------------------------------------------------
# Events


EVENT_FIELDS = frozenset(
    {
        "kind",
        "date",
        "facility",
        "place",
        "sentence_months",
        "stated_reason",
        "description",
        "basis",
        "incident",
    }
)


def _link_sources(
    actor: Any,
    event: Event,
    testimonies: Iterable[Testimony] | None,
    evidence: Iterable[Evidence] | None,
) -> None:
    if testimonies is not None:
        chosen = list(testimonies)
        for testimony in chosen:
            _require(
                access.can_view_testimony(actor, testimony),
                _("You may not cite this testimony."),
            )
        event.testimonies.set(chosen)
    if evidence is not None:
        chosen_evidence = list(evidence)
        for item in chosen_evidence:
            _require(access.can_view_evidence(actor, item), _("You may not cite this evidence."))
        event.evidence.set(chosen_evidence)


def add_event(
    actor: Any,
    person: Person,
    *,
    testimonies: Iterable[Testimony] | None = None,
    evidence: Iterable[Evidence] | None = None,
    **fields: Any,
) -> Event:
    """Add an event to a person's timeline, citing the testimonies and evidence it rests on."""
    _require(access.can_edit_person(actor, person), _("You may not change this record."))
    unknown = set(fields) - EVENT_FIELDS - {"synthetic"}
    if unknown:
        raise TypeError(f"add_event got unknown fields: {sorted(unknown)}")
    event = Event(person=person, **fields)
    event.full_clean(exclude=["person"])
    validate_timeline(person, event)
    with transaction.atomic():
        _as_history_of(event, actor)
        event.save()
        _link_sources(actor, event, testimonies, evidence)
    return event


def update_event(
    actor: Any,
    event: Event,
    *,
    testimonies: Iterable[Testimony] | None = None,
    evidence: Iterable[Evidence] | None = None,
    **fields: Any,
) -> Event:
    _require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"update_event got unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        for key, value in fields.items():
            setattr(event, key, value)
        event.full_clean()
        validate_timeline(event.person, event)
        _as_history_of(event, actor)
        event.save()
        _link_sources(actor, event, testimonies, evidence)
    return event


def delete_event(actor: Any, event: Event) -> None:
    _require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    with transaction.atomic():
        _as_history_of(event, actor)
        event.delete()


# --------------------------------------------------------------------------------------------
# Testimony and evidence


TESTIMONY_FIELDS = frozenset(
    {
        "witness_name",
        "witness_relationship",
        "given_on",
        "language",
        "text",
        "media",
        "visibility",
        "consent_publish",
        "consent_share_un",
        "consent_name_witness",
        "synthetic",
    }
)


def _check_upload(upload: Any, field: str) -> None:
    if upload and getattr(upload, "size", 0) > settings.GUWAH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                field: _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
                % {
                    "size": f"{upload.size / 1_048_576:.1f}",
                    "limit": f"{settings.GUWAH_MAX_UPLOAD_BYTES / 1_048_576:.1f}",
                }
            }
        )


def add_testimony(
    actor: Any,
    persons: Sequence[Person],
    *,
    events: Iterable[Event] = (),
    **fields: Any,
) -> Testimony:
    """Record what a witness said about one or more persons, and the events it supports."""
    for person in persons:
        _require(access.can_edit_person(actor, person), _("You may not change this record."))
    unknown = set(fields) - TESTIMONY_FIELDS
    if unknown:
        raise TypeError(f"add_testimony got unknown fields: {sorted(unknown)}")
    if not persons:
        raise ValidationError({"persons": _("A testimony is about at least one person.")})
    _check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    testimony = Testimony(created_by=actor, **fields)
    _check_upload(fields.get("media"), "media")
    testimony.full_clean()
    _check_publishable(testimony)
    chosen_events = list(events)
    for event in chosen_events:
        _require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    with transaction.atomic():
        _as_history_of(testimony, actor)
        testimony.save()
        testimony.persons.set(persons)
        for event in chosen_events:
            event.testimonies.add(testimony)
    return testimony


def update_testimony(actor: Any, testimony: Testimony, **fields: Any) -> Testimony:
    _require(access.can_edit_testimony(actor, testimony), _("You may not change this record."))
    unknown = set(fields) - TESTIMONY_FIELDS
    if unknown:
        raise TypeError(f"update_testimony got unknown fields: {sorted(unknown)}")
    _check_visibility(actor, testimony.visibility, fields.get("visibility"))
    _check_upload(fields.get("media"), "media")
    with transaction.atomic():
        for key, value in fields.items():
            setattr(testimony, key, value)
        testimony.full_clean()
        _check_publishable(testimony)
        _as_history_of(testimony, actor)
        testimony.save()
    return testimony


def delete_testimony(actor: Any, testimony: Testimony) -> None:
    _require(access.can_edit_testimony(actor, testimony), _("You may not change this record."))
    with transaction.atomic():
        _as_history_of(testimony, actor)
        testimony.delete()


EVIDENCE_FIELDS = frozenset(
    {
        "kind",
        "title",
        "reference",
        "reliability",
        "description",
        "facility",
        "visibility",
        "consent_publish",
        "consent_share_un",
        "consent_name_witness",
        "synthetic",
    }
)


def _store_original(evidence: Evidence, upload: Any, actor: Any) -> None:
    """Keep the untouched original in the content-addressed store, with its custody record.

    The evidence app sits on top of the registry, so it is imported here rather than at the
    top of the module.
    """
    from guwah.evidence.store import UploadRefused, ingest_upload

    try:
        ingest_upload(evidence, upload, actor)
    except UploadRefused as exc:
        raise ValidationError({"file": exc.messages}) from exc


def add_evidence(
    actor: Any,
    persons: Sequence[Person] = (),
    *,
    file: Any = None,
    events: Iterable[Event] = (),
    **fields: Any,
) -> Evidence:
    """File an uploaded document or a reference as evidence about persons and events.

    All upload handling lives here, so that storing files by their content is a change to
    this one function.
    """
    _require(access.can_add_evidence(actor), _("You may not add evidence."))
    for person in persons:
        _require(access.can_edit_person(actor, person), _("You may not change this record."))
    unknown = set(fields) - EVIDENCE_FIELDS
    if unknown:
        raise TypeError(f"add_evidence got unknown fields: {sorted(unknown)}")
    _check_upload(file, "file")
    _check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    evidence = Evidence(created_by=actor, **fields)
    if not file and not evidence.reference:
        raise ValidationError(
            {"file": _("Upload a file or give a reference (a web address) to the evidence.")}
        )
    evidence.full_clean()
    _check_publishable(evidence)
    chosen_events = list(events)
    with transaction.atomic():
        _as_history_of(evidence, actor)
        evidence.save()
        if file:
            _store_original(evidence, file, actor)
        evidence.persons.set(persons)
        for event in chosen_events:
            _require(
                access.can_edit_person(actor, event.person), _("You may not change this record.")
            )
            event.evidence.add(evidence)
    return evidence


def update_evidence(actor: Any, evidence: Evidence, **fields: Any) -> Evidence:
    _require(access.can_edit_evidence(actor, evidence), _("You may not change this record."))
    unknown = set(fields) - EVIDENCE_FIELDS
    if unknown:
        raise TypeError(f"update_evidence got unknown fields: {sorted(unknown)}")
    _check_visibility(actor, evidence.visibility, fields.get("visibility"))
    with transaction.atomic():
        for key, value in fields.items():
            setattr(evidence, key, value)
        evidence.full_clean()
        _check_publishable(evidence)
        _as_history_of(evidence, actor)
        evidence.save()
    return evidence


def delete_evidence(actor: Any, evidence: Evidence) -> None:
    _require(access.can_edit_evidence(actor, evidence), _("You may not change this record."))
    with transaction.atomic():
        _as_history_of(evidence, actor)
        evidence.delete()


# --------------------------------------------------------------------------------------------
# Incidents


def add_incident(actor: Any, **fields: Any) -> Incident:
    """Record one happening that touched many people, for their events to point to."""
    _require(access.can_manage_reference_data(actor), _("Only the organisation records incidents."))
    incident = Incident(created_by=actor, **fields)
    incident.full_clean()
    with transaction.atomic():
        _as_history_of(incident, actor)
        incident.save()
    return incident


# --------------------------------------------------------------------------------------------
# Visibility and consent


def set_visibility(actor: Any, record: Protected, visibility: str) -> Protected:
    """Change who may see a record; only reviewers and administrators make it public, and only
    with the family's consent to publication."""
    _require(_may_edit(actor, record), _("You may not change this record."))
    _check_visibility(actor, record.visibility, visibility)
    with transaction.atomic():
        record.visibility = visibility
        _check_publishable(record)
        _as_history_of(record, actor)
        record.save()
    return record


def set_consent(
    actor: Any,
    record: Protected,
    *,
    publish: bool | None = None,
    share_un: bool | None = None,
    name_witness: bool | None = None,
) -> Protected:
    """Record what the family agreed to. Withdrawing consent to publish takes a public record
    back to internal at once: the family's word outranks a reviewer's earlier decision."""
    _require(_may_edit(actor, record), _("You may not change this record."))
    with transaction.atomic():
        if publish is not None:
            record.consent_publish = publish
            if not publish and record.visibility == Visibility.PUBLIC:
                record.visibility = Visibility.INTERNAL
        if share_un is not None:
            record.consent_share_un = share_un
        if name_witness is not None:
            record.consent_name_witness = name_witness
        _as_history_of(record, actor)
        record.save()
    return record


def _may_edit(actor: Any, record: Protected) -> bool:
    if isinstance(record, Person):
        return access.can_edit_person(actor, record)
    if isinstance(record, Testimony):
        return access.can_edit_testimony(actor, record)
    if isinstance(record, Evidence):
        return access.can_edit_evidence(actor, record)
    return False


# --------------------------------------------------------------------------------------------
# History


# Visibility and consent are decided only by ``set_visibility`` and ``set_consent``: restoring
# an old version must never publish what a family has since withdrawn. Bookkeeping fields
# keep their present values too.
_NOT_RESTORED = frozenset(
    {
        "visibility",
        "consent_publish",
        "consent_share_un",
        "consent_name_witness",
        "created_by",
        "created_at",
        "updated_at",
        "synthetic",
    }
)


def _may_edit_any(actor: Any, record: models.Model) -> bool:
    if isinstance(record, Protected):
        return _may_edit(actor, record)
    person = getattr(record, "person", None)
    if isinstance(person, Person):
        return access.can_edit_person(actor, person)
    return access.can_manage_reference_data(actor)


def restore_version(record: models.Model, history_id: int, actor: Any) -> models.Model:
    """Bring ``record`` back to the fields it had in history row ``history_id``.

    The restore is itself a change, kept in the history with its reason, so nothing is lost:
    the version being replaced can be restored in turn.
    """
    _require(
        access.can_restore_history(actor) and _may_edit_any(actor, record),
        _("Only a reviewer or an administrator may restore an earlier version."),
    )
    historical = record.history.get(history_id=history_id)  # type: ignore[attr-defined]
    if getattr(historical, record._meta.pk.attname) != record.pk:
        raise ValidationError(_("That version belongs to another record."))
    with transaction.atomic():
        for field in record._meta.concrete_fields:
            if field.primary_key or field.name in _NOT_RESTORED:
                continue
            setattr(record, field.attname, getattr(historical, field.attname))
        record.full_clean()
        if isinstance(record, Event):
            validate_timeline(record.person, record)
        elif isinstance(record, Person):
            validate_timeline(record, birth_date=record.birth_date)
        when = historical.history_date.strftime("%Y-%m-%d %H:%M:%S UTC")
        _as_history_of(record, actor, reason=_("Restored the version of %(when)s") % {"when": when})
        record.save()
        for field in getattr(historical, "_history_m2m_fields", []):
            target = field.m2m_reverse_field_name()
            rows = getattr(historical, field.name).all()
            getattr(record, field.name).set([getattr(row, f"{target}_id") for row in rows])
    return record


def restore_deleted(model: type[models.Model], history_id: int, actor: Any) -> models.Model:
    """Bring back a deleted name, event, family tie or identity document as it was in history
    row ``history_id``; a restored tie brings its inverse back with it."""
    if model is Person:
        raise ValidationError(_("A deleted person cannot be restored from this page."))
    historical = model.history.get(history_id=history_id)  # type: ignore[attr-defined]
    pk = getattr(historical, model._meta.pk.attname)
    if model._default_manager.filter(pk=pk).exists():
        raise ValidationError(_("This record still exists; restore one of its versions instead."))
    record = historical.instance
    person_id = getattr(record, "person_id", None)
    person = Person.objects.filter(pk=person_id).first() if person_id is not None else None
    _require(
        person is not None
        and access.can_restore_history(actor)
        and access.can_edit_person(actor, person),
        _("Only a reviewer or an administrator may restore an earlier version."),
    )
    when = historical.history_date.strftime("%Y-%m-%d %H:%M:%S UTC")
    with transaction.atomic():
        record.full_clean(validate_unique=False)
        if isinstance(record, Event):
            validate_timeline(record.person, record)
        _as_history_of(record, actor, reason=_("Restored the version of %(when)s") % {"when": when})
        record.save(force_insert=True)
        for field in getattr(historical, "_history_m2m_fields", []):
            target = field.m2m_reverse_field_name()
            rows = getattr(historical, field.name).all()
            getattr(record, field.name).set([getattr(row, f"{target}_id") for row in rows])
        if isinstance(record, FamilyTie):
            inverse = FamilyTie.INVERSE[FamilyTie.Relation(record.relation)]
            if not FamilyTie.objects.filter(
                person=record.relative_id, relative=record.person_id
            ).exists():
                mirror = FamilyTie(
                    person_id=record.relative_id,
                    relative_id=record.person_id,
                    relation=inverse,
                    note=record.note,
                    synthetic=record.synthetic,
                )
                _as_history_of(mirror, actor, reason=_("Restored with its inverse tie"))
                mirror.save()
    return record
