"""Checking the whole log: heads, proofs, stored levels, records and files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import connection

from guwah.evidence import merkle
from guwah.evidence.canonical import leaf_data, tree_head_message
from guwah.evidence.log.heads import entry_seal, heads_files, key_id, seal_key, signing_key
from guwah.evidence.log.records import json_value, logged_models, matches_entry
from guwah.evidence.models import Blob, LogEntry, LogNode, LogState, TreeHead
from guwah.keys import KeyProblem

Action = LogEntry.Action


# --- verifying the whole log ---------------------------------------------------------------


@dataclass
class LogReport:
    size: int = 0
    heads_checked: int = 0
    records_checked: int = 0
    files_checked: int = 0
    backfilled: int = 0
    # The entries from this index on are covered by no signed tree head (yet).
    unsigned_from: int | None = None
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


@dataclass(frozen=True)
class SignedHead:
    """A tree head as signed, wherever it was kept."""

    size: int
    root_hash: str
    timestamp: str
    key_id: str
    signature: str

    @classmethod
    def of(cls, head: TreeHead) -> SignedHead:
        return cls(head.size, head.root_hash, head.timestamp, head.key_id, head.signature)

    @classmethod
    def from_line(cls, line: bytes) -> SignedHead:
        data = json.loads(line)
        if data.get("log") != "guwah":
            raise ValueError("not a Guwah tree head")
        return cls(
            int(data["size"]),
            str(data["root_hash"]),
            str(data["timestamp"]),
            str(data["key_id"]),
            str(data["signature"]),
        )

    @property
    def label(self) -> str:
        return f"tree head of size {self.size} signed {self.timestamp}"


def _collect_heads(
    report: LogReport | None, extra: Iterable[Path] = ()
) -> dict[SignedHead, list[str]]:
    """Every distinct head, from the database and the heads files, with where it was found."""
    found: dict[SignedHead, list[str]] = {}
    for row in TreeHead.objects.order_by("id"):
        found.setdefault(SignedHead.of(row), []).append("database")
    for path in [*heads_files(), *extra]:
        try:
            lines = path.read_bytes().splitlines()
        except FileNotFoundError:
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                head = SignedHead.from_line(line)
            except (ValueError, KeyError, TypeError):
                if report is not None:
                    report.problem(f"{path}, line {number}: not a tree head")
                continue
            places = found.setdefault(head, [])
            if str(path) not in places:
                places.append(str(path))
    return found


def _check_head(
    report: LogReport,
    head: SignedHead,
    tree: merkle.MerkleTree,
    public_key: Ed25519PublicKey,
    fingerprint: str,
    last_good: int,
) -> bool:
    """Signature, key, and a consistency proof from the head to the tree as it is now."""
    label = head.label
    if head.key_id != fingerprint:
        report.problem(f"{label}: signed by an unknown key {head.key_id[:16]}…")
        return False
    try:
        public_key.verify(
            bytes.fromhex(head.signature),
            tree_head_message(head.size, head.root_hash, head.timestamp, head.key_id),
        )
    except (InvalidSignature, ValueError):
        report.problem(f"{label}: the signature is not valid")
        return False
    if head.size > tree.size:
        report.problem(f"{label}: the log now holds only {tree.size} entries")
        return False
    try:
        if head.size == 0:
            if head.root_hash != merkle.EMPTY_ROOT.hex():
                raise merkle.ProofError("an empty tree has another root")
        else:
            # The proof that a holder of only this head would be given, checked as they would.
            merkle.verify_consistency(
                head.size,
                tree.size,
                bytes.fromhex(head.root_hash),
                tree.root(),
                tree.consistency_proof(head.size),
            )
    except (merkle.ProofError, ValueError):
        report.problem(
            f"{label}: the entries no longer give its root hash; "
            f"the change lies in entries {last_good}–{head.size - 1}"
        )
        return False
    return True


def verify_log(
    *,
    check_records: bool = False,
    open_blob: Callable[[Blob], IO[bytes]] | None = None,
    published: Iterable[Path] = (),
) -> LogReport:
    """Recompute every leaf and the whole tree from the entries, check every entry's seal, and
    check every signed head kept in the database, the heads files or the ``published`` copies
    (a witness's, say) against the tree; with ``open_blob``, also re-hash every stored file."""
    published = list(published)
    report = LogReport()
    # Heads are read before the entries: every head read was committed after its entries, so
    # a head larger than the entries found is a truncated log, not a head signed meanwhile.
    heads = _collect_heads(report, published)
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
            "seal",
            "backfilled",
        )
    )
    sql = f"SELECT {columns} FROM {quote(LogEntry._meta.db_table)} ORDER BY {quote('index')}"  # noqa: S608  (own table)
    leaves = bytearray()
    expected = 0
    sha256 = hashlib.sha256
    sealing = seal_key()
    unsealed: list[int] = []
    for index, rtype, rid, action, rsha, actor, time, stored, seal, backfilled in _rows(sql):
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
        elif entry_seal(sealing, leaf, bool(backfilled)) != seal:
            unsealed.append(index)
        if backfilled:
            report.backfilled += 1
        leaves += leaf
        expected += 1
    for first, last in _runs(unsealed):
        span = f"entry {first}" if first == last else f"entries {first}–{last}"
        report.problem(
            f"{span}: no valid seal; written or altered by someone without the log's key"
        )
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
    covered = 0
    for head, places in sorted(heads.items(), key=lambda item: (item[0].size, item[0].timestamp)):
        report.heads_checked += 1
        if _check_head(report, head, tree, public_key, fingerprint, covered):
            covered = max(covered, head.size)
        if "database" not in places:
            report.problem(
                f"{head.label}: kept in {', '.join(places)} but no longer in the database"
            )
    if covered < tree.size:
        # Entries appended after the heads were read may have been signed by now.
        for head in _collect_heads(None, published):
            if head not in heads and covered < head.size <= tree.size:
                report.heads_checked += 1
                if _check_head(report, head, tree, public_key, fingerprint, covered):
                    covered = head.size
    if covered < tree.size:
        report.unsigned_from = covered
    if check_records:
        _check_records(report)
    if open_blob is not None:
        _check_files(report, open_blob)
    return report


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as ``(first, last)`` runs, so that one planted batch is one line."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _stored_levels() -> int:
    top = LogNode.objects.order_by("-level").values_list("level", flat=True).first()
    return (top or 0) + 1


