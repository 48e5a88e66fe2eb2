"""``guwah backup OUT_DIR``: the database, the files and the keys, encrypted (see
:mod:`guwah.safekeeping.backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.keys import KeyProblem
from guwah.safekeeping.backup import BackupProblem, make_backup


class Command(BaseCommand):
    help = "Back up the database, the stored files and the keys, encrypted, into OUT_DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_dir", type=Path, help="A new or empty directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = make_backup(options["out_dir"])
        except (BackupProblem, KeyProblem) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Backup %(id)s written to %(dir)s (%(parts)s parts, master key %(key)s). Keep "
                "its keys/ directory apart from the rest, and the master key apart from both."
            )
            % {
                "id": manifest["backup"],
                "dir": options["out_dir"],
                "parts": len(manifest["parts"]),
                "key": manifest["master_key"],
            }
        )
