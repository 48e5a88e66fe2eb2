"""``guwah memorial refresh``: rewrite the memorial's summary of every published person (its
status, prefecture and step on the verification ladder), after a bulk load that wrote the
registry without the per-record signals. It changes no record, only what is counted from them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from guwah.public import summaries
from guwah.public.reading.statistics import forget_statistics


class Command(BaseCommand):
    help = _("Keep the memorial's counts in step with the registry (sub-command: refresh).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("refresh", help=_("Rewrite the summary of every published person."))

    def handle(self, *args: Any, **options: Any) -> None:
        written = summaries.refresh()
        forget_statistics()
        self.stdout.write(_("%(count)d published persons summarised.") % {"count": written})
