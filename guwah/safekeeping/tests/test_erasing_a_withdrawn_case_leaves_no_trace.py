"""``guwah erase`` removes a withdrawn case from the records, their history, merge snapshots
and stored files, and from the raw database file and data directory and any backup taken
afterwards; the log keeps its entries and still verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guwah.evidence.models import Blob, LogEntry
from guwah.registry import models as registry
from guwah.registry import services
from guwah.registry.models import Person
from guwah.registry.services.erasure import erasure_token
from guwah.safekeeping.backup import make_backup
from guwah.safekeeping.tests.conftest import (
    CONTROL_NAME,
    SECRETS,
    as_bytes,
    data_directory_bytes,
    database_copy,
    make_case,
)

pytestmark = pytest.mark.django_db(transaction=True)

ERASED = [*SECRETS.values(), CONTROL_NAME]


def _traces(content: bytes) -> list[str]:
    return [str(secret) for secret in ERASED for encoded in as_bytes(secret) if encoded in content]


def test_an_erased_case_leaves_no_trace_and_the_log_still_verifies(
    owner, colleague, administrator, tmp_path: Path, settings, capsys
) -> None:
    case = make_case(owner, colleague)
    # Changed once, so that history holds an earlier version, and the notes kept in the clear
    # in the history of names too.
    services.update_person(owner, case.person, notes=SECRETS["notes"] + " (amended)")
    other = services.create_person(
        owner, names=[{"text": "Memetqzx Other", "script": "ug-Latn"}], synthetic=True
    )
    # A testimony about both: it stays, about the other person only.
    shared = services.add_testimony(
        owner, [case.person, other], witness_name="Shared witness (synthetic)", text="Both."
    )
    entries_before = LogEntry.objects.count()
    assert CONTROL_NAME.encode() in database_copy(tmp_path / "before.sqlite3")

    call_command("erase", "--person", str(case.person.pk), "--as", administrator.username)
    assert erasure_token(case.person) in capsys.readouterr().out
    assert Person.objects.filter(pk=case.person.pk).exists(), "nothing goes without --confirm"

    call_command(
        "erase",
        "--person",
        str(case.person.pk),
        "--as",
        administrator.username,
        "--confirm",
        erasure_token(case.person),
    )

    assert not Person.objects.filter(pk=case.person.pk).exists()
    assert not registry.Testimony.objects.filter(pk=case.testimony.pk).exists()
    assert list(registry.Testimony.objects.get(pk=shared.pk).persons.all()) == [other]
    assert not Blob.objects.exists()
    assert not Person.history.filter(id=case.person.pk).exists()
    # The log keeps every entry, and adds the deletions; without the salts, no guess of an
    # erased value can be tested against its commitment.
    assert LogEntry.objects.count() > entries_before
    erased_entries = LogEntry.objects.filter(
        record_type="registry.person", record_id=str(case.person.pk)
    )
    assert erased_entries.exists() and not erased_entries.exclude(salts={}).exists()
    call_command("log", "verify", "--records", "--files")
    assert "OK" in capsys.readouterr().out

    database = database_copy(tmp_path / "after.sqlite3")
    assert b"Memetqzx Other" in database, "the search reads the file"
    assert _traces(database) == []
    for path, content in data_directory_bytes().items():
        assert _traces(content) == [], path

    backup = tmp_path / "backup"
    make_backup(backup)
    for path in backup.rglob("*"):
        if path.is_file():
            assert _traces(path.read_bytes()) == [], path


def test_a_wrong_confirmation_or_a_non_administrator_erases_nothing(
    case, colleague, administrator
) -> None:
    with pytest.raises(CommandError, match="does not match"):
        call_command(
            "erase",
            "--person",
            str(case.person.pk),
            "--as",
            administrator.username,
            "--confirm",
            "wrong",
        )
    with pytest.raises(CommandError, match="Only an administrator"):
        call_command(
            "erase",
            "--person",
            str(case.person.pk),
            "--as",
            colleague.username,
            "--confirm",
            erasure_token(case.person),
        )
    assert Person.objects.filter(pk=case.person.pk).exists()
