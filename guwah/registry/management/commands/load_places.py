"""``guwah load_places [PATH] --as USERNAME``: load the Xinjiang gazetteer into the registry's
places, as a member of staff who keeps the reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.management.actor import account, add_actor_argument
from guwah.registry.places import GazetteerError, default_gazetteer_path, load_gazetteer


class Command(BaseCommand):
    help = _(
        "Load the region, prefectures and counties of Xinjiang from the gazetteer CSV file. "
        "Running it again changes nothing; a bad file is refused whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help=_("The gazetteer CSV file (default: %(default)s).")
            % {"default": default_gazetteer_path()},
        )
        parser.add_argument(
            "--fallback",
            action="store_true",
            help=_(
                "When the file is absent, load the region's prefecture-level divisions from "
                "the GB/T 2260 standard instead of failing."
            ),
        )
        add_actor_argument(
            parser, _("the account the places are recorded under (a member of staff)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        if not access.can_manage_reference_data(actor):
            raise CommandError(
                _("%(user)s may not change the places: name a member of staff with --as.")
                % {"user": actor.get_username()}
            )
        try:
            with acting_as(actor):
                report = load_gazetteer(options["path"], fallback=options["fallback"])
        except GazetteerError as exc:
            raise CommandError(str(exc)) from exc
        if report.note:
            self.stdout.write(self.style.WARNING(report.note))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Places from %(source)s: %(added)d added, %(updated)d updated, "
                    "%(unchanged)d unchanged."
                )
                % {
                    "source": report.source,
                    "added": report.added,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )
