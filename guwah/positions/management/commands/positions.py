"""``guwah positions load [FILE.csv]``: import the record of state positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.positions import services


class Command(BaseCommand):
    help = "Work with the record of state positions (sub-command: load)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser(
            "load",
            help="Import positions.csv and the instruments.csv beside it, all or nothing.",
        )
        load.add_argument(
            "file",
            nargs="?",
            type=Path,
            default=services.PACKAGED_POSITIONS,
            help="positions CSV (default: the record packaged with Guwah)",
        )
        load.add_argument(
            "--instruments",
            type=Path,
            default=None,
            help="instruments CSV (default: instruments.csv beside FILE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load(options["file"], options["instruments"])

    def _load(self, path: Path, instruments: Path | None) -> None:
        if not path.is_file():
            raise CommandError(f"{path} does not exist")
        if instruments is not None and not instruments.is_file():
            raise CommandError(f"{instruments} does not exist")
        try:
            report = services.load(path, instruments)
        except services.LoadRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(rejected.problems)} problem(s) found; nothing was imported."
            ) from None
        if not report.changed_anything:
            self.stdout.write(
                f"Nothing to change: {report.instruments_unchanged} instruments and "
                f"{report.positions_unchanged} positions are already recorded as in the file."
            )
            return
        lines = [
            f"States added from ISO 3166-1: {report.states_added}",
            f"Instruments added: {len(report.instruments_added)}",
            f"Instruments updated: {len(report.instruments_updated)}"
            + (f" ({', '.join(report.instruments_updated)})" if report.instruments_updated else ""),
            f"Instruments unchanged: {report.instruments_unchanged}",
            f"Positions added: {report.positions_added}",
            f"Positions updated: {len(report.positions_updated)}"
            + (f" ({', '.join(report.positions_updated)})" if report.positions_updated else ""),
            f"Positions unchanged: {report.positions_unchanged}",
        ]
        self.stdout.write("\n".join(lines))
