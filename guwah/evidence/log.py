"""The transparency log: every registry change appended as a Merkle-tree leaf, in its transaction.

How the guarantees hold:

* An entry is written by the ``post_save``, ``post_delete`` and ``m2m_changed`` signals of every
  registry model, inside ``transaction.atomic(savepoint=False)``. Registry services, and every
  request (``ATOMIC_REQUESTS``), already run in a transaction, so the entry joins it: if the change
  rolls back the entry does, and if writing the entry fails the change rolls back with it.
  Deletions and many-to-many changes are always inside Django's own transaction. A bare
  ``Model.save()`` in autocommit mode (a shell, a script) commits its row before any signal
  runs; its entry is then written in a transaction of its own straight after. That window is
  why ``guwah log verify --records`` compares every record with its latest entry.
* Appenders lock the single :class:`LogState` row (``SELECT ... FOR UPDATE`` on PostgreSQL; on
  SQLite, ``BEGIN IMMEDIATE`` already serialises writers), so indexes are gapless and in commit
  order even with several writers.
* The state row keeps the right edge of the tree (one hash per set bit of the size), so an append
  costs a few hashes, and every finished subtree hash is stored in :class:`LogNode`, so an
  inclusion proof at a million entries is one query for a few dozen hashes.
* After every transaction that appended, a signed tree head is recorded (``on_commit``);
  ``guwah log sign`` records one on demand.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from guwah.evidence import merkle
from guwah.evidence.canonical import canonical_json, leaf_data, tree_head_message
from guwah.evidence.models import LogEntry, LogNode, LogState, TreeHead

Action = LogEntry.Action
_BULK_BATCH = 5000


# --- who is acting -------------------------------------------------------------------------

_acting_user: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "guwah_acting_user", default=None
)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute the log entries written inside the block to ``user`` (services, commands)."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def _actor_id(instance: Any = None) -> int | None:
    user = _acting_user.get()
    if user is None and instance is not None:
        user = getattr(instance, "_history_user", None)
    if user is None:
        # The request's user, as django-simple-history's middleware keeps it for its own records.
        from simple_history.models import HistoricalRecords

        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


# --- records as canonical JSON -------------------------------------------------------------


def _json_value(value: Any) -> Any:
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


def record_document(instance: models.Model) -> dict[str, Any]:
    """What the log hashes for a record: its type, id, every column and its many-to-many ids."""
    fields: dict[str, Any] = {}
    for model_field in instance._meta.concrete_fields:
        fields[model_field.attname] = _json_value(model_field.value_from_object(instance))
    for m2m in instance._meta.many_to_many:
        ids = getattr(instance, m2m.name).values_list("pk", flat=True) if instance.pk else []
        fields[m2m.name] = sorted(_json_value(pk) for pk in ids)
    return {"type": record_type(instance), "id": _json_value(instance.pk), "fields": fields}


def record_json(instance: models.Model) -> bytes:
    return canonical_json(record_document(instance))


# --- appending -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntrySpec:
    record_type: str
    record_id: str
    action: str
    record_sha256: str
    actor_id: int | None = None
    time: str | None = None


def now_text() -> str:
    return timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _locked_state() -> tuple[int, list[bytes]]:
    """The log's size and right edge, with its row locked until the transaction ends.

    Plain SQL: this runs for every change to the registry, and the ORM's overhead here was a
    third of the log's cost per entry.
    """
    quote = connection.ops.quote_name
    table, size, frontier = (quote(n) for n in (LogState._meta.db_table, "size", "frontier"))
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    select = f"SELECT {size}, {frontier} FROM {table} WHERE {quote('id')} = 1{lock}"
    with connection.cursor() as cursor:
        cursor.execute(select)
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"INSERT INTO {table} ({quote('id')}, {size}, {frontier}) VALUES (1, 0, '') "
                "ON CONFLICT DO NOTHING"
            )
            cursor.execute(select)
            row = cursor.fetchone()
    count, edge = row
    return count, [bytes.fromhex(edge[i : i + 64]) for i in range(0, len(edge), 64)]


def _save_state(size: int, frontier: list[bytes]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(LogState._meta.db_table)} SET {quote('size')} = %s, "
            f"{quote('frontier')} = %s WHERE {quote('id')} = 1",
            [size, "".join(h.hex() for h in frontier)],
        )


def append_entries_bulk(specs: Iterable[EntrySpec], *, batch_size: int = _BULK_BATCH) -> int:
    """Append entries in order, in the caller's transaction (or one of its own); returns the
    index after the last. Used for every append, one entry or a million synthetic ones."""
    with transaction.atomic(savepoint=False):
        old_size, frontier = _locked_state()
        size = old_size
        right_edge: list[tuple[int, int, bytes]] = [
            (level, position, h)
            for (level, position), h in zip(merkle.complete_nodes(0, size), frontier, strict=True)
        ]
        entries: list[LogEntry] = []
        nodes: list[LogNode] = []
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
                LogEntry(
                    index=size,
                    record_type=spec.record_type,
                    record_id=spec.record_id,
                    action=spec.action,
                    record_sha256=spec.record_sha256,
                    actor_id=spec.actor_id,
                    time=time,
                    leaf_hash=leaf.hex(),
                )
            )
            right_edge.append((0, size, leaf))
            while len(right_edge) > 1 and right_edge[-1][0] == right_edge[-2][0]:
                level, _, right = right_edge.pop()
                _, position, left = right_edge.pop()
                parent = merkle.node_hash(left, right)
                right_edge.append((level + 1, position >> 1, parent))
                nodes.append(LogNode(level=level + 1, position=position >> 1, hash=parent.hex()))
            size += 1
            if len(entries) >= batch_size:
                LogEntry.objects.bulk_create(entries)
                LogNode.objects.bulk_create(nodes)
                entries, nodes = [], []
        if entries:
            LogEntry.objects.bulk_create(entries)
            LogNode.objects.bulk_create(nodes)
        if size != old_size:
            _save_state(size, [h for _, _, h in right_edge])
            _schedule_tree_head()
        return size


def append_entry(
    record_type: str, record_id: str, action: str, record_sha256: str, actor_id: int | None
) -> LogEntry:
    index = append_entries_bulk(
        [EntrySpec(record_type, record_id, action, record_sha256, actor_id)]
    )
    return LogEntry.objects.get(index=index - 1)


def record_change(instance: models.Model, action: str, *, reload: bool = True) -> None:
    """Append an entry for ``instance`` in the transaction that changed it."""
    with transaction.atomic(savepoint=False):
        if reload:
            # Hash what the database holds, not the Python object: a value assigned as a string
            # and read back as a date must hash the same when the record is exported later.
            current = type(instance)._base_manager.filter(pk=instance.pk).first()
            if current is None:
                return  # Deleted in the same cascade; its own delete entry says so.
            instance = current
        append_entries_bulk(
            [
                EntrySpec(
                    record_type(instance),
                    str(_json_value(instance.pk)),
                    action,
                    hashlib.sha256(record_json(instance)).hexdigest(),
                    _actor_id(instance),
                )
            ]
        )


def record_merge(survivor: models.Model) -> None:
    """For the registry's merge service: the surviving record, as merged, under ``merge``."""
    record_change(survivor, Action.MERGE)


