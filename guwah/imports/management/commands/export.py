"""``guwah export --format csv|xlsx|json|archive --as USERNAME OUT``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.evidence.store import StoredFileChanged
from guwah.imports.export import FORMATS, stream, write_archive
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
        try:
            self._export(actor, options["format"], options["out"])
        except StoredFileChanged as exc:
            raise CommandError(str(exc)) from exc

    def _export(self, actor: Any, format: str, out: str) -> None:
        if out == "-":
            try:
                for piece in stream(actor, format):
                    sys.stdout.buffer.write(piece)
                sys.stdout.flush()
            except BrokenPipeError:
                # The reader stopped early (``| head``): not an error of the export's. Standard
                # output is pointed elsewhere so that closing it at exit raises nothing more.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        # Written beside the target and moved over it at the end: an export that fails half-way
        # leaves no truncated file where a complete one is expected.
        target = Path(out)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as handle:
                if format == "archive":
                    # Written straight into the file, which the ZIP writer seeks back in.
                    write_archive(actor, handle)
                else:
                    for piece in stream(actor, format):
                        handle.write(piece)
            partial.replace(target)
        except OSError as exc:
            raise CommandError(
                _("The export cannot be written to %(path)s: %(reason)s")
                % {"path": target, "reason": exc.strerror or exc}
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
