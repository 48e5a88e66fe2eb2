"""Signals the registry sends for changes that Django's model signals do not see.

The registry announces; the apps above it (the transparency log) listen. It never knows who.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by a bulk loader with ``sender`` the model whose rows it inserted without saving them
# one by one (the registry's, or an app's above it), ``records`` an iterable of those rows (or
# instead ``pks``, their primary keys, for receivers to read back what they need) and
# optionally ``actor``, the user who wrote them, inside the transaction that wrote them.
# Receivers treat them as created, as ``post_save`` would have told them.
bulk_created = Signal()

# Sent by ``services.merge_persons`` with ``sender`` Person, ``survivor`` (as merged),
# ``merged_id`` (the record folded into it, now deleted), ``actor`` and ``reason``, inside the
# merge's transaction, after the ordinary saves and deletions that the log already records.
persons_merged = Signal()

# Sent by ``services.erase_person`` with ``sender`` Person, ``erasure`` (an ``Erasure``: the
# deleted rows by model label, as ids and as the instances they were) and ``actor``, inside the
# erasure's transaction, after the deletions: each app above removes what it keeps of them
# (stored files, merge snapshots, the log's salts).
person_erased = Signal()
