"""``guwah package export --person ID OUT.zip`` and ``guwah package verify OUT.zip``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.evidence.package import (
    PackageRefused,
    ok_line,
    unchecked_key_warning,
    verify_package,
)


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
        export.add_argument(
            "--keep-locating-metadata",
            action="store_true",
            help=(
                "Share originals whose metadata could locate a witness (GPS position, device "
                "serials, authors) instead of copies without it."
            ),
        )
        export.add_argument(
            "--approval",
            type=int,
            help=(
                "The number of an approved export request for this package; a staff member "
                "exporting restricted data needs one, which this export spends."
            ),
        )
        export.add_argument("out", help="Where to write the zip file.")
        verify = sub.add_parser("verify", help="Check a package with nothing but the package.")
        verify.add_argument("package")
        verify.add_argument(
            "--key-id", help="The log's published key fingerprint; any other key is refused."
        )
        verify.add_argument(
            "--trust-key",
            action="store_true",
            help="Accept the key in the package, having compared its fingerprint yourself.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(
                options["person"],
                options["username"],
                options["out"],
                keep=options["keep_locating_metadata"],
                approval=options.get("approval"),
            )
        else:
            self._verify(options["package"], options.get("key_id"), options["trust_key"])

    def _export(
        self, person_id: int, username: str, out: str, *, keep: bool, approval: int | None
    ) -> None:
        from guwah.evidence.export import KEEP, STRIP, RecordNotLogged
        from guwah.evidence.package_gate import export_package
        from guwah.evidence.store import StoredFileChanged
        from guwah.registry.models import Person

        user = get_user_model().objects.filter(username=username).first()
        person = Person.objects.filter(pk=person_id).first()
        if user is None or person is None:
            raise CommandError(f"no such {'user' if user is None else 'person'}")
        try:
            manifest = export_package(
                user, person, out, approval=approval, locating_metadata=KEEP if keep else STRIP
            )
        except (PermissionDenied, RecordNotLogged, StoredFileChanged) as exc:
            raise CommandError(str(exc)) from exc
        for item in manifest["redacted"]:
            self.stderr.write(f"WITHHELD from {item['path']}: {', '.join(item['fields'])}")
        for item in manifest["withheld_files"]:
            found = ", ".join(item["locating_metadata"])
            if item["shared_copy"]:
                self.stderr.write(
                    f"FLAGGED {item['sha256']} (evidence {item['evidence']}) carries {found}: "
                    f"shared as {item['shared_copy']}, a copy without metadata; the original "
                    "stays in Guwah (--keep-locating-metadata to share it)"
                )
            else:
                self.stderr.write(
                    f"FLAGGED {item['sha256']} (evidence {item['evidence']}) carries {found}: "
                    "no copy without it can be made for this type, so it is left out "
                    "(--keep-locating-metadata to share it)"
                )
        for item in manifest["evidence_files"]:
            if item.get("locating_metadata"):
                self.stderr.write(
                    f"WARNING {item['path']} (evidence {item['evidence']}) is shared with "
                    f"metadata that could locate a witness: {', '.join(item['locating_metadata'])}"
                )
        self.stdout.write(
            f"wrote {out}: {len(manifest['contents'])} files, "
            f"{len(manifest['log_entries'])} log entries"
        )

    def _verify(self, package: str, key_id: str | None, trust_key: bool) -> None:
        try:
            report = verify_package(package, expected_key_id=key_id, trust_package_key=trust_key)
        except PackageRefused as exc:
            raise CommandError(f"REFUSED: {exc}") from exc
        for problem in report.problems:
            self.stderr.write(f"FAIL {problem}")
        if report.key_id and not key_id and not trust_key:
            self.stderr.write(unchecked_key_warning(report.key_id))
        if not report.ok:
            raise CommandError(f"the package does not verify: {len(report.problems)} problems")
        self.stdout.write(ok_line(report))