def record_upload(sha256: str, actor: Any = None) -> None:
    """A stored file's content hash, so its inclusion proof shows the bytes existed then."""
    actor_id = int(actor.pk) if actor is not None and actor.is_authenticated else _actor_id()
    append_entries_bulk([EntrySpec("evidence.blob", sha256, Action.UPLOAD, sha256, actor_id)])


def record_existing(
    instances: Iterable[models.Model], action: str = Action.CREATE, actor: Any = None
) -> int:
    """Log records that were written without model signals (``bulk_create`` of synthetic data),
    in the caller's transaction; returns the log's size after them."""
    actor_id = int(actor.pk) if actor is not None else None
    return append_entries_bulk(
        EntrySpec(
            record_type(instance),
            str(_json_value(instance.pk)),
            action,
            hashlib.sha256(record_json(instance)).hexdigest(),
            actor_id,
        )
        for instance in instances
    )


def backfill_unlogged() -> int:
    """Append a ``create`` entry, dated now, for every record that has none; the count."""
    added = 0
    for model in logged_models():
        logged = set(
            LogEntry.objects.filter(record_type=model._meta.label_lower).values_list(
                "record_id", flat=True
            )
        )
        missing = [
            instance
            for instance in model._base_manager.order_by("pk").iterator()
            if str(_json_value(instance.pk)) not in logged
        ]
        with transaction.atomic():
            record_existing(missing)
        added += len(missing)
    return added


