"""Who acts, what a record says as canonical JSON, and which models the log records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models
from django.db.models.fields.files import FieldFile, FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

from guwah.evidence import commitment
from guwah.evidence.canonical import canonical_json
from guwah.evidence.models import LogEntry
from guwah.registry import acting

Action = LogEntry.Action


# --- who is acting -------------------------------------------------------------------------

# Services, commands and the evidence app's own code enter the registry's ``acting_as``; it is
# named here too so that code of this app reads ``log.acting_as(user)``.
acting_as = acting.acting_as

# Records that name their own actor in a column: who took the decision, made the custody step,
# imported the list. The first column that is set names the actor of the latest change (a merge
# that was undone was last changed by whoever undid it).
ACTOR_FIELDS: dict[str, tuple[str, ...]] = {
    "evidence.custodyevent": ("actor_id",),
    "evidence.evidencefile": ("added_by_id",),
    "linkage.externallist": ("imported_by_id",),
    "linkage.decision": ("decided_by_id",),
    "linkage.merge": ("undone_by_id", "actor_id"),
}


def user_id_of(user: Any) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


def acting_user_id(instance: Any = None) -> int | None:
    """Who made the change to ``instance``: the actor a service named on the record, else the
    record's own actor column, else the block's ``acting_as``, else the request's user."""
    if instance is not None:
        named = user_id_of(getattr(instance, "_history_user", None))
        if named is not None:
            return named
        for column in ACTOR_FIELDS.get(instance._meta.label_lower, ()):
            value = getattr(instance, column, None)
            if value is not None:
                return int(value)
    ambient = user_id_of(acting.current_actor())
    if ambient is not None:
        return ambient
    # The request's user, as django-simple-history's middleware keeps it for its own records.
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    return user_id_of(getattr(request, "user", None))


# --- records as canonical JSON -------------------------------------------------------------


def json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f") + ("Z" if value.tzinfo else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def record_type(instance: models.Model) -> str:
    return instance._meta.label_lower


# Columns that are not part of what a record says. An account is logged for who it is and
# which roles it holds; its password hash is a secret, and its last sign-in changes with every
# visit and says nothing of what the account may do.
UNRECORDED_FIELDS: dict[str, frozenset[str]] = {
    "auth.user": frozenset({"password", "last_login"}),
    # A keyed hash of the (logged) number, derived and tied to the installation's key.
    "registry.identitydocument": frozenset({"number_hash"}),
}


def record_document(
    instance: models.Model, links: dict[str, list[Any]] | None = None
) -> dict[str, Any]:
    """What the log hashes for a record: its type, id, every column and its many-to-many ids.

    ``links`` may give the many-to-many ids already read (see :func:`links_of`), so that a bulk
    load asks the database once per batch instead of once per record and field."""
    fields: dict[str, Any] = {}
    for attname in _recorded_columns(type(instance)):
        value = getattr(instance, attname)
        # Most values are strings, numbers or empty, which are their own JSON.
        fields[attname] = value if type(value) in _AS_THEY_ARE else json_value(value)
    for m2m in instance._meta.many_to_many:
        if links is not None:
            ids: Any = links.get(m2m.name, [])
        else:
            ids = getattr(instance, m2m.name).values_list("pk", flat=True) if instance.pk else []
        fields[m2m.name] = sorted(json_value(pk) for pk in ids)
    return {"type": record_type(instance), "id": json_value(instance.pk), "fields": fields}


_AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})
_columns: dict[type[models.Model], list[str]] = {}


def _recorded_columns(model: type[models.Model]) -> list[str]:
    """The attribute names of a model's recorded columns, in field order (read once)."""
    columns = _columns.get(model)
    if columns is None:
        left_out = UNRECORDED_FIELDS.get(model._meta.label_lower, frozenset())
        columns = [f.attname for f in model._meta.concrete_fields if f.attname not in left_out]
        _columns[model] = columns
    return columns


def links_of(instances: list[models.Model]) -> dict[Any, dict[str, list[Any]]]:
    """The many-to-many ids of records of one model, by record pk and field name: one query
    per field for all of them, read from the link table as :func:`record_document` would."""
    if not instances:
        return {}
    return links_of_keys(type(instances[0]), [r.pk for r in instances])


def _read_as_values(model: type[models.Model]) -> bool:
    """Whether a row's values, as a query reads them, are what its instance's attributes hold
    (a file's attribute wraps the stored name, which :func:`json_value` gives back): true when
    every recorded column is read through Django's plain attribute or a file's."""
    plain = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)
    left_out = UNRECORDED_FIELDS.get(model._meta.label_lower, frozenset())
    return all(
        getattr(f, "descriptor_class", None) in plain or _is_file(f)
        for f in model._meta.concrete_fields
        if f.attname not in left_out
    )


def _is_file(field: Any) -> bool:
    return isinstance(field, models.FileField)


