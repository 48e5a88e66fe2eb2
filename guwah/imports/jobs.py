"""Imports started on the web page run in a process of their own, with their progress shown.

The page stores the uploaded file with an :class:`~guwah.imports.models.ImportJob` and starts
``guwah import_job ID`` once the request's transaction has committed; that process runs the
import (one transaction, as on the console) and writes its progress beside the stored file,
where the page reads it: the job's own row cannot show progress before the import commits. A
job whose process died is shown as interrupted, and running it again completes the import.

The stored file may name witnesses, so it is sealed like the evidence store's files (AES-GCM
with the lasting key of :mod:`guwah.evidence.lasting`, bound to its purpose) and deleted as
soon as the job has finished, imported or refused; only its progress counts stay for the page.
A job left unfinished (interrupted and never run again) keeps its file for
``GUWAH_IMPORT_FILE_DAYS`` days, after which the next import started deletes it and marks the
job refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guwah.evidence import lasting
from guwah.imports.importing import import_file
from guwah.imports.models import ImportJob
from guwah.imports.plan import MappingError
from guwah.imports.readers import ImportFileError
from guwah.keys import is_encrypted_file
from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.services.checks import require

# What a stored import file's ciphertext is bound to.
FILE_LABEL = "imports.importjob.file"


def seal(data: bytes) -> bytes:
    """The file as it is stored: encrypted with the lasting key, which a key rotation started
    while the job waits does not retire."""
    return lasting.seal_bytes(data, FILE_LABEL)


def unseal(stored: bytes) -> bytes:
    """The file's plaintext (a file stored before sealing is read as it is)."""
    if not is_encrypted_file(stored[:4]):
        return stored
    return lasting.open_bytes(stored, FILE_LABEL)


def discard_file(job: ImportJob) -> None:
    """Delete the job's stored file; its name stays, so the progress beside it is still read."""
    if job.file.name and default_storage.exists(job.file.name):
        default_storage.delete(job.file.name)


def discard_stale_files(now: Any = None) -> int:
    """Delete the files of jobs left unfinished longer than ``GUWAH_IMPORT_FILE_DAYS`` and mark
    those jobs refused; returns how many."""
    days = getattr(settings, "GUWAH_IMPORT_FILE_DAYS", 7)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = ImportJob.objects.filter(
        created_at__lt=cutoff, state__in=[ImportJob.State.WAITING, ImportJob.State.RUNNING]
    )
    count = 0
    for job in stale:
        if job.state == ImportJob.State.RUNNING and not interrupted(job):
            continue
        discard_file(job)
        job.state = ImportJob.State.REFUSED
        job.report = [
            _("The stored file was deleted after %(days)s days unfinished; upload it again.")
            % {"days": days}
        ]
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "report", "finished_at"])
        count += 1
    return count


def progress_name(job: ImportJob) -> str:
    return f"{job.file.name}.progress"


def progress_of(job: ImportJob) -> tuple[int, int] | None:
    """(rows written, rows in all) as the job's process last reported them."""
    name = progress_name(job)
    if not job.file.name or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        done, _separator, total = handle.read().decode().partition(" ")
    try:
        return int(done), int(total)
    except ValueError:
        return None


def interrupted(job: ImportJob) -> bool:
    """A job said to run whose process is gone."""
    if job.state != ImportJob.State.RUNNING or job.process_id is None:
        return False
    try:
        os.kill(job.process_id, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def start_job(
    actor: Any, data: bytes, filename: str, *, mapping: Any = None, source: str = ""
) -> ImportJob:
    """Store the file, record the job and start its process after the request commits."""
    require(access.can_import_records(actor), _("You may not import records."))
    job = ImportJob(created_by=actor, filename=filename[:300], mapping=mapping, source=source)
    job.file.save(filename, ContentFile(seal(data)), save=False)
    job.save()
    discard_stale_files()
    launch(job)
    return job


def launch(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.WAITING, process_id=None)
    command = [sys.executable, "-m", "guwah.cli", "import_job", str(job.pk)]
    transaction.on_commit(
        lambda: subprocess.Popen(  # noqa: S603  (this Python running the project's own command)
            command,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )


def run_job(job: ImportJob) -> ImportJob:
    """Run the import of ``job`` as the user who started it, and record how it ended."""
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.RUNNING, process_id=os.getpid()
    )

    def progress(done: int, total: int) -> None:
        name = progress_name(job)
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(f"{done} {total}".encode()))

    with job.file.open("rb") as handle:
        data = unseal(handle.read())
    try:
        with acting_as(job.created_by):
            report = import_file(
                job.created_by,
                data,
                job.filename,
                mapping=job.mapping,
                source=job.source,
                progress=progress,
            )
        lines, ok = report.lines(), report.ok
    except (ImportFileError, MappingError, PermissionDenied) as exc:
        lines, ok = [str(exc)], False
    job.state = ImportJob.State.DONE if ok else ImportJob.State.REFUSED
    job.report = lines
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "report", "finished_at"])
    discard_file(job)
    return job
