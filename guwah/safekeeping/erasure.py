"""``guwah erase``: a withdrawn case erased from the records, their history, merge snapshots,
the log's salts and the stored files, and then from the database file's free pages.

The registry's ``services.erase_person`` deletes and purges, and the apps above it remove what
they keep (``registry.signals.person_erased``). A deleted row's bytes stay in the database
file's free pages until they are overwritten, so the file is compacted afterwards: SQLite's
``VACUUM`` rewrites it, and the write-ahead log is emptied. (On PostgreSQL ``VACUUM FULL`` of
the affected tables does the same, at the cost of locking them: run it in a quiet hour.)
Backups taken before the erasure still hold the case: they are the organisation's to destroy.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import connection

from guwah.registry.models import Evidence, Person, Testimony
from guwah.registry.services.erasure import Erasure, erase_person, erasure_token


def preview(person: Person) -> dict[str, Any]:
    """What erasing ``person`` would remove, in counts, and the word to confirm it with."""
    testimonies = Testimony.objects.filter(persons=person).distinct()
    evidence = Evidence.objects.filter(persons=person).distinct()
    return {
        "names": person.names.count(),
        "documents": person.documents.count(),
        "events": person.events.count(),
        "ties": person.ties.count(),
        "testimonies": testimonies.count(),
        "evidence": evidence.count(),
        "token": erasure_token(person),
    }


def compact_database() -> None:
    """Rewrite the database so that the erased rows' bytes leave its file."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def erase(actor: Any, person: Person, *, confirm: str) -> Erasure:
    done = erase_person(actor, person, confirm=confirm)
    compact_database()
    return done


def summary(done: Erasure) -> Counter[str]:
    return Counter({label: len(ids) for label, ids in done.records.items()})