def documents_of_rows(
    model: type[models.Model], pks: list[Any]
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``(pk, fields)`` of records of ``model`` in the order of ``pks``, as
    :func:`record_document` gives its ``fields``, read with one query per few hundred records
    as values (converted by their fields as for an instance) and one per many-to-many field,
    with no model instance each: a bulk load of 20,000 persons built 80,000 instances only to
    hash them. A model whose attributes are not its stored values is read as instances."""
    if not _read_as_values(model):
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            records = model._base_manager.in_bulk(chunk)
            found = [records[pk] for pk in chunk if pk in records]
            links = links_of(found)
            for record in found:
                yield record.pk, record_document(record, links.get(record.pk, {}))["fields"]
        return
    columns = _recorded_columns(model)
    pk_name = model._meta.pk.attname
    m2m_names = [m2m.name for m2m in model._meta.many_to_many]
    files = [f.attname for f in model._meta.concrete_fields if _is_file(f) and f.attname in columns]
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        rows = {
            row[0]: row[1:]
            for row in model._base_manager.filter(pk__in=chunk).values_list(pk_name, *columns)
        }
        links = links_of_keys(model, list(rows)) if m2m_names else {}
        for pk in chunk:
            row = rows.get(pk)
            if row is None:
                continue  # Deleted since in the same transaction: nothing to log for it.
            fields = {
                name: value if type(value) in _AS_THEY_ARE else json_value(value)
                for name, value in zip(columns, row, strict=True)
            }
            for name in files:
                # What ``json_value`` gives for the attribute: the file's name, or "".
                fields[name] = fields[name] or ""
            linked = links.get(pk, {})
            for name in m2m_names:
                fields[name] = sorted(json_value(key) for key in linked.get(name, []))
            yield pk, fields


def links_of_keys(model: type[models.Model], pks: list[Any]) -> dict[Any, dict[str, list[Any]]]:
    """:func:`links_of` for records named by their primary keys."""
    links: dict[Any, dict[str, list[Any]]] = {pk: {} for pk in pks}
    for m2m in model._meta.many_to_many:
        through: Any = m2m.remote_field.through
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        for start in range(0, len(pks), 500):
            rows = through._base_manager.filter(
                **{f"{source}__in": pks[start : start + 500]}
            ).values_list(f"{source}_id", f"{target}_id")
            for owner, linked in rows:
                links[owner].setdefault(m2m.name, []).append(linked)
    return links


def record_json(instance: models.Model) -> bytes:
    return canonical_json(record_document(instance))


def record_commitment(
    instance: models.Model,
    salts: dict[str, str] | None = None,
    links: dict[str, list[Any]] | None = None,
) -> commitment.Commitment:
    """What an entry's ``record_sha256`` holds for a record: a commitment over its salted
    fields (fresh salts, or the entry's stored ones to check it), so that an exported package
    can withhold a field without making it guessable."""
    return commitment.commit(record_document(instance, links)["fields"], salts)


# Derived from other records and rebuilt at will, so they are not part of the record: the
# search keys of names are recomputed from the names, which are logged.
_DERIVED_MODELS = {"registry.namekey"}

# What else the record holds besides the registry's own models, named by label so that this
# app imports none of its neighbours: who holds which role, what happened to each evidence
# file, the record of state positions, the lists imported for matching and their rows, and the
# decisions and merges taken on proposed matches. The proposed pairs themselves are not: a
# model run makes and remakes them, and what a person decided about one is its ``Decision``.
OTHER_LOGGED_MODELS = (
    "auth.User",
    "evidence.EvidenceFile",
    "evidence.CustodyEvent",
    "positions.State",
    "positions.Instrument",
    "positions.Position",
    "positions.Group",
    "positions.Membership",
    # An imported list is logged with the SHA-256 of its file, which fixes every row in it;
    # its rows are not logged one by one (at 830,000 rows that cost minutes and proved nothing
    # the file's hash does not).
    "linkage.ExternalList",
    "linkage.Decision",
    "linkage.Merge",
    "un.CaseFile",
    "un.Submission",
    # Invitations, and what administrators did to accounts (a reset second factor leaves no
    # row of its own behind).
    "accounts.Invitation",
    "accounts.AccountChange",
)


def logged_models() -> list[type[models.Model]]:
    """Every model whose rows the log records, the registry's first; an app that is not
    installed is skipped."""
    from django.apps import apps

    registry = [
        model
        for model in apps.get_app_config("registry").get_models()
        if not (model._meta.model_name or "").startswith("historical")
        and model._meta.label_lower not in _DERIVED_MODELS
    ]
    others = []
    for label in OTHER_LOGGED_MODELS:
        try:
            others.append(apps.get_model(label))
        except LookupError:
            continue
    return [*registry, *others]


def matches_entry(instance: models.Model, record_sha256: str, salts: dict[str, str]) -> bool:
    """Whether ``instance`` is the record an entry committed to, recomputed from its salts
    (entries written before fields were salted hold the SHA-256 of the record's JSON)."""
    if not salts:
        return hashlib.sha256(record_json(instance)).hexdigest() == record_sha256
    from guwah.evidence.log.salts import open_salts

    try:
        return record_commitment(instance, open_salts(record_type(instance), salts)).digest == (
            record_sha256
        )
    except KeyError:  # A field the entry has no salt for: the record is not what it committed.
        return False
