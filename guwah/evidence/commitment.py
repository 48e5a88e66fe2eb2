"""A record's commitment: a hash over salted per-field hashes, so a field can be withheld.

A plain SHA-256 of a whole record lets anyone who holds it test guesses: fill in a candidate
witness name, hash, compare. Here every field of every recorded version gets its own random
salt, kept in the database beside the log entry and never derived from the content::

    leaf(name)  = SHA-256( salt ‖ canonical_json([name, value]) )      salt: 16 random bytes
    commitment  = SHA-256( canonical_json({name: hex(leaf(name)), ...}) )

A package discloses ``(value, salt)`` for each field it shows and only ``leaf(name)`` for a
field it withholds. A recipient recomputes the commitment and finds it in the signed log; a
withheld leaf cannot be tested against guesses without its 128-bit salt.

Pure Python, shared by the log and the offline package verifier.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The C-accelerated string encoder behind json.dumps(ensure_ascii=False), as in ``canonical``.
from json.encoder import encode_basestring
from typing import Any

from guwah.evidence.canonical import canonical_json

SALT_BYTES = 16

_encode = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


@dataclass(frozen=True)
class Commitment:
    digest: str
    salts: dict[str, str]


def fresh_salts(names: Iterable[str]) -> dict[str, str]:
    """One random salt (hex) per field name; one read of the system's random source."""
    ordered = sorted(names)
    raw = os.urandom(SALT_BYTES * len(ordered))
    return {
        name: raw[i * SALT_BYTES : (i + 1) * SALT_BYTES].hex() for i, name in enumerate(ordered)
    }


def field_leaf(name: str, value: Any, salt: str) -> str:
    """The hash that stands for one field: of its salt, its name and its canonical value."""
    salt_bytes = bytes.fromhex(salt)
    if len(salt_bytes) != SALT_BYTES:
        raise ValueError(f"the salt of {name!r} is not {SALT_BYTES} bytes")
    return hashlib.sha256(salt_bytes + _name_value_json(name, value)).hexdigest()


def _name_value_json(name: str, value: Any) -> bytes:
    """``canonical_json([name, value])``, written out for the common types: every record
    change hashes one per field, and a bulk load of a million records calls this millions of
    times."""
    if isinstance(value, str):
        text = encode_basestring(value)
    elif value is None:
        text = "null"
    elif value is True or value is False:
        text = "true" if value else "false"
    elif type(value) is int:
        text = str(value)
    else:
        text = _encode(value)
    return f"[{encode_basestring(name)},{text}]".encode()


def combine(leaves: Mapping[str, str]) -> str:
    """The record commitment from the leaf hash of every field, keyed by field name."""
    if all(type(leaf) is str for leaf in leaves.values()):
        # canonical_json of a dict of strings, written out: a bulk load combines once per
        # record, and the general encoder was a fifth of the cost of committing to one.
        body = ",".join(
            f"{encode_basestring(name)}:{encode_basestring(leaf)}"
            for name, leaf in sorted(leaves.items())
        )
        return hashlib.sha256(("{" + body + "}").encode()).hexdigest()
    return hashlib.sha256(canonical_json(dict(leaves))).hexdigest()


def commit(fields: Mapping[str, Any], salts: Mapping[str, str] | None = None) -> Commitment:
    """Commit to ``fields`` with fresh salts, or recompute with the stored ``salts``.

    Raises ``KeyError`` if stored salts lack a field (the record gained a column since).
    """
    if salts is None:
        raw = os.urandom(SALT_BYTES * len(fields))
        salt_bytes = {
            name: raw[i * SALT_BYTES : (i + 1) * SALT_BYTES] for i, name in enumerate(fields)
        }
    else:
        salt_bytes = {name: bytes.fromhex(salts[name]) for name in fields}
    sha256 = hashlib.sha256
    leaves = {
        name: sha256(salt_bytes[name] + _name_value_json(name, value)).hexdigest()
        for name, value in fields.items()
    }
    return Commitment(combine(leaves), {name: salt.hex() for name, salt in salt_bytes.items()})


def disclosed_commitment(
    fields: Mapping[str, Any], salts: Mapping[str, str], withheld: Mapping[str, str]
) -> str:
    """The commitment from disclosed fields (value and salt) and withheld fields (leaf only).

    Raises ``ValueError`` if a field is both disclosed and withheld or lacks its salt.
    """
    if set(fields) & set(withheld):
        raise ValueError("a field is both disclosed and withheld")
    if set(fields) != set(salts):
        raise ValueError("every disclosed field needs its salt, and only those")
    leaves = {name: field_leaf(name, value, salts[name]) for name, value in fields.items()}
    for name, leaf in withheld.items():
        if not isinstance(leaf, str) or len(leaf) != 64:
            raise ValueError(f"the withheld field {name!r} has no valid leaf hash")
        leaves[name] = leaf
    return combine(leaves)
