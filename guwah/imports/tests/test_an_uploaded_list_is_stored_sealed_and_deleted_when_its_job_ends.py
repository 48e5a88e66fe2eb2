"""A list uploaded for an import may name witnesses: it is stored encrypted, read back by the
job, and deleted when the job ends (imported or refused) or, if it never ends, after
``GUWAH_IMPORT_FILE_DAYS`` days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from guwah.imports import jobs
from guwah.imports.models import ImportJob
from guwah.keys import FILE_MAGIC
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

NAME = "Ablet Tursun (synthetic)"
LIST = f"name,birth_date\n{NAME},1970\n".encode()


def stored(job: ImportJob) -> bytes:
    with default_storage.open(job.file.name, "rb") as handle:
        return handle.read()


def test_the_stored_file_is_encrypted_and_the_job_still_reads_it(colleague) -> None:
    job = jobs.start_job(colleague, LIST, "witnesses.csv")
    raw = stored(job)
    assert raw.startswith(FILE_MAGIC)
    assert NAME.encode() not in raw and b"Tursun" not in raw
    assert jobs.unseal(raw) == LIST

    jobs.run_job(job)
    assert job.state == ImportJob.State.DONE
    assert Person.objects.get().created_by == colleague


def test_the_file_is_deleted_when_the_job_is_done_and_its_progress_stays(colleague) -> None:
    job = jobs.start_job(colleague, LIST, "witnesses.csv")
    jobs.run_job(job)
    assert not default_storage.exists(job.file.name)
    assert jobs.progress_of(job) == (1, 1)


def test_the_file_is_deleted_when_the_job_is_refused(colleague) -> None:
    job = jobs.start_job(colleague, b"name,birth_date\nAblet Tursun,1970-13\n", "bad.csv")
    jobs.run_job(job)
    assert job.state == ImportJob.State.REFUSED
    assert not default_storage.exists(job.file.name)


def test_a_file_left_unfinished_is_deleted_after_the_retention_period(colleague, settings) -> None:
    settings.GUWAH_IMPORT_FILE_DAYS = 7
    old = jobs.start_job(colleague, LIST, "old.csv")
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    recent = jobs.start_job(colleague, LIST, "recent.csv")  # Starting a job clears old files.

    old.refresh_from_db()
    assert old.state == ImportJob.State.REFUSED and "7 days" in old.report[0]
    assert not default_storage.exists(old.file.name)
    recent.refresh_from_db()
    assert recent.state == ImportJob.State.WAITING
    assert default_storage.exists(recent.file.name)


def test_a_file_stored_before_sealing_is_still_imported(colleague) -> None:
    job = jobs.start_job(colleague, LIST, "witnesses.csv")
    default_storage.delete(job.file.name)
    default_storage.save(job.file.name, ContentFile(LIST))
    jobs.run_job(job)
    assert job.state == ImportJob.State.DONE


def test_a_key_rotation_while_the_job_waits_leaves_its_file_readable(colleague) -> None:
    from guwah.registry import encryption

    job = jobs.start_job(colleague, LIST, "witnesses.csv")
    ring = encryption.keyring()
    old = set(ring.data_keys)
    ring.start_rotation()
    ring.retire(old)
    encryption.forget_keyring()
    jobs.run_job(job)
    assert job.state == ImportJob.State.DONE
