"""``guwah import FILE [--mapping MAPPING.json|NAME] [--dry-run] --as USERNAME``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.imports.importing import import_file
from guwah.imports.mappings import find_mapping
from guwah.imports.plan import MappingError
from guwah.imports.readers import ImportFileError
from guwah.registry.acting import acting_as
from guwah.registry.management.actor import account, add_actor_argument


class Command(BaseCommand):
    help = _(
        "Import persons from a CSV, XLSX or JSON file, or restore a Guwah export archive: "
        "all rows or none, and a second import of the same file adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("The file to import (.csv, .xlsx, .json or .zip)."))
        parser.add_argument(
            "--mapping",
            help=_(
                "A JSON file naming the field of each column whose header is not one, or the "
                "name of a mapping saved on the import page."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Report every problem and what would be added, and write nothing."),
        )
        parser.add_argument(
            "--source",
            default="",
            help=_("A name for the file's origin, put before its IDs (two partners' row 1)."),
        )
        parser.add_argument(
            "--through-services",
            action="store_true",
            help=_(
                "Write every row through the registry's services, with a history row each, "
                "even for a large file (slower)."
            ),
        )
        add_actor_argument(parser, _("The account the imported records are recorded under."))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        mapping = None
        saved = find_mapping(actor, options["mapping"]) if options["mapping"] else None
        if saved is not None and not Path(options["mapping"]).is_file():
            mapping = {"columns": dict(saved.columns)}
        elif options["mapping"]:
            try:
                mapping = json.loads(Path(options["mapping"]).read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as exc:
                raise CommandError(
                    _("The mapping cannot be read: %(reason)s") % {"reason": exc}
                ) from exc

        def progress(done: int, total: int) -> None:
            # Progress goes to standard error, so that the report can be kept apart.
            sys.stderr.write(_("imported %(done)d of %(total)d") % {"done": done, "total": total})
            sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            with acting_as(actor):
                report = import_file(
                    actor,
                    path,
                    path.name,
                    mapping=mapping,
                    dry_run=options["dry_run"],
                    source=options["source"],
                    progress=progress,
                    through_services=options["through_services"] or None,
                )
        except (ImportFileError, MappingError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