# --- signed tree heads ---------------------------------------------------------------------


def _key_path() -> Path:
    return Path(settings.GUWAH_LOG_KEY_PATH)


_loaded_keys: dict[tuple[str, int, int], Ed25519PrivateKey] = {}


def signing_key() -> Ed25519PrivateKey:
    """The log's private key, made on first use at ``GUWAH_LOG_KEY_PATH`` (mode 0600)."""
    path = _key_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return _create_key(path)
    # Read once per version of the file; a key replaced on disk is read again.
    cache_key = (str(path), stat.st_mtime_ns, stat.st_ino)
    if cache_key not in _loaded_keys:
        _loaded_keys.clear()
        _loaded_keys[cache_key] = _read_key(path)
    return _loaded_keys[cache_key]


def _create_key(path: Path) -> Ed25519PrivateKey:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)  # Another process made it first; use theirs.
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def _read_key(path: Path) -> Ed25519PrivateKey:
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return loaded


def public_key_pem(public_key: Ed25519PublicKey | None = None) -> bytes:
    public_key = public_key or signing_key().public_key()
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key: the fingerprint investigators compare."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def _sign_after_commit() -> None:
    sign_tree_head(force=False)


def _schedule_tree_head() -> None:
    # One signature per transaction, however many entries it appended; if a savepoint that
    # registered it rolls back, Django drops the callback and the next append registers again.
    pending = getattr(connection, "run_on_commit", [])
    if not any(item[1] is _sign_after_commit for item in pending):
        # Robust: the change is committed either way, and a head missed here (a key that
        # cannot be read, say) is signed by the next batch or by ``guwah log sign``.
        transaction.on_commit(_sign_after_commit, robust=True)


def lookup_nodes(addresses: list[merkle.NodeAddress]) -> dict[merkle.NodeAddress, bytes]:
    """The stored hashes of complete subtrees, leaves from the entries, in one query."""
    quote = connection.ops.quote_name
    leaves = [position for level, position in addresses if level == 0]
    inner = [(level, position) for level, position in addresses if level]
    parts, params = [], []
    if leaves:
        parts.append(
            f"SELECT 0, {quote('index')}, {quote('leaf_hash')} "
            f"FROM {quote(LogEntry._meta.db_table)} "
            f"WHERE {quote('index')} IN ({', '.join(['%s'] * len(leaves))})"
        )
        params += leaves
    if inner:
        pairs = " OR ".join([f"({quote('level')} = %s AND {quote('position')} = %s)"] * len(inner))
        parts.append(
            f"SELECT {quote('level')}, {quote('position')}, {quote('hash')} "
            f"FROM {quote(LogNode._meta.db_table)} WHERE {pairs}"
        )
        params += [value for pair in inner for value in pair]
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(level, position): bytes.fromhex(h) for level, position, h in cursor.fetchall()}


def root_hash(size: int) -> bytes:
    if size == 0:
        return merkle.EMPTY_ROOT
    return merkle.fold(merkle.resolve([(0, size)], lookup_nodes))


