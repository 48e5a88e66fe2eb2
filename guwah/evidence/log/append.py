"""Appending entries: one record's change, a bulk load's rows, and a confirmed backfill."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

from guwah.evidence import commitment, merkle
from guwah.evidence.canonical import canonical_json, leaf_data
from guwah.evidence.log.heads import (
    entry_seal,
    locked_state,
    now_text,
    save_state,
    schedule_tree_head,
    seal_key,
)
from guwah.evidence.log.records import (
    acting_user_id,
    documents_of_rows,
    json_value,
    links_of,
    logged_models,
    record_commitment,
    record_type,
    user_id_of,
)
from guwah.evidence.log.salts import seal_salts
from guwah.evidence.models import LogEntry, LogNode

Action = LogEntry.Action


_BULK_BATCH = 5000


@dataclass(frozen=True)
class EntrySpec:
    record_type: str
    record_id: str
    action: str
    record_sha256: str
    actor_id: int | None = None
    time: str | None = None
    backfilled: bool = False
    salts: dict[str, str] | None = None


def append_entries_bulk(specs: Iterable[EntrySpec], *, batch_size: int = _BULK_BATCH) -> int:
    """Append entries in order, in the caller's transaction (or one of its own); returns the
    index after the last. Used for every append, one entry or a million synthetic ones."""
    with transaction.atomic(savepoint=False):
        old_size, frontier = locked_state()
        size = old_size
        sealing = seal_key()
        right_edge: list[tuple[int, int, bytes]] = [
            (level, position, h)
            for (level, position), h in zip(merkle.complete_nodes(0, size), frontier, strict=True)
        ]
        entries: list[dict[str, Any]] = []
        nodes: list[dict[str, Any]] = []
        for spec in specs:
            time = spec.time or now_text()
            leaf = merkle.leaf_hash(
                leaf_data(
                    size,
                    spec.record_type,
                    spec.record_id,
                    spec.action,
                    spec.record_sha256,
                    spec.actor_id,
                    time,
                )
            )
            entries.append(
                {
                    "index": size,
                    "record_type": spec.record_type,
                    "record_id": spec.record_id,
                    "action": spec.action,
                    "record_sha256": spec.record_sha256,
                    "salts": seal_salts(spec.record_type, spec.salts) if spec.salts else {},
                    "actor_id": spec.actor_id,
                    "time": time,
                    "leaf_hash": leaf.hex(),
                    "seal": entry_seal(sealing, leaf, spec.backfilled),
                    "backfilled": spec.backfilled,
                }
            )
            right_edge.append((0, size, leaf))
            while len(right_edge) > 1 and right_edge[-1][0] == right_edge[-2][0]:
                level, _, right = right_edge.pop()
                _, position, left = right_edge.pop()
                parent = merkle.node_hash(left, right)
                right_edge.append((level + 1, position >> 1, parent))
                nodes.append({"level": level + 1, "position": position >> 1, "hash": parent.hex()})
            size += 1
            if len(entries) >= batch_size:
                _insert(LogEntry, entries)
                _insert(LogNode, nodes)
                entries, nodes = [], []
        if entries:
            _insert(LogEntry, entries)
            _insert(LogNode, nodes)
        if size != old_size:
            save_state(size, [h for _, _, h in right_edge])
            schedule_tree_head()
        return size


# Column types whose Python values the database drivers take as they are.
_PLAIN_TYPES = frozenset(
    {
        "CharField",
        "TextField",
        "BigIntegerField",
        "IntegerField",
        "PositiveSmallIntegerField",
        "PositiveIntegerField",
        "SmallIntegerField",
        "BooleanField",
    }
)


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (column values by attribute name) with one prepared statement.

    ``bulk_create`` builds a model instance and prepares every value of every row through its
    field; for the log's own tables, whose values are strings, numbers and the salts' JSON,
    that was a third of the cost of logging a bulk load. A column a row does not name gets its
    field's default."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    plain = [f.get_internal_type() in _PLAIN_TYPES for f in fields]
    defaults = [f.get_default() for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608  (model tables, values bound)
    values = []
    for row in rows:
        line = []
        for f, is_plain, default in zip(fields, plain, defaults, strict=True):
            value = row.get(f.attname, default)
            line.append(value if is_plain else f.get_db_prep_save(value, connection))
        values.append(line)
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def append_entry(
    record_type: str, record_id: str, action: str, record_sha256: str, actor_id: int | None
) -> LogEntry:
    index = append_entries_bulk(
        [EntrySpec(record_type, record_id, action, record_sha256, actor_id)]
    )
    return LogEntry.objects.get(index=index - 1)


def record_change(
    instance: models.Model,
    action: str,
    *,
    reload: bool = True,
    cause: models.Model | None = None,
    actor: Any = None,
) -> None:
    """Append an entry for ``instance`` in the transaction that changed it.

    The actor is ``actor`` if given, else whoever changed ``cause`` (the record whose deletion
    or link changed this one), else whoever changed ``instance`` (see :func:`acting_user_id`).
    """
    actor_id = user_id_of(actor)
    if actor_id is None:
        # Named before reloading: the copy read back from the database does not carry the
        # actor a service named on the instance it saved.
        actor_id = acting_user_id(cause) if cause is not None else None
        if actor_id is None:
            actor_id = acting_user_id(instance)
    with transaction.atomic(savepoint=False):
        if reload:
            # Hash what the database holds, not the Python object: a value assigned as a string
            # and read back as a date must hash the same when the record is exported later.
            current = type(instance)._base_manager.filter(pk=instance.pk).first()
            if current is None:
                return  # Deleted in the same cascade; its own delete entry says so.
            instance = current
        append_entries_bulk([_entry(instance, action, actor_id)])


def _entry(
    instance: models.Model,
    action: str,
    actor_id: int | None,
    links: dict[str, list[Any]] | None = None,
) -> EntrySpec:
    """The entry for ``instance`` as it is now: its type, key and salted commitment."""
    committed = record_commitment(instance, links=links)
    return EntrySpec(
        record_type(instance),
        str(json_value(instance.pk)),
        action,
        committed.digest,
        actor_id,
        salts=committed.salts,
    )


def record_merge(survivor: models.Model, actor: Any = None) -> None:
    """For the registry's merge service: the surviving record, as merged, under ``merge``."""
    record_change(survivor, Action.MERGE, actor=actor)


