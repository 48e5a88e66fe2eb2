"""``guwah import_job ID``: run an import started on the web page (the page starts it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.imports.jobs import run_job
from guwah.imports.models import ImportJob


class Command(BaseCommand):
    help = _("Run an import started on the web page; run it again after a crash.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        job = ImportJob.objects.filter(pk=options["job"]).first()
        if job is None:
            raise CommandError(_("There is no import job %(id)s.") % {"id": options["job"]})
        job = run_job(job)
        for line in job.report:
            self.stdout.write(line)
