"""Someone who copies the database and the data directory, but not the master key, learns no
witness's name, no testimony, no documenter's note, no identity number, and hears no
recording; the names of the detained, which are the record, are there to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.safekeeping.tests.conftest import (
    CONTROL_NAME,
    SECRETS,
    as_bytes,
    data_directory_bytes,
    database_copy,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_encrypted_field_appears_in_the_raw_database_or_any_stored_file(
    case, tmp_path: Path
) -> None:
    # A change, so that the history tables hold an earlier version of each protected value.
    from guwah.registry import services

    services.update_testimony(
        case.testimony.created_by, case.testimony, text=SECRETS["testimony"] + " (corrected)"
    )
    database = database_copy(tmp_path / "copy.sqlite3")
    files = data_directory_bytes()
    assert files, "the data directory holds the uploads and keys"

    # The search works: the person's name, a field left in the clear, is found in the copy.
    assert CONTROL_NAME.encode() in database

    for what, secret in SECRETS.items():
        for encoded in as_bytes(secret):
            assert encoded not in database, f"the {what} is readable in the database"
            for path, content in files.items():
                assert encoded not in content, f"the {what} is readable in {path}"


def test_the_application_still_reads_every_protected_value(case) -> None:
    from guwah.registry import models as registry
    from guwah.registry.models import IdentityDocument, Person

    testimony = registry.Testimony.objects.get(pk=case.testimony.pk)
    assert testimony.witness_name == SECRETS["witness"]
    assert testimony.text == SECRETS["testimony"]
    assert SECRETS["recording"] in testimony.media.read()
    assert Person.objects.get(pk=case.person.pk).notes == SECRETS["notes"]
    assert IdentityDocument.objects.get(pk=case.document.pk).number == SECRETS["number"]
