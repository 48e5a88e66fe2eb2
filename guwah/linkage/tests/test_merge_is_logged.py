"""A merge and its undo leave the transparency log in step with every record they touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.evidence import log
from guwah.evidence.export import export_person_package
from guwah.evidence.models import LogEntry
from guwah.evidence.package import verify_package
from guwah.linkage import services
from guwah.registry import models as registry_models


def records_out_of_step() -> list[str]:
    report = log.verify_log(check_records=True)
    return report.problems


def test_after_a_merge_no_record_differs_from_its_log_entry(
    two_records_of_memet, colleague
) -> None:
    first, second = two_records_of_memet
    assert records_out_of_step() == []

    services.merge_persons(colleague, first, second, "Same birth date and sister.")

    assert records_out_of_step() == []
    merge_entries = LogEntry.objects.filter(
        record_type="registry.person", record_id=str(first.pk), action=LogEntry.Action.MERGE
    )
    assert merge_entries.count() == 1


def test_after_an_undo_no_record_differs_from_its_log_entry(
    two_records_of_memet, colleague
) -> None:
    first, second = two_records_of_memet
    merge = services.merge_persons(colleague, first, second, "Same person.")

    services.undo_merge(colleague, merge)

    assert records_out_of_step() == []
    # The testimony about both of them is about both again, and its latest entry says so.
    # (A witness's name is encrypted at rest: found by reading, not by a query.)
    [shared] = [t for t in registry_models.Testimony.objects.all() if t.witness_name == "Gülnar"]
    assert set(shared.persons.values_list("pk", flat=True)) == {first.pk, second.pk}


def test_the_survivor_of_a_merge_can_be_exported_as_a_package(
    two_records_of_memet, colleague, tmp_path: Path
) -> None:
    first, second = two_records_of_memet
    services.merge_persons(colleague, first, second, "Same person.")
    first.refresh_from_db()

    out = tmp_path / "memet.zip"
    manifest = export_person_package(first, colleague, out)

    assert verify_package(out, expected_key_id=log.key_id(log.signing_key().public_key())).ok
    assert manifest


pytestmark = pytest.mark.django_db