def sign_tree_head(*, force: bool = True) -> TreeHead:
    """Sign the log's current size and root; without ``force``, only if it grew since."""
    key = signing_key()
    fingerprint = key_id(key.public_key())
    with transaction.atomic():
        size, edge = _locked_state()
        latest = TreeHead.objects.order_by("-id").first()
        if (
            not force
            and latest is not None
            and latest.size == size
            and latest.key_id == fingerprint
        ):
            return latest
        root = merkle.fold(edge) if edge else merkle.EMPTY_ROOT
        timestamp = now_text()
        message = tree_head_message(size, root.hex(), timestamp, fingerprint)
        return TreeHead.objects.create(
            size=size,
            root_hash=root.hex(),
            timestamp=timestamp,
            key_id=fingerprint,
            signature=key.sign(message).hex(),
        )


def latest_tree_head() -> TreeHead | None:
    return TreeHead.objects.order_by("-id").first()


def tree_head_covering(index: int) -> TreeHead:
    """The latest signed tree head, signing a new one if it does not yet include ``index``."""
    head = latest_tree_head()
    if head is None or head.size <= index:
        head = sign_tree_head(force=False)
    return head


def inclusion_proof(index: int, size: int) -> list[bytes]:
    return merkle.resolve(merkle.inclusion_ranges(index, size), lookup_nodes)


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    return merkle.resolve(merkle.consistency_ranges(old_size, new_size), lookup_nodes)


# --- verifying the whole log ---------------------------------------------------------------


@dataclass
class LogReport:
    size: int = 0
    heads_checked: int = 0
    records_checked: int = 0
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, text: str, limit: int = 50) -> None:
        if len(self.problems) < limit:
            self.problems.append(text)
        else:
            self.more_problems += 1


def _rows(sql: str, chunk: int = 20000) -> Iterator[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(chunk):
            yield from rows


def verify_log(*, check_records: bool = False) -> LogReport:
    """Recompute every leaf and the whole tree from the entries, and check every signed head."""
    report = LogReport()
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(name)
        for name in (
            "index",
            "record_type",
            "record_id",
            "action",
            "record_sha256",
            "actor_id",
            "time",
            "leaf_hash",
        )
    )
    sql = f"SELECT {columns} FROM {quote(LogEntry._meta.db_table)} ORDER BY {quote('index')}"
    leaves = bytearray()
    expected = 0
    sha256 = hashlib.sha256
    for index, rtype, rid, action, rsha, actor, time, stored in _rows(sql):
        if index != expected:
            if index > expected:
                missing = f"{expected}" if index == expected + 1 else f"{expected}–{index - 1}"
                report.problem(
                    f"entry {missing} missing: the log jumps from {expected - 1} to {index}"
                )
            expected = index
        leaf = sha256(b"\x00" + leaf_data(index, rtype, rid, action, rsha, actor, time)).digest()
        if leaf.hex() != stored:
            report.problem(
                f"entry {index}: its fields do not match its leaf hash (altered or moved)"
            )
        leaves += leaf
        expected += 1
    tree = merkle.MerkleTree(leaves)
    report.size = tree.size

    # The cached inner nodes were written at append time; the lowest one that differs from the
    # recomputed tree says which entries were changed, even when leaf hashes were rewritten too.
    for level in range(1, max(len(tree.levels), _stored_levels())):
        _check_stored_level(report, tree, level)

    state = LogState.objects.filter(pk=1).first()
    state_size = state.size if state else 0
    if state_size != tree.size:
        report.problem(f"the log says it holds {state_size} entries; {tree.size} were found")

    public_key = signing_key().public_key()
    fingerprint = key_id(public_key)
    last_good = 0
    for head in TreeHead.objects.order_by("id"):
        report.heads_checked += 1
        label = f"tree head {head.pk} (size {head.size}, signed {head.timestamp})"
        if head.key_id != fingerprint:
            report.problem(f"{label}: signed by an unknown key {head.key_id[:16]}…")
            continue
        try:
            public_key.verify(
                bytes.fromhex(head.signature),
                tree_head_message(head.size, head.root_hash, head.timestamp, head.key_id),
            )
        except (InvalidSignature, ValueError):
            report.problem(f"{label}: the signature is not valid")
            continue
        if head.size > tree.size:
            report.problem(f"{label}: the log now holds only {tree.size} entries")
        elif tree.root(head.size).hex() != head.root_hash:
            report.problem(
                f"{label}: the entries no longer give its root hash; "
                f"the change lies in entries {last_good}–{head.size - 1}"
            )
        else:
            last_good = max(last_good, head.size)
    if check_records:
        _check_records(report)
    return report


