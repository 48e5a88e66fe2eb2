"""Synthetic data written in large batches: the one documented exception to "every registry
write goes through a service".

:func:`write_bulk` inserts rows with explicit keys, as plain tuples (``executemany`` on SQLite,
``COPY`` on PostgreSQL), for benchmarks and large demonstrations: a million persons in minutes
where the services would take hours. It fills what the registry's signals would have filled
(the names engine's stored forms and search keys), writes no history rows (these records have
no earlier version), and announces every batch's rows with
:data:`guwah.registry.signals.bulk_created` inside the batch's transaction, so that the
transparency log records them as it records a documenter's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from guwah.demo import plans
from guwah.evidence.models import CustodyEvent, EvidenceFile
from guwah.registry.dates import PartialDate
from guwah.registry.encryption import EncryptedMixin, LookupHashField, lookup_hash
from guwah.registry.models import (
    Event,
    Evidence,
    Facility,
    FamilyTie,
    IdentityDocument,
    Name,
    NameKey,
    Person,
    Testimony,
)
from guwah.registry.names_index import stored_forms, stored_keys
from guwah.registry.signals import bulk_created
from guwah.registry.synthetic import SyntheticRegistry


@dataclass(frozen=True)
class NameForms:
    uly: str
    match_key: str
    # (part, key) rows of the name's ``NameKey``s: 0, 1, ... per word, -1 the whole,
    # -2, -3, ... pairs of keys (``guwah.registry.names_index.stored_keys``).
    keys: tuple[tuple[int, str], ...]


@lru_cache(maxsize=262144)
def name_forms(text: str) -> NameForms:
    """The stored forms of a name, as the registry computes them when a name is saved.

    Bulk rows are written without ``Name.save``, so they are filled here; names repeat a great
    deal, hence the cache.
    """
    uly, match_key = stored_forms(text)
    return NameForms(uly, match_key, tuple(stored_keys(text).items()))


def announce(model: type[models.Model], records: Iterable[models.Model]) -> None:
    """Tell the apps above the registry that ``records`` of ``model`` were written in bulk."""
    bulk_created.send(sender=model, records=records)


def delete_synthetic_data() -> dict[str, int]:
    """Remove every synthetic record, and nothing else; the history of real records stays."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        # Custody steps and stored-file links protect their evidence item; for an invented
        # item, viewed in a demonstration, they go with it (the stored bytes stay).
        for evidence_model in (CustodyEvent, EvidenceFile):
            deleted, _ = evidence_model.objects.filter(evidence__synthetic=True).delete()
            counts[evidence_model._meta.label] = deleted
        # Events reference facilities with PROTECT, so events go before facilities.
        for model in (Event, Testimony, Evidence, Person, Facility):
            deleted, _ = model.objects.filter(synthetic=True).delete()
            counts[model._meta.label] = deleted
        for model in (Event, Testimony, Evidence, Person, Facility):
            history = getattr(model, "history", None)
            if history is not None:
                history.filter(synthetic=True).delete()
    return counts


@dataclass
class WriteReport:
    persons: int = 0
    names: int = 0
    ties: int = 0
    events: int = 0
    testimonies: int = 0
    evidence: int = 0
    facilities: int = 0
    families: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def write_facilities_bulk(
    generator: SyntheticRegistry, *, announce_rows: bool = True
) -> dict[int, int]:
    """Store the generator's facilities; return their database ids by plan key."""
    rows = [
        Facility(**plans.facility_fields(plan), synthetic=True) for plan in generator.facilities
    ]
    created = Facility.objects.bulk_create(rows, batch_size=500)
    if any(row.pk is None for row in created):
        # A backend that cannot return keys: read them back in the order they were written.
        ids = list(
            Facility.objects.filter(synthetic=True).order_by("-pk").values_list("pk", flat=True)
        )[: len(rows)][::-1]
    else:
        ids = [row.pk for row in created]
    if announce_rows:
        announce(Facility, Facility.objects.filter(pk__in=ids).order_by("pk"))
    return {plan.key: pk for plan, pk in zip(generator.facilities, ids, strict=True)}


