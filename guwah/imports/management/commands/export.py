"""``guwah export --format csv|xlsx|json|archive --as USERNAME OUT``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.imports.export import FORMATS, export
from guwah.registry import access
from guwah.registry.management.actor import account, add_actor_argument


class Command(BaseCommand):
    help = _(
        "Export everything the account may see: JSON after the HURIDOCS Events Standard "
        "Formats, CSV, an Excel workbook, or an archive with files, hashes and the log's "
        "signed tree head."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help=_("Where to write the export; - for standard output."))
        parser.add_argument("--format", choices=FORMATS, default="json")
        add_actor_argument(parser, _("The account whose view of the registry is exported."))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        if not access.can_export_records(actor):
            raise CommandError(_("This account may not export records."))
        data = export(actor, options["format"])
        if options["out"] == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            Path(options["out"]).write_bytes(data)
