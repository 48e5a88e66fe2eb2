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


WRITER = """
import os, sys
import django
django.setup()
from django.db import transaction
from guwah.registry.models import Person
for i in range(15):
    with transaction.atomic():
        Person.objects.create(synthetic=True, occupation=f"{sys.argv[1]} {i}")
"""


@pytest.mark.slow
def test_two_processes_writing_one_sqlite_file_give_a_gapless_log(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "GUWAH_DATA_DIR": str(tmp_path),
        "GUWAH_LOG_KEY_PATH": str(tmp_path / "log.pem"),
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, "-m", "guwah.cli"]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name], env=env, stderr=subprocess.PIPE)
        for name in ("first", "second")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    done = subprocess.run(
        [*manage, "log", "verify", "--records"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 30 entries")