class _Table:
    """Rows of one table as plain tuples, in the order of its concrete columns.

    ``bulk_create`` spends ten times longer building model instances and compiling SQL than
    the database spends inserting; at a million persons that is the difference between minutes
    and a quarter of an hour. Rows are therefore built here as tuples, with each column's
    default and each value adapted as Django would adapt it, and inserted with the cursor's
    ``executemany`` (SQLite) or ``COPY`` (PostgreSQL).
    """

    def __init__(self, model: Any, connection: Any) -> None:
        self.model = model
        self.table = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.index = {attname: i for i, attname in enumerate(self.attnames)}
        self.adapters: list[Callable[[Any], Any] | None] = []
        template: list[Any] = []
        ops = connection.ops
        for f in fields:
            adapt: Callable[[Any], Any] | None = None
            if connection.vendor != "postgresql":
                if isinstance(f, models.DateTimeField):
                    adapt = lru_cache(maxsize=1024)(ops.adapt_datetimefield_value)
                elif isinstance(f, models.DateField):
                    adapt = lru_cache(maxsize=8192)(ops.adapt_datefield_value)
            if isinstance(f, EncryptedMixin):
                # Encrypted as Django would encrypt it: a copied database reveals no witness.
                adapt = partial(f.get_db_prep_value, connection=connection)
            self.adapters.append(adapt)
            if isinstance(f, models.FileField):
                default: Any = ""
            elif f.has_default() or not f.null:
                default = f.get_default()
            else:
                default = None
            template.append(
                adapt(default) if adapt is not None and default is not None else default
            )
        self.template = template
        self.plain = all(adapt is None for adapt in self.adapters)
        # Keyed hashes of encrypted columns, computed from the plaintext the row is given.
        self.hashes = [(self.index[f.attname], f) for f in fields if isinstance(f, LookupHashField)]
        self.rows: list[tuple[Any, ...]] = []

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        for attname, value in values.items():
            try:
                i = self.index[attname]
            except KeyError:
                raise TypeError(f"{self.table} has no column {attname}") from None
            adapt = self.adapters[i]
            row[i] = adapt(value) if adapt is not None and value is not None else value
        for i, field in self.hashes:
            row[i] = lookup_hash(str(values.get(field.source) or ""), field.label)
        self.rows.append(tuple(row))

    def flush(self, connection: Any) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})",  # noqa: S608  (table and columns the code owns; values bound)
                    self.rows,
                )
        self.rows = []


