"""Large imports in batches: the documented exception to "every registry write goes through a
service", for lists of thousands of persons.

Through the services a person with an event costs some 20 ms (two history rows, two log
entries, the name keys, each saved alone), so 100,000 rows would take more than half an hour.
Here the rows the dry run has checked whole (every date, place, name and timeline, with the
models' own field checks) are inserted in batches, with multi-row INSERTs of their own rather
than ``bulk_create`` (see :func:`_insert`): persons, their names with the names engine's stored
forms and keys, their events with the dates the model derives, and their external IDs. Each
batch's rows are announced with the registry's
``signals.bulk_created`` in the import's one transaction, so the transparency log records
every one of them with the importing user as its actor. No history rows are written: these
records have no earlier version. Rows that cite sources or carry a testimony are written
through the services instead (see :mod:`guwah.imports.commit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from guwah.imports.models import ImportedRecord
from guwah.imports.plan import PlannedPerson
from guwah.registry.dates import PartialDate
from guwah.registry.models import Event, Name, NameKey, Person
from guwah.registry.names_index import stored_forms, stored_keys
from guwah.registry.services.checks import remove_hidden_characters
from guwah.registry.signals import bulk_created

BATCH = 2000

# Fields whose Python values the database drivers take as they are (when the value is a plain
# str, int, bool or None); any other field, or any other value, is prepared by its field. An
# exact type: subclasses (an encrypted text field) prepare their values themselves.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.BigIntegerField,
    models.ForeignKey,
)
_PLAIN_VALUES = (str, int, bool, type(None))


def _rows_per_statement(columns: int) -> int:
    """As many rows in one INSERT as the database takes bound values."""
    limit = 30000
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        getlimit = getattr(connection.connection, "getlimit", None)
        # sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER (9); before Python 3.11, Django's own figure.
        allowed = getlimit(9) if getlimit is not None else connection.features.max_query_params
        limit = min(limit, allowed or 999)
    return max(1, limit // columns)


def _insert(
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Sequence[Sequence[Any]],
    *,
    returning: bool = False,
) -> list[Any]:
    """Insert ``rows`` (one value per field, as the attribute holds it) with multi-row INSERTs;
    returns the new primary keys in order if ``returning``.

    ``bulk_create`` prepares every value of every row through its field and compiles the
    statement anew for each few dozen rows: at 100,000 persons that was most of the commit's
    time. Here a value the driver takes as it is goes as it is, and a statement holds as many
    rows as the database binds values."""
    if not rows:
        return []
    plain = [type(f) in _PLAIN_FIELDS for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = quote(model._meta.db_table)
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    step = _rows_per_statement(len(fields))
    keys: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            params: list[Any] = []
            for row in chunk:
                for field, is_plain, value in zip(fields, plain, row, strict=True):
                    if not (is_plain and type(value) in _PLAIN_VALUES):
                        value = field.get_db_prep_save(value, connection)
                    params.append(value)
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}{tail}"  # noqa: S608  (model tables, values bound)
            cursor.execute(sql, params)
            if returning:
                keys.extend(row[0] for row in cursor.fetchall())
    return keys


def _create(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """``bulk_create`` of new ``objects`` whose primary keys the database assigns, the keys
    set on them as ``bulk_create`` sets them (see :func:`_insert`)."""
    if not objects:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model._default_manager.bulk_create(objects)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    attnames = [f.attname for f in fields]
    rows = []
    for obj in objects:
        for field in stamped:
            field.pre_save(obj, True)
        rows.append([getattr(obj, name) for name in attnames])
    keys = _insert(model, fields, rows, returning=True)
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias


def _fields(model: type[models.Model], *names: str) -> list[models.Field[Any, Any]]:
    return [model._meta.get_field(name) for name in names]  # type: ignore[misc]


def fits(planned: PlannedPerson) -> bool:
    """Whether a row is written here: persons, names and events only."""
    return not planned.sources and planned.testimony is None


def _announce(model: type[models.Model], records: Sequence[models.Model], actor: Any) -> None:
    # By primary key, in key order: the log reads the rows back as stored (so it commits to
    # exactly what the database holds) as values, without a model instance per row.
    bulk_created.send(sender=model, pks=sorted(r.pk for r in records), actor=actor)


def _event(person: Person, fields: dict[str, Any]) -> Event:
    event = Event(person=person, **fields)
    remove_hidden_characters(event)
    parsed = event.partial_date
    if parsed is not None:
        event.date = parsed.edtf()
        event.date_earliest, event.date_latest = parsed.earliest, parsed.latest
        event.date_sort = parsed.sort_key
    return event


def write_batch(actor: Any, batch: Sequence[PlannedPerson]) -> None:
    """Insert one batch of checked rows, inside the caller's transaction."""
    persons = []
    for planned in batch:
        person = Person(created_by=actor, **planned.fields)
        remove_hidden_characters(person)
        if person.birth_date:
            parsed = PartialDate.parse(person.birth_date)
            person.birth_date, person.birth_year = parsed.edtf(), parsed.year
        persons.append(person)
    _create(Person, persons)
    names: list[Name] = []
    events: list[Event] = []
    for planned, person in zip(batch, persons, strict=True):
        for name in planned.names:
            uly, match_key = stored_forms(name["text"])
            names.append(
                Name(
                    person=person,
                    text=name["text"],
                    script=name["script"],
                    kind=name["kind"],
                    uly=uly,
                    match_key=match_key,
                    synthetic=person.synthetic,
                )
            )
        events.extend(
            _event(person, {"synthetic": person.synthetic, **fields}) for fields in planned.events
        )
    _create(Name, names)
    _create(Event, events)
    # The keys and the external IDs are inserted as rows, with no model instance each: nothing
    # else reads them back (the log leaves derived keys out, and does not log external IDs).
    _insert(
        NameKey,
        _fields(NameKey, "name", "part", "key"),
        [(name.pk, part, key) for name in names for part, key in stored_keys(name.text).items()],
    )
    now = timezone.now()
    _insert(
        ImportedRecord,
        _fields(ImportedRecord, "kind", "external_id", "person", "imported_by", "imported_at"),
        [
            (ImportedRecord.Kind.PERSON.value, planned.external_id, person.pk, actor.pk, now)
            for planned, person in zip(batch, persons, strict=True)
        ],
    )
    _announce(Person, persons, actor)
    _announce(Name, names, actor)
    _announce(Event, events, actor)
