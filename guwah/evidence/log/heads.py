"""The log's state, keys, seals and signed tree heads, kept in the database and written
out beside it."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from guwah.evidence import merkle
from guwah.evidence.canonical import canonical_json, tree_head_message
from guwah.evidence.models import LogEntry, LogNode, LogState, TreeHead
from guwah.keys import KeyProblem
from guwah.registry import encryption

Action = LogEntry.Action


def now_text() -> str:
    return timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def locked_state() -> tuple[int, list[bytes]]:
    """The log's size and right edge, with its row locked until the transaction ends.

    Plain SQL: this runs for every change to the registry, and the ORM's overhead here was a
    third of the log's cost per entry.
    """
    quote = connection.ops.quote_name
    table, size, frontier = (quote(n) for n in (LogState._meta.db_table, "size", "frontier"))
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    select = f"SELECT {size}, {frontier} FROM {table} WHERE {quote('id')} = 1{lock}"  # noqa: S608  (own table)
    with connection.cursor() as cursor:
        cursor.execute(select)
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"INSERT INTO {table} ({quote('id')}, {size}, {frontier}) VALUES (1, 0, '') "  # noqa: S608  (own table)
                "ON CONFLICT DO NOTHING"
            )
            cursor.execute(select)
            row = cursor.fetchone()
    count, edge = row
    return count, [bytes.fromhex(edge[i : i + 64]) for i in range(0, len(edge), 64)]


def save_state(size: int, frontier: list[bytes]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(LogState._meta.db_table)} SET {quote('size')} = %s, "  # noqa: S608  (own table)
            f"{quote('frontier')} = %s WHERE {quote('id')} = 1",
            [size, "".join(h.hex() for h in frontier)],
        )


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


def _passphrase() -> bytes:
    """The signing key's passphrase, derived from the master key: a copy of the data directory
    without the master key cannot sign a tree head."""
    return encryption.master_key().derive("log signing key")


def key_pem(key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """The private key as PEM, encrypted with the passphrase the master key gives."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase or _passphrase()),
    )


def _create_key(path: Path) -> Ed25519PrivateKey:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key_pem(key)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)  # Another process made it first; use theirs.
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def _read_key(path: Path) -> Ed25519PrivateKey:
    pem = path.read_bytes()
    # A key written before it was encrypted is still read; `guwah keys rotate` encrypts it.
    encrypted = b"ENCRYPTED" in pem.split(b"\n", 1)[0]
    try:
        loaded = serialization.load_pem_private_key(
            pem, password=_passphrase() if encrypted else None
        )
    except ValueError as exc:
        raise KeyProblem(
            f"the log's signing key {path} does not open with the master key "
            f"{encryption.master_key().key_id}"
        ) from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return loaded


def signing_key_is_encrypted() -> bool | None:
    """Whether the signing key on disk is encrypted (``None``: there is none yet)."""
    path = _key_path()
    if not path.exists():
        return None
    return b"ENCRYPTED" in path.read_bytes().split(b"\n", 1)[0]


def protect_signing_key(new_master: Any = None) -> bool:
    """Encrypt a signing key that was written in the clear, or (given ``new_master``) encrypt
    it again for another master key; whether the file was written."""
    path = _key_path()
    if not path.exists():
        return False
    if new_master is None and b"ENCRYPTED" in path.read_bytes().split(b"\n", 1)[0]:
        return False
    passphrase = new_master.derive("log signing key") if new_master is not None else None
    pem = key_pem(_read_key(path), passphrase)
    temporary = path.with_name(path.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _loaded_keys.clear()
    return True


def public_key_pem(public_key: Ed25519PublicKey | None = None) -> bytes:
    public_key = public_key or signing_key().public_key()
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key: the fingerprint investigators compare."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def seal_key() -> bytes:
    """The key that seals entries, derived from the signing key so there is one secret to keep."""
    raw = signing_key().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return hashlib.sha256(b"guwah log entry seal\x00" + raw).digest()


def entry_seal(key: bytes, leaf: bytes, backfilled: bool) -> str:
    # Keyed BLAKE2b is a MAC by design (RFC 7693) and costs half of an HMAC-SHA-256: verifying
    # a million entries checks a million seals.
    flag = b"\x01" if backfilled else b"\x00"
    return hashlib.blake2b(leaf + flag, key=key, digest_size=32).hexdigest()


HEADS_FILE = "tree-heads.jsonl"


def heads_files() -> list[Path]:
    """Where signed tree heads are appended outside the database: always the data directory's
    heads file, and the publication directory's when one is set."""
    files = [Path(settings.GUWAH_LOG_HEADS_DIR) / HEADS_FILE]
    publish = getattr(settings, "GUWAH_LOG_PUBLISH_DIR", None)
    if publish:
        files.append(Path(publish) / HEADS_FILE)
    return files


def write_tree_head_out(head: TreeHead) -> None:
    """Append the head as one JSON line to every heads file, and flush it to disk.

    One ``write`` of one short line on a file opened for appending: writers in several
    processes never interleave within a line.
    """
    line = canonical_json(tree_head_fields(head)) + b"\n"
    for path in heads_files():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)


def _sign_after_commit() -> None:
    head, created = _sign(force=False)
    if created:
        write_tree_head_out(head)  # Its transaction has committed: this runs after commits.


def schedule_tree_head() -> None:
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
            f"SELECT 0, {quote('index')}, {quote('leaf_hash')} "  # noqa: S608  (own table, values bound)
            f"FROM {quote(LogEntry._meta.db_table)} "
            f"WHERE {quote('index')} IN ({', '.join(['%s'] * len(leaves))})"
        )
        params += leaves
    if inner:
        pairs = " OR ".join([f"({quote('level')} = %s AND {quote('position')} = %s)"] * len(inner))
        parts.append(
            f"SELECT {quote('level')}, {quote('position')}, {quote('hash')} "  # noqa: S608  (own table, values bound)
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
    """Sign the log's current size and root, and write the head out of the database once it is
    committed; without ``force``, only if the log grew since the latest head."""
    head, created = _sign(force)
    if created:
        if connection.in_atomic_block:
            # A head written out for a transaction that then rolls back would later read as a
            # rewritten log.
            transaction.on_commit(lambda: write_tree_head_out(head))
        else:
            write_tree_head_out(head)
    return head


def _sign(force: bool) -> tuple[TreeHead, bool]:
    key = signing_key()
    fingerprint = key_id(key.public_key())
    with transaction.atomic():
        size, edge = locked_state()
        latest = TreeHead.objects.order_by("-id").first()
        if (
            not force
            and latest is not None
            and latest.size == size
            and latest.key_id == fingerprint
        ):
            return latest, False
        root = merkle.fold(edge) if edge else merkle.EMPTY_ROOT
        timestamp = now_text()
        message = tree_head_message(size, root.hex(), timestamp, fingerprint)
        head = TreeHead.objects.create(
            size=size,
            root_hash=root.hex(),
            timestamp=timestamp,
            key_id=fingerprint,
            signature=key.sign(message).hex(),
        )
        return head, True


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


def tree_head_fields(head: TreeHead) -> dict[str, Any]:
    return {
        "key_id": head.key_id,
        "log": "guwah",
        "root_hash": head.root_hash,
        "size": head.size,
        "timestamp": head.timestamp,
        "signature": head.signature,
    }