def _stored_levels() -> int:
    top = LogNode.objects.order_by("-level").values_list("level", flat=True).first()
    return (top or 0) + 1


def _check_stored_level(report: LogReport, tree: merkle.MerkleTree, level: int) -> None:
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {quote('position')}, {quote('hash')} FROM {quote(LogNode._meta.db_table)} "
        f"WHERE {quote('level')} = {int(level)} ORDER BY {quote('position')}"
    )
    rows = list(_rows(sql))
    expected = tree.size >> level
    computed = tree.levels[level] if level < len(tree.levels) else bytearray()
    contiguous = len(rows) == expected and (not rows or rows[-1][0] == expected - 1)
    if contiguous and bytes.fromhex("".join(h for _, h in rows)) == computed:
        return
    if not contiguous:
        report.problem(
            f"level {level} of the stored subtree hashes has {len(rows)} hashes, not {expected}"
        )
    size = merkle.HASH_SIZE
    found = 0
    for position, stored in rows:
        if (
            position < expected
            and computed[position * size : (position + 1) * size].hex() == stored
        ):
            continue
        if found < 3:
            first, last = position << level, ((position + 1) << level) - 1
            report.problem(
                f"entries {first}–{last}: the subtree hash stored when they were appended "
                "no longer matches them"
            )
        found += 1


def logged_models() -> list[type[models.Model]]:
    from django.apps import apps

    registry = [
        model
        for model in apps.get_app_config("registry").get_models()
        if not (model._meta.model_name or "").startswith("historical")
    ]
    from guwah.evidence.models import EvidenceFile

    return [*registry, EvidenceFile]


def _check_records(report: LogReport) -> None:
    """Every record as it is now against its latest entry: a change made behind the log's back
    (raw SQL, a window in autocommit) shows here."""
    for model in logged_models():
        label = model._meta.label_lower
        latest: dict[str, str] = {}
        for rid, rsha in (
            LogEntry.objects.filter(record_type=label)
            .exclude(action=Action.UPLOAD)
            .order_by("index")
            .values_list("record_id", "record_sha256")
        ):
            latest[rid] = rsha
        for instance in model._base_manager.all().iterator():
            report.records_checked += 1
            rid = str(_json_value(instance.pk))
            digest = hashlib.sha256(record_json(instance)).hexdigest()
            if rid not in latest:
                report.problem(f"{label} {rid}: no log entry records it")
            elif latest[rid] != digest:
                report.problem(f"{label} {rid}: differs from its latest log entry")


def entry_fields(entry: LogEntry) -> dict[str, Any]:
    """An entry as the seven fields its leaf hashes (see ``canonical.LEAF_FIELDS``)."""
    return {
        "action": entry.action,
        "actor": entry.actor_id,
        "index": entry.index,
        "record_id": entry.record_id,
        "record_sha256": entry.record_sha256,
        "record_type": entry.record_type,
        "time": entry.time,
    }


def tree_head_fields(head: TreeHead) -> dict[str, Any]:
    return {
        "key_id": head.key_id,
        "log": "guwah",
        "root_hash": head.root_hash,
        "size": head.size,
        "timestamp": head.timestamp,
        "signature": head.signature,
    }
