"""``guwah package export --person ID OUT.zip`` and ``guwah package verify OUT.zip``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.evidence.package import PackageRefused, verify_package


class Command(BaseCommand):
    help = "Export a person's evidence package, or verify one offline."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write a person's evidence package.")
        export.add_argument("--person", type=int, required=True, help="The person's id.")
        export.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The user exporting; the package holds what they may see and share.",
        )
        export.add_argument("out", help="Where to write the zip file.")
        verify = sub.add_parser("verify", help="Check a package with nothing but the package.")
        verify.add_argument("package")
        verify.add_argument(
            "--key-id", help="The log's published key fingerprint; any other key is refused."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options["person"], options["username"], options["out"])
        else:
            self._verify(options["package"], options.get("key_id"))

    def _export(self, person_id: int, username: str, out: str) -> None:
        from guwah.evidence.export import RecordNotLogged, export_person_package
        from guwah.registry.models import Person

        user = get_user_model().objects.filter(username=username).first()
        person = Person.objects.filter(pk=person_id).first()
        if user is None or person is None:
            raise CommandError(f"no such {'user' if user is None else 'person'}")
        try:
            manifest = export_person_package(person, user, out)
        except (PermissionDenied, RecordNotLogged) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"wrote {out}: {len(manifest['contents'])} files, "
            f"{len(manifest['log_entries'])} log entries"
        )

    def _verify(self, package: str, key_id: str | None) -> None:
        try:
            report = verify_package(package, expected_key_id=key_id)
        except PackageRefused as exc:
            raise CommandError(f"REFUSED: {exc}") from exc
        for problem in report.problems:
            self.stderr.write(f"FAIL {problem}")
        if not report.ok:
            raise CommandError(f"the package does not verify: {len(report.problems)} problems")
        self.stdout.write(
            f"OK: {report.checked_files} files and {report.checked_entries} log entries match "
            f"the tree head of {report.tree_size} entries signed by key {report.key_id}"
        )