def _check_stored_level(report: LogReport, tree: merkle.MerkleTree, level: int) -> None:
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {quote('position')}, {quote('hash')} FROM {quote(LogNode._meta.db_table)} "  # noqa: S608  (own table; level is an int)
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


def _check_records(report: LogReport) -> None:
    """Every record as it is now against its latest entry: a change made behind the log's back
    (raw SQL, a window in autocommit) shows here."""
    for model in logged_models():
        label = model._meta.label_lower
        latest: dict[str, tuple[str, dict[str, str]]] = {}
        deleted: set[str] = set()
        for rid, action, rsha, salts in (
            LogEntry.objects.filter(record_type=label)
            .exclude(action=Action.UPLOAD)
            .order_by("index")
            .values_list("record_id", "action", "record_sha256", "salts")
        ):
            latest[rid] = (rsha, salts)
            if action == Action.DELETE:
                deleted.add(rid)
            else:
                deleted.discard(rid)
        for instance in model._base_manager.all().iterator():
            report.records_checked += 1
            rid = str(json_value(instance.pk))
            if rid not in latest:
                report.problem(f"{label} {rid}: no log entry records it")
            elif not matches_entry(instance, *latest.pop(rid)):
                report.problem(f"{label} {rid}: differs from its latest log entry")
        # What is left was logged but is not here: deleted behind the log's back, or an entry
        # planted for a record that never existed.
        for rid in sorted(set(latest) - deleted):
            report.problem(f"{label} {rid}: logged, but there is no such record")


def _check_files(report: LogReport, open_blob: Callable[[Blob], IO[bytes]]) -> None:
    """Re-hash every stored file: its name is the SHA-256 its bytes must still have."""
    uploaded = set(
        LogEntry.objects.filter(action=Action.UPLOAD).values_list("record_id", flat=True)
    )
    for blob in Blob.objects.order_by("sha256").iterator():
        report.files_checked += 1
        digest, size = hashlib.sha256(), 0
        try:
            with open_blob(blob) as handle:
                while chunk := handle.read(1024 * 1024):
                    digest.update(chunk)
                    size += len(chunk)
        except OSError:
            report.problem(f"stored file {blob.sha256}: missing from the store")
            continue
        except KeyProblem as exc:  # An encrypted file that no longer opens was altered.
            report.problem(f"stored file {blob.sha256}: {exc}")
            continue
        if digest.hexdigest() != blob.sha256:
            report.problem(f"stored file {blob.sha256}: its bytes now hash to {digest.hexdigest()}")
        elif size != blob.size:
            report.problem(f"stored file {blob.sha256}: {size} bytes, not {blob.size}")
        if blob.sha256 not in uploaded:
            report.problem(f"stored file {blob.sha256}: no upload entry records it")


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
