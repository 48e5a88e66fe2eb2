"""``guwah restore IN_DIR``: a backup into a new installation with an empty data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.keys import KeyProblem
from guwah.safekeeping.backup import BackupProblem, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `guwah backup` into an empty GUWAH_DATA_DIR."
    # The database is not opened before it is restored.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("in_dir", type=Path, help="The backup's directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(options["in_dir"])
        except (BackupProblem, KeyProblem) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Backup %(id)s of %(made)s restored. Check it with `guwah log verify --records "
                "--files`."
            )
            % {"id": manifest["backup"], "made": manifest["made"]}
        )
