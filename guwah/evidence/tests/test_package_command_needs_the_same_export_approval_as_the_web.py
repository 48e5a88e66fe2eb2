"""``guwah package export`` of restricted data needs the approval the web download needs: a
second person's, named with ``--approval``, spent by the export, and good for one package."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guwah.registry.models import ExportRequest, RecordRead
from guwah.registry.services import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(person, evidence_item):
    """A restricted person whose family agreed to share the record with UN mechanisms."""
    person.consent_share_un = True
    person.save()
    return person


def export(person, username: str, out: Path, *extra: str) -> None:
    call_command(
        "package", "export", "--person", str(person.pk), "--as", username, *extra, str(out)
    )


def approval(person, asker, approver) -> ExportRequest:
    asked = exports.request_export(asker, "package", str(person.pk), "For the UN case file.")
    return exports.approve_export(approver, asked)


def test_without_an_approval_the_command_refuses_and_writes_nothing(
    shared, colleague, tmp_path
) -> None:
    out = tmp_path / "p.zip"
    with pytest.raises(CommandError, match=r"second person's approval.*--approval"):
        export(shared, "dilnur", out)
    assert not out.exists()


def test_with_an_approval_it_writes_the_package_once(shared, colleague, reviewer, tmp_path) -> None:
    approved = approval(shared, colleague, reviewer)
    export(shared, "dilnur", tmp_path / "p.zip", "--approval", str(approved.pk))
    assert (tmp_path / "p.zip").exists()
    approved.refresh_from_db()
    assert approved.status == ExportRequest.Status.USED
    assert RecordRead.objects.filter(reader=colleague).exists()

    with pytest.raises(CommandError, match=f"approval {approved.pk} is not an unused"):
        export(shared, "dilnur", tmp_path / "again.zip", "--approval", str(approved.pk))
    assert not (tmp_path / "again.zip").exists()


def test_an_approval_of_another_persons_package_or_another_account_is_refused(
    shared, colleague, reviewer, administrator, tmp_path
) -> None:
    theirs = approval(shared, administrator, reviewer)
    with pytest.raises(CommandError, match="not an unused, unexpired approval of yours"):
        export(shared, "dilnur", tmp_path / "p.zip", "--approval", str(theirs.pk))
    theirs.refresh_from_db()
    assert theirs.status == ExportRequest.Status.APPROVED


def test_an_approval_still_waiting_for_a_decision_is_refused(shared, colleague, tmp_path) -> None:
    asked = exports.request_export(colleague, "package", str(shared.pk), "For the UN case file.")
    with pytest.raises(CommandError, match="approval"):
        export(shared, "dilnur", tmp_path / "p.zip", "--approval", str(asked.pk))


def test_the_family_takes_out_their_own_record_without_one(shared, owner, tmp_path) -> None:
    export(shared, "aynur", tmp_path / "p.zip")
    assert (tmp_path / "p.zip").exists()
