"""The salts of encrypted fields, kept sealed in the log.

A field's salt is what stops a withheld leaf from being tested against guesses. For a field the
registry encrypts (a witness's name, an identity-document number), a salt stored in the clear
beside the entry would undo that encryption for anyone holding a copy of the database: they
could hash every likely name with the salt and compare it with the field's leaf. So the salt of
such a field is stored sealed (AES-GCM, bound to the record type and field name) with the
lasting key of :mod:`guwah.evidence.lasting`, which the master key protects and rotation keeps,
so sealed salts survive ``guwah keys rotate`` and a master-key change, and travel with the
keyring in a backup. Salts of fields stored in the clear stay readable: the field itself is
already in the database. Erasure still empties the salts, sealed or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guwah.evidence import lasting
from guwah.registry import encryption

_encrypted_fields: dict[str, frozenset[str]] = {}


def encrypted_fields(record_type: str) -> frozenset[str]:
    """The attribute names of the encrypted columns of a logged record type."""
    names = _encrypted_fields.get(record_type)
    if names is None:
        from django.apps import apps

        try:
            model = apps.get_model(record_type)
        except (LookupError, ValueError):
            names = frozenset()
        else:
            names = frozenset(
                field.attname for field in model._meta.concrete_fields if _is_encrypted(field)
            )
        _encrypted_fields[record_type] = names
    return names


def _is_encrypted(field: Any) -> bool:
    return isinstance(field, encryption.EncryptedMixin)


def _label(record_type: str, name: str) -> str:
    return f"evidence.logentry.salts|{record_type}|{name}"


def seal_salts(record_type: str, salts: Mapping[str, str]) -> dict[str, str]:
    """The salts as the log stores them: those of encrypted fields sealed."""
    secret = encrypted_fields(record_type)
    if not secret or not salts:
        return dict(salts)
    return {
        name: (
            lasting.seal(salt, _label(record_type, name))
            if name in secret and not lasting.is_sealed(salt)
            else salt
        )
        for name, salt in salts.items()
    }


def open_salts(record_type: str, salts: Mapping[str, str]) -> dict[str, str]:
    """The salts in the clear; a salt stored before sealing is returned as it is.

    Raises :class:`~guwah.keys.KeyProblem` when a sealed salt does not open (another
    installation's keyring, or an altered entry)."""
    if not any(lasting.is_sealed(salt) for salt in salts.values()):
        return dict(salts)
    return {
        name: (
            lasting.open_sealed(salt, _label(record_type, name))
            if lasting.is_sealed(salt)
            else salt
        )
        for name, salt in salts.items()
    }


def seal_stored_salts(batch: int = 500) -> int:
    """Seal the clear salts of encrypted fields in entries written before salts were sealed;
    returns how many entries changed. Only the salts column changes: an entry's leaf, seal and
    commitment do not cover it, so the log verifies exactly as before."""
    from guwah.evidence.models import LogEntry

    changed = 0
    for record_type in LogEntry.objects.values_list("record_type", flat=True).distinct():
        secret = encrypted_fields(record_type)
        if not secret:
            continue
        pending: list[LogEntry] = []
        for entry in (
            LogEntry.objects.filter(record_type=record_type)
            .exclude(salts={})
            .only("pk", "record_type", "salts")
            .iterator(chunk_size=batch)
        ):
            sealed = seal_salts(record_type, entry.salts)
            if sealed != entry.salts:
                entry.salts = sealed
                pending.append(entry)
            if len(pending) >= batch:
                changed += LogEntry.objects.bulk_update(pending, ["salts"])
                pending = []
        if pending:
            changed += LogEntry.objects.bulk_update(pending, ["salts"])
    return changed
