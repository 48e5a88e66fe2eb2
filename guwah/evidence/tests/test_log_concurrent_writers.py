"""Two writers at once still give one gapless, verifiable sequence of entries."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.registry.models import Person


@pytest.mark.django_db(transaction=True)
def test_two_writers_interleave_into_one_gapless_log() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite test database is shared-cache: writers fail, not wait")
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(label: str) -> None:
        try:
            start.wait()
            for i in range(15):
                with transaction.atomic():
                    Person.objects.create(synthetic=True, occupation=f"{label} {i}")
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert list(LogEntry.objects.values_list("index", flat=True)) == list(range(30))
    assert {e.record_id for e in LogEntry.objects.all()} == {
        str(pk) for pk in Person.objects.values_list("pk", flat=True)
    }
    report = log.verify_log(check_records=True)
    assert report.ok, report.problems
