"""Encrypted columns: the registry's fields that hold what an attacker wants most.

Values are encrypted in ``get_db_prep_value``, so every path that writes rows (a service's
save, ``bulk_create`` in the documented bulk writers, ``update``) stores ciphertext, and
decrypted in ``from_db_value``, so every reader (forms, pages, the log's commitments) sees the
plaintext. A value that does not open raises :class:`~guwah.keys.KeyProblem` naming the key:
a wrong key never passes silently as empty or garbled text.

Each field carries a stable label (``registry.testimony.witness_name``): the ciphertext is
bound to it, so a value copied into another field does not open. The historical tables of
django-simple-history copy the field with its label, and so hold ciphertext too.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.db.models.lookups import Exact

from guwah.keys import KeyProblem, Keyring, MasterKey, is_token

# Published in the source like the development secret key: it protects nothing, and only a
# development or test installation without a key of its own uses it.
DEVELOPMENT_MASTER_KEY = "Z3V3YWgtZGV2ZWxvcG1lbnQtbWFzdGVyLWtleS0hISE="

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], Keyring]] = {}


def master_key() -> MasterKey:
    """The master key from ``GUWAH_MASTER_KEY_FILE`` or ``GUWAH_MASTER_KEY``."""
    path: Path | None = getattr(settings, "GUWAH_MASTER_KEY_FILE", None)
    if path is not None:
        try:
            text = Path(path).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyProblem(
                f"GUWAH_MASTER_KEY_FILE points at {path}, which cannot be read"
            ) from exc
        return MasterKey.from_text(text, source=f"GUWAH_MASTER_KEY_FILE ({path})")
    value = getattr(settings, "GUWAH_MASTER_KEY", "")
    if value:
        return MasterKey.from_text(value, source="GUWAH_MASTER_KEY")
    if getattr(settings, "GUWAH_ALLOW_DEVELOPMENT_MASTER_KEY", False):
        return MasterKey.from_text(DEVELOPMENT_MASTER_KEY, source="the development master key")
    raise KeyProblem(
        "GUWAH_MASTER_KEY_FILE (the path of a file holding the master key, outside "
        "GUWAH_DATA_DIR) or GUWAH_MASTER_KEY must be set when GUWAH_DEBUG is off; make a key "
        "with `guwah keys new-master`"
    )


def _version(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_ino)


def keyring() -> Keyring:
    """The installation's keyring, opened once per process (and made on first use), and read
    again when the file changes: a rotation started by a command reaches a running server at
    its next value, so no process goes on encrypting with a key about to be retired."""
    path = Path(settings.GUWAH_KEYRING_PATH)
    version = _version(path)
    with _lock:
        cached = _cache.get(str(path))
        if cached is not None and cached[0] == version:
            return cached[1]
        ring = Keyring.open(path, master_key())
        _cache[str(path)] = (_version(path), ring)
        return ring


def forget_keyring(**kwargs: Any) -> None:
    """Drop the opened keyrings (after a rotation in this process, or a settings change)."""
    with _lock:
        _cache.clear()


setting_changed.connect(forget_keyring, dispatch_uid="guwah-forget-keyring")


def encrypt(value: str, label: str) -> str:
    return keyring().encrypt(value, label)


def decrypt(value: str, label: str) -> str:
    """The plaintext of a stored value; a value stored before encryption is returned as it is
    (the migration and ``guwah keys rotate`` encrypt those)."""
    return keyring().decrypt(value, label) if is_token(value) else value


def lookup_hash(value: str, label: str) -> str:
    """The keyed hash an exact look-up compares (an identity-document number, say)."""
    return keyring().lookup(value.strip().upper(), label) if value else ""


class EncryptedMixin:
    """Shared by the encrypted fields: text in Python, a ciphertext token in the database."""

    label: str

    def _setup_label(self, label: str) -> None:
        if not label:
            raise ValueError("an encrypted field needs a stable label")
        self.label = label

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        kwargs["label"] = self.label
        return name, path, args, kwargs

    def db_type(self, connection: Any) -> str:
        # The token is longer than the text; the length limit is the form's, not the column's.
        return models.TextField().db_type(connection)  # type: ignore[return-value]

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value, self.label)

    def to_python(self, value: Any) -> Any:
        # A serialised row (a merge's snapshot) carries the ciphertext: it reads as plaintext.
        if is_token(value):
            return decrypt(value, self.label)
        return super().to_python(value)  # type: ignore[misc]

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = super().get_db_prep_value(value, connection, prepared)  # type: ignore[misc]
        if value is None or value == "" or is_token(value):
            return value
        return encrypt(str(value), self.label)

    def get_lookup(self, lookup_name: str) -> Any:
        # Encrypted values cannot be compared in SQL (each encryption differs): only "is it
        # empty or null" can be asked, and any other question fails loudly instead of quietly
        # finding nothing. An exact look-up goes through a keyed-hash column.
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)  # type: ignore[misc]
        if lookup_name == "exact":
            return _EmptyOnly
        raise TypeError(
            f"{self.label} is encrypted and cannot be searched with __{lookup_name}; "
            "compare the decrypted values in Python, or look up a keyed-hash column"
        )


class _EmptyOnly(Exact):
    """``field=""`` on an encrypted field: the one equality SQL can still answer."""

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if rhs not in ("", None):
            raise TypeError(
                f"{getattr(lhs.target, 'label', 'this field')} is encrypted: it can be compared "
                "only with the empty value in a query"
            )
        super().__init__(lhs, rhs)


class EncryptedTextField(EncryptedMixin, models.TextField):
    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        self._setup_label(label)
        super().__init__(*args, **kwargs)


class EncryptedCharField(EncryptedMixin, models.CharField):
    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        self._setup_label(label)
        super().__init__(*args, **kwargs)


class LookupHashField(models.CharField):
    """The keyed hash of another (encrypted) field of the row, filled as the row is written,
    also by ``bulk_create``: ``IdentityDocument.objects.filter(number_hash=lookup_hash(n, label))``
    finds a number without decrypting every row."""

    def __init__(self, *args: Any, source: str = "", label: str = "", **kwargs: Any) -> None:
        self.source, self.label = source, label
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"], kwargs["label"] = self.source, self.label
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = lookup_hash(str(getattr(model_instance, self.source) or ""), self.label)
        setattr(model_instance, self.attname, value)
        return value


def seal_serialized(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows serialised with Django's "python" serialiser, their encrypted fields encrypted:
    a snapshot kept in another table (a merge's) reveals no more than the rows themselves.
    Deserialising reads them back as plaintext (``to_python``)."""
    from django.apps import apps

    for item in items:
        model = apps.get_model(item["model"])
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedMixin):
                name = str(getattr(field, "name", ""))
                value = item["fields"].get(name)
                if value and not is_token(value):
                    item["fields"][name] = encrypt(str(value), field.label)
    return items
