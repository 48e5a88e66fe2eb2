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
  ``guwah log sign`` records one on demand. Each head is also appended, once committed, to a
  file outside the database (``GUWAH_LOG_HEADS_DIR``, and ``GUWAH_LOG_PUBLISH_DIR`` when set):
  someone who can write to the database but not to those files cannot delete the newest entries
  and their heads, or rewrite older ones, without ``guwah log verify`` finding a head that the
  entries no longer extend.
* Every entry carries a seal, a keyed hash (BLAKE2b) of its leaf made with a key derived from
  the signing key. A database writer without that key can plant an entry and let the next
  signed head cover it, but cannot seal

The log is read as one module, ``from guwah.evidence import log``; its parts are
``records`` (who acts, records as canonical JSON, which models are logged), ``heads`` (state,
keys, seals, signed tree heads), ``append`` (writing entries) and ``verify`` (checking it all).
"""

from guwah.evidence.log.append import (
    Backfill,
    BackfillRefused,
    EntrySpec,
    append_entries_bulk,
    append_entry,
    backfill_unlogged,
    record_change,
    record_existing,
    record_merge,
    record_rows,
    record_upload,
    unlogged_records,
)
from guwah.evidence.log.heads import (
    HEADS_FILE,
    consistency_proof,
    entry_seal,
    heads_files,
    inclusion_proof,
    key_id,
    latest_tree_head,
    locked_state,
    lookup_nodes,
    now_text,
    public_key_pem,
    root_hash,
    save_state,
    schedule_tree_head,
    seal_key,
    sign_tree_head,
    signing_key,
    tree_head_covering,
    tree_head_fields,
    write_tree_head_out,
)
from guwah.evidence.log.records import (
    ACTOR_FIELDS,
    OTHER_LOGGED_MODELS,
    UNRECORDED_FIELDS,
    Action,
    acting_as,
    acting_user_id,
    json_value,
    logged_models,
    matches_entry,
    record_commitment,
    record_document,
    record_json,
    record_type,
    user_id_of,
)
from guwah.evidence.log.salts import open_salts, seal_salts
from guwah.evidence.log.verify import LogReport, SignedHead, entry_fields, verify_log

__all__ = [
    "ACTOR_FIELDS",
    "HEADS_FILE",
    "OTHER_LOGGED_MODELS",
    "UNRECORDED_FIELDS",
    "Action",
    "Backfill",
    "BackfillRefused",
    "EntrySpec",
    "LogReport",
    "SignedHead",
    "acting_as",
    "acting_user_id",
    "append_entries_bulk",
    "append_entry",
    "backfill_unlogged",
    "consistency_proof",
    "entry_fields",
    "entry_seal",
    "heads_files",
    "inclusion_proof",
    "json_value",
    "key_id",
    "latest_tree_head",
    "locked_state",
    "logged_models",
    "lookup_nodes",
    "matches_entry",
    "now_text",
    "open_salts",
    "public_key_pem",
    "record_change",
    "record_commitment",
    "record_document",
    "record_existing",
    "record_json",
    "record_merge",
    "record_rows",
    "record_type",
    "record_upload",
    "root_hash",
    "save_state",
    "schedule_tree_head",
    "seal_key",
    "seal_salts",
    "sign_tree_head",
    "signing_key",
    "tree_head_covering",
    "tree_head_fields",
    "unlogged_records",
    "user_id_of",
    "verify_log",
    "write_tree_head_out",
]