def _is_postgres_superuser(connection: Any) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def write_bulk(
    generator: SyntheticRegistry,
    persons: int,
    *,
    owners: Sequence[Any] = (),
    batch_persons: int = 20000,
    progress: Callable[[int], None] | None = None,
    announce_rows: bool = True,
    skip_foreign_key_triggers: bool = False,
) -> WriteReport:
    """Store ``persons`` synthetic persons in large batches, with explicit keys.

    Keys are assigned here (from the current maximum) so that names, ties and events can point
    at their person without reading keys back; PostgreSQL's sequences are moved past them at
    the end. Each batch is one transaction. No history rows are written: these records have no
    earlier versions. With ``announce_rows`` every batch's rows are announced
    (:data:`~guwah.registry.signals.bulk_created`) in the batch's transaction, where the
    transparency log records them as model signals would have had it; the benchmark turns this
    off to measure the registry alone.

    PostgreSQL checks every foreign key of every copied row with a trigger, which doubles the
    load time. The keys made here are consistent by construction, so a caller that checks the
    result afterwards (the benchmark does) may pass ``skip_foreign_key_triggers`` to turn the
    triggers off for its batches; it takes effect only for a superuser, and nowhere else.
    """
    report = WriteReport()
    owner_ids = [getattr(owner, "pk", owner) for owner in owners] or [None]
    now = dt.datetime.now(dt.UTC)

    @lru_cache(maxsize=4096)
    def dated(text: str) -> tuple[dt.date, dt.date, dt.date, str, int]:
        parsed = PartialDate.parse(text)
        return parsed.earliest, parsed.latest, parsed.sort_key, parsed.edtf(), parsed.year

    def next_id(model: Any) -> int:
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    person_rows = _Table(Person, connection)
    name_rows = _Table(Name, connection)
    document_rows = _Table(IdentityDocument, connection)
    tie_rows = _Table(FamilyTie, connection)
    testimony_rows = _Table(Testimony, connection)
    testimony_person_rows = _Table(Testimony.persons.through, connection)
    evidence_rows = _Table(Evidence, connection)
    evidence_person_rows = _Table(Evidence.persons.through, connection)
    event_rows = _Table(Event, connection)
    event_testimony_rows = _Table(Event.testimonies.through, connection)
    event_evidence_rows = _Table(Event.evidence.through, connection)
    key_rows = _Table(NameKey, connection)
    # Parents before children, so that every foreign key points at a row already written.
    tables = (
        person_rows,
        name_rows,
        key_rows,
        document_rows,
        tie_rows,
        testimony_rows,
        testimony_person_rows,
        evidence_rows,
        evidence_person_rows,
        event_rows,
        event_testimony_rows,
        event_evidence_rows,
    )
    protected = {"synthetic": True, "created_at": now, "updated_at": now}

    with transaction.atomic():
        facility_ids = write_facilities_bulk(generator, announce_rows=announce_rows)
        report.facilities = len(facility_ids)
    ids = {
        model: next_id(model)
        for model in (Person, Name, FamilyTie, Event, Testimony, Evidence, IdentityDocument)
    }
    link_ids = {
        table: next_id(table.model)
        for table in tables
        if table.model._meta.auto_created or table is key_rows
    }

    def new_id(model: Any) -> int:
        value = ids[model]
        ids[model] = value + 1
        return value

    def link(table: _Table, **values: Any) -> None:
        """A row of a table of plain integers and text (links, name keys): no defaults or
        adapters apply, so the tuple is built directly, in the table's column order."""
        key = link_ids[table]
        link_ids[table] = key + 1
        if table.plain and len(values) + 1 == len(table.attnames):
            values["id"] = key
            table.rows.append(tuple(values[attname] for attname in table.attnames))
        else:
            table.add(id=key, **values)

    def add_source(
        rows: _Table,
        fields: dict[str, Any],
        owner_id: int | None,
        about: _Table,
        persons: list[int],
    ) -> int:
        """A testimony or an item of evidence the family's owner submitted, and its links to
        the persons it is about; returns its key."""
        source_id = new_id(rows.model)
        rows.add(id=source_id, **fields, created_by_id=owner_id, **protected)
        column = f"{rows.model._meta.model_name}_id"
        for person_id in persons:
            link(about, **{column: source_id, "person_id": person_id})
        return source_id

    if connection.vendor == "sqlite":
        # Index pages stay in memory between batches (256 MiB for this connection only):
        # at a million persons the B-tree inserts otherwise reread pages from disk.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    logged_models = (Person, Name, IdentityDocument, FamilyTie, Testimony, Evidence, Event)
    batch_start = dict(ids)

    replica_role = skip_foreign_key_triggers and _is_postgres_superuser(connection)

    def flush() -> None:
        with transaction.atomic():
            if replica_role:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            for table in tables:
                table.flush(connection)
            if announce_rows:
                for model in logged_models:
                    written = model._base_manager.filter(
                        pk__gte=batch_start[model], pk__lt=ids[model]
                    ).order_by("pk")
                    announce(model, written.iterator(chunk_size=2000))
        batch_start.update(ids)
        if progress is not None:
            progress(report.persons)

    for family in generator.families(persons):
        owner_id = owner_ids[family.number % len(owner_ids)]
        person_ids: list[int] = []
        for plan in family.persons:
            person_id = new_id(Person)
            person_ids.append(person_id)
            _, _, _, birth_date, birth_year = dated(plan.birth_date)
            person_rows.add(
                id=person_id,
                **plans.person_fields(plan),
                birth_date=birth_date,
                birth_year=birth_year,
                hometown_id=plan.hometown_id,
                visibility=plan.visibility,
                created_by_id=owner_id,
                **protected,
            )
            for name in plan.names:
                forms = name_forms(name.text)
                name_id = new_id(Name)
                name_rows.add(
                    id=name_id,
                    person_id=person_id,
                    text=name.text,
                    script=name.script,
                    kind=name.kind,
                    uly=forms.uly,
                    match_key=forms.match_key,
                    synthetic=True,
                )
                for part, key in forms.keys:
                    link(key_rows, name_id=name_id, part=part, key=key)
            if plan.id_number:
                document_rows.add(
                    id=new_id(IdentityDocument),
                    person_id=person_id,
                    kind="prc_id",
                    number=plan.id_number,
                    synthetic=True,
                )
        for person_key, relative_key, relation in family.ties:
            inverse = FamilyTie.INVERSE[FamilyTie.Relation(relation)]
            for a, b, rel in (
                (person_key, relative_key, relation),
                (relative_key, person_key, inverse),
            ):
                tie_rows.add(
                    id=new_id(FamilyTie),
                    person_id=person_ids[a],
                    relative_id=person_ids[b],
                    relation=str(rel),
                    synthetic=True,
                )
        testimony_id = None
        if family.testimony is not None:
            told = family.testimony
            testimony_id = add_source(
                testimony_rows,
                plans.testimony_fields(told),
                owner_id,
                testimony_person_rows,
                [person_ids[member] for member in told.person_keys],
            )
            report.testimonies += 1
        evidence_ids: dict[int, int] = {}
        for item in family.evidence:
            evidence_ids[item.key] = add_source(
                evidence_rows,
                plans.evidence_fields(item),
                owner_id,
                evidence_person_rows,
                [person_ids[member] for member in item.person_keys],
            )
            report.evidence += 1
        for plan, person_id in zip(family.persons, person_ids, strict=True):
            for event in plan.events:
                event_id = new_id(Event)
                earliest, latest, middle, edtf, _ = dated(event.date)
                event_rows.add(
                    id=event_id,
                    person_id=person_id,
                    **plans.event_fields(event),
                    date=edtf,
                    date_earliest=earliest,
                    date_latest=latest,
                    date_sort=middle,
                    place_id=event.place_id,
                    facility_id=facility_ids[event.facility_key]
                    if event.facility_key is not None
                    else None,
                    synthetic=True,
                    created_at=now,
                )
                if event.cites_testimony and testimony_id is not None:
                    link(event_testimony_rows, event_id=event_id, testimony_id=testimony_id)
                if event.evidence_key is not None:
                    evidence_id = evidence_ids[event.evidence_key]
                    link(event_evidence_rows, event_id=event_id, evidence_id=evidence_id)
                report.events += 1
        report.persons += len(family.persons)
        report.names += sum(len(p.names) for p in family.persons)
        report.ties += 2 * len(family.ties)
        report.families += 1
        if len(person_rows.rows) >= batch_persons:
            flush()
    flush()

    if connection.vendor == "postgresql":
        models = [table.model for table in tables]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    return report
