"""Canonical JSON and the byte layout of a log leaf; pure Python, shared with the package verifier.

Canonical JSON here means: object keys sorted by code point, no whitespace at all, UTF-8 with
non-ASCII characters written as themselves (only ``"``, ``\\`` and control characters are
escaped), integers as plain digits, ``true``/``false``/``null``. It follows RFC 8785 (JCS) for
everything Guwah writes; the one difference is that floating-point numbers (only coordinates)
are written by Python's shortest round-trip ``repr``. Nobody needs to reproduce the serialiser to
check a package: files are checked by hashing their bytes as they are.
"""

from __future__ import annotations

import json

# The C-accelerated string encoder behind json.dumps(ensure_ascii=False).
from json.encoder import encode_basestring
from typing import Any

LOG_ID = "guwah"


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


LEAF_FIELDS = ("action", "actor", "index", "record_id", "record_sha256", "record_type", "time")

_LEAF_TEMPLATE = (
    '{"action":%s,"actor":%s,"index":%d,"record_id":%s,'
    '"record_sha256":%s,"record_type":%s,"time":%s}'
)


def leaf_data(
    index: int,
    record_type: str,
    record_id: str,
    action: str,
    record_sha256: str,
    actor: int | None,
    time: str,
) -> bytes:
    """The bytes a log leaf hashes: the entry's canonical JSON (the same as
    ``canonical_json`` of its seven fields, written out directly because verifying a million
    entries calls this a million times)."""
    return (
        _LEAF_TEMPLATE
        % (
            encode_basestring(action),
            "null" if actor is None else str(int(actor)),
            index,
            encode_basestring(record_id),
            encode_basestring(record_sha256),
            encode_basestring(record_type),
            encode_basestring(time),
        )
    ).encode("utf-8")


def entry_leaf_data(entry: dict[str, Any]) -> bytes:
    """``leaf_data`` for an entry given as a dict with the fields of ``LEAF_FIELDS``."""
    if set(entry) != set(LEAF_FIELDS):
        raise ValueError("a log entry has exactly the fields " + ", ".join(LEAF_FIELDS))
    return canonical_json({field: entry[field] for field in LEAF_FIELDS})


def tree_head_message(size: int, root_hash: str, timestamp: str, key_id: str) -> bytes:
    """The exact bytes an Ed25519 tree-head signature covers."""
    return canonical_json(
        {
            "key_id": key_id,
            "log": LOG_ID,
            "root_hash": root_hash,
            "size": size,
            "timestamp": timestamp,
        }
    )
