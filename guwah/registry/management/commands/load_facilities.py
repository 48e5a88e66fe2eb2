"""``guwah load_facilities PATH --as USERNAME``: load the gazetteer of camps and prisons from a
sourced CSV file, all or nothing (see ``guwah.registry.services.facilities``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.registry.management.actor import account, add_actor_argument
from guwah.registry.services.facilities import load_facilities, read_facilities_csv


class Command(BaseCommand):
    help = _(
        "Load camps and prisons from a sourced CSV file. Running it again changes nothing; a "
        "file with a bad row is refused whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help=_("The facilities CSV file."))
        add_actor_argument(parser, _("The member of staff who keeps the reference data."))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        try:
            text = options["path"].read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            report = load_facilities(actor, read_facilities_csv(text))
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(
                _("Nothing was loaded:") + "\n" + "\n".join(error.messages)
            ) from error
        self.stdout.write(
            _("%(added)s added, %(updated)s updated, %(unchanged)s unchanged.")
            % {"added": report.added, "updated": report.updated, "unchanged": report.unchanged}
        )
