"""``guwah keys status | rotate --as USERNAME | new-master``: the encryption keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.keys import KeyProblem, MasterKey
from guwah.registry.management.actor import account, add_actor_argument
from guwah.safekeeping import rotation


class Command(BaseCommand):
    help = "Show the encryption keys, rotate the data key, or make a new master key."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="The keys, and how many values and files each encrypts.")
        rotate = sub.add_parser(
            "rotate",
            help="Re-encrypt every encrypted field and file with a new data key, while running.",
        )
        add_actor_argument(rotate, "The administrator rotating the keys.")
        rewrap = sub.add_parser(
            "rewrap",
            help="Wrap every data key and the signing key with a new master key (then restart "
            "with GUWAH_MASTER_KEY_FILE pointing at it).",
        )
        rewrap.add_argument("--new-master-file", type=Path, required=True, metavar="FILE")
        add_actor_argument(rewrap, "The administrator replacing the master key.")
        sub.add_parser(
            "new-master",
            help="Print a new random master key, to save in the file GUWAH_MASTER_KEY_FILE names.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action'].replace('-', '_')}")(options)
        except KeyProblem as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc

    def _status(self, options: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(rotation.status(), indent=2, sort_keys=True))

    def _rotate(self, options: dict[str, Any]) -> None:
        actor = account(options["actor"])
        done = rotation.rotate(actor)
        self.stdout.write(
            _(
                "New data key %(key)s: %(fields)s values, %(recordings)s recordings and "
                "%(files)s stored files re-encrypted; retired %(retired)s; still in use "
                "%(kept)s."
            )
            % {
                "key": done.new_key,
                "fields": done.fields,
                "recordings": done.recordings,
                "files": done.files,
                "retired": ", ".join(done.retired) or "-",
                "kept": ", ".join(done.kept) or "-",
            }
        )
        if done.signing_key_encrypted:
            self.stdout.write(_("The log's signing key is now encrypted with the master key."))
        if done.log_salts_sealed:
            self.stdout.write(
                _("The field salts of %(count)s earlier log entries are now sealed.")
                % {"count": done.log_salts_sealed}
            )
        if done.file_metadata_sealed:
            self.stdout.write(
                _("The metadata of %(count)s earlier stored files is now sealed.")
                % {"count": done.file_metadata_sealed}
            )

    def _rewrap(self, options: dict[str, Any]) -> None:
        actor = account(options["actor"])
        path = options["new_master_file"]
        try:
            text = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(_("%(path)s cannot be read.") % {"path": path}) from exc
        new_master = MasterKey.from_text(text, source=str(path))
        rotation.rewrap(actor, new_master)
        self.stdout.write(
            _(
                "The keyring and the log's signing key now open with master key %(key)s only. "
                "Point GUWAH_MASTER_KEY_FILE at %(path)s and restart every process."
            )
            % {"key": new_master.key_id, "path": path}
        )

    def _new_master(self, options: dict[str, Any]) -> None:
        self.stdout.write(MasterKey.generate().as_text())