def record_upload(sha256: str, actor: Any = None) -> None:
    """A stored file's content hash, so its inclusion proof shows the bytes existed then."""
    actor_id = user_id_of(actor) if actor is not None else acting_user_id()
    append_entries_bulk([EntrySpec("evidence.blob", sha256, Action.UPLOAD, sha256, actor_id)])


def record_existing(
    instances: Iterable[models.Model], action: str = Action.CREATE, actor: Any = None
) -> int:
    """Log records that were written without model signals (``bulk_create`` of synthetic data),
    in the caller's transaction, as ``actor`` (by default, whoever ``acting_as`` names);
    returns the log's size after them."""
    actor_id = user_id_of(actor) if actor is not None else acting_user_id()
    return append_entries_bulk(_entries_in_batches(instances, action, actor_id))


def record_rows(
    model: type[models.Model],
    pks: Iterable[Any],
    action: str = Action.CREATE,
    actor: Any = None,
) -> int:
    """:func:`record_existing` for rows of ``model`` named by primary key, read back as stored
    (one query per few hundred rows) with no model instance each; the entries are those
    :func:`record_existing` writes for the same rows, in the order of ``pks``."""
    actor_id = user_id_of(actor) if actor is not None else acting_user_id()
    kind = model._meta.label_lower
    commit = commitment.commit

    def specs() -> Iterator[EntrySpec]:
        for pk, fields in documents_of_rows(model, list(pks)):
            committed = commit(fields)
            yield EntrySpec(
                kind, str(json_value(pk)), action, committed.digest, actor_id, salts=committed.salts
            )

    return append_entries_bulk(specs())


_LINKS_BATCH = 2000


def _entries_in_batches(
    instances: Iterable[models.Model], action: str, actor_id: int | None
) -> Iterator[EntrySpec]:
    # The many-to-many ids of a batch's records are read together (one query per model and
    # field), not once per record: a bulk load of 100,000 persons asked 100,000 times.
    batch: list[models.Model] = []
    for instance in instances:
        batch.append(instance)
        if len(batch) >= _LINKS_BATCH:
            yield from _batch_entries(batch, action, actor_id)
            batch = []
    yield from _batch_entries(batch, action, actor_id)


def _batch_entries(
    batch: list[models.Model], action: str, actor_id: int | None
) -> Iterator[EntrySpec]:
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for instance in batch:
        by_model.setdefault(type(instance), []).append(instance)
    links = {model: links_of(members) for model, members in by_model.items()}
    for instance in batch:
        yield _entry(instance, action, actor_id, links[type(instance)].get(instance.pk, {}))


@dataclass(frozen=True)
class Backfill:
    """The records that have no entry, and the token that confirms logging exactly those."""

    records: dict[str, list[str]]

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.records.values())

    @property
    def token(self) -> str:
        # Binds a confirmation to this exact set: if a record is planted after the list was
        # shown, the token no longer matches and nothing is logged.
        return hashlib.sha256(canonical_json(self.records)).hexdigest()[:16]


def unlogged_records() -> Backfill:
    """Every record that no entry names, by type; what ``backfill_unlogged`` would log."""
    records: dict[str, list[str]] = {}
    for model in logged_models():
        logged = set(
            LogEntry.objects.filter(record_type=model._meta.label_lower).values_list(
                "record_id", flat=True
            )
        )
        missing = [
            rid
            for rid in (
                str(json_value(pk))
                for pk in model._base_manager.order_by("pk").values_list("pk", flat=True)
            )
            if rid not in logged
        ]
        if missing:
            records[model._meta.label_lower] = missing
    return Backfill(records)


class BackfillRefused(Exception):
    """The confirmation does not name the records that are missing from the log now."""


def backfill_unlogged(confirm: str, actor: Any = None) -> int:
    """Append a ``create`` entry, dated now and marked backfilled, for every record that has
    none; ``confirm`` must be the :attr:`Backfill.token` of exactly those records.

    A record with no entry was written behind the log's back, perhaps planted by SQL: logging it
    makes it look recorded, so whoever runs this must first have seen what it adds.
    """
    with transaction.atomic():
        locked_state()  # No entry can be appended between the check and the backfill.
        pending = unlogged_records()
        if confirm != pending.token:
            raise BackfillRefused(
                f"the confirmation {confirm!r} does not match the {pending.count} records "
                f"without an entry now (token {pending.token})"
            )
        actor_id = int(actor.pk) if actor is not None else None

        def spec(instance: models.Model) -> EntrySpec:
            committed = record_commitment(instance)
            return EntrySpec(
                record_type(instance),
                str(json_value(instance.pk)),
                Action.CREATE,
                committed.digest,
                actor_id,
                backfilled=True,
                salts=committed.salts,
            )

        for model in logged_models():
            ids = pending.records.get(model._meta.label_lower)
            if ids:
                instances = model._base_manager.filter(pk__in=ids).order_by("pk")
                append_entries_bulk(spec(instance) for instance in instances.iterator())
        return pending.count
