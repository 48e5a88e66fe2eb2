"""``guwah positions load [FILE.csv] --as USERNAME``: import the record of state positions;
``guwah positions groups [FILE.csv] --as USERNAME``: import groups of states and their members.

The changes are recorded in the history under the account named with ``--as``, which must be
one the access policy lets change the record: a load is an edit like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.positions import services
from guwah.registry.management.actor import account, add_actor_argument


class Command(BaseCommand):
    help = _("Work with the record of state positions (sub-commands: load, groups).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = _loader(
            actions,
            "load",
            _("Import positions.csv and the instruments.csv beside it, all or nothing."),
            services.PACKAGED_POSITIONS,
            _("positions CSV (default: the record packaged with Guwah)"),
        )
        load.add_argument(
            "--instruments",
            type=Path,
            default=None,
            help=_("instruments CSV (default: instruments.csv beside FILE)"),
        )
        _loader(
            actions,
            "groups",
            _("Import groups of states and their members by year, all or nothing."),
            services.PACKAGED_GROUPS,
            _("groups CSV (default: the groups packaged with Guwah)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        if options["action"] == "load":
            self._load(actor, options["file"], options["instruments"])
        elif options["action"] == "groups":
            self._groups(actor, options["file"])

    def _run(self, load: Callable[[], Any], actor: Any, *paths: Path | None) -> Any:
        """The report of ``load``, or the ``CommandError`` that says why nothing was loaded."""
        for path in paths:
            if path is not None and not path.is_file():
                raise CommandError(_("%(path)s does not exist") % {"path": path})
        try:
            return load()
        except PermissionDenied:
            raise CommandError(
                _(
                    "%(user)s may not change the record of state positions: name a "
                    "documenter, reviewer or administrator with --as."
                )
                % {"user": actor.get_username()}
            ) from None
        except services.LoadRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d problem(s) found; nothing was imported.")
                % {"count": len(rejected.problems)}
            ) from None

    def _groups(self, actor: Any, path: Path) -> None:
        report = self._run(lambda: services.load_groups(actor, path), actor, path)
        if not report.changed_anything:
            self.stdout.write(
                _("Nothing to change: %(count)d memberships are already recorded as in the file.")
                % {"count": report.memberships_unchanged}
            )
            return
        lines = [
            _("Groups added: %(count)d") % {"count": len(report.groups_added)}
            + _listed(report.groups_added),
            _("Memberships added: %(count)d") % {"count": report.memberships_added},
            _("Memberships updated: %(count)d") % {"count": len(report.memberships_updated)}
            + _listed(report.memberships_updated),
            _("Memberships removed: %(count)d") % {"count": len(report.memberships_removed)}
            + _listed(report.memberships_removed),
            _("Memberships unchanged: %(count)d") % {"count": report.memberships_unchanged},
        ]
        self.stdout.write("\n".join(lines))

    def _load(self, actor: Any, path: Path, instruments: Path | None) -> None:
        report = self._run(
            lambda: services.load(actor, path, instruments), actor, path, instruments
        )
        if not report.changed_anything:
            self.stdout.write(
                _(
                    "Nothing to change: %(instruments)d instruments and %(positions)d "
                    "positions are already recorded as in the file."
                )
                % {
                    "instruments": report.instruments_unchanged,
                    "positions": report.positions_unchanged,
                }
            )
            return
        lines = [
            _("States added from ISO 3166-1: %(count)d") % {"count": report.states_added},
            _("Instruments added: %(count)d") % {"count": len(report.instruments_added)},
            _("Instruments updated: %(count)d") % {"count": len(report.instruments_updated)}
            + _listed(report.instruments_updated),
            _("Instruments unchanged: %(count)d") % {"count": report.instruments_unchanged},
            _("Positions added: %(count)d") % {"count": report.positions_added},
            _("Positions updated: %(count)d") % {"count": len(report.positions_updated)}
            + _listed(report.positions_updated),
            _("Positions unchanged: %(count)d") % {"count": report.positions_unchanged},
        ]
        self.stdout.write("\n".join(lines))


def _listed(names: list[str]) -> str:
    return f" ({', '.join(names)})" if names else ""


def _loader(actions: Any, name: str, help: str, packaged: Path, file_help: str) -> Any:
    """A sub-command that loads one file (the one packaged with Guwah unless another is
    named) as the account named with ``--as``."""
    parser = actions.add_parser(name, help=help)
    parser.add_argument("file", nargs="?", type=Path, default=packaged, help=file_help)
    add_actor_argument(
        parser,
        _("the account the changes are recorded under (a documenter, reviewer or administrator)"),
    )
    return parser
