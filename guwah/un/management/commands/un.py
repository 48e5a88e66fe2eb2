"""``guwah un check|wgeid|wgad|batch``: the UN path from the console."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from guwah.registry.models import Person
from guwah.un import checks, documents, reminders
from guwah.un.models import Language, Mechanism, Submission


def _format_of(out: str) -> str:
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in documents.FORMATS:
        raise CommandError(f"{out}: the file name must end in .docx or .pdf")
    return suffix


class Command(BaseCommand):
    help = "Check a person's UN case, or write WGEID and WGAD submissions from the record."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check", help="List the WGEID's required elements the record lacks (exit 1 if any)."
        )
        check.add_argument("--person", type=int, required=True, help="The person's id.")
        for mechanism in Mechanism:
            document = sub.add_parser(
                mechanism.value, help=f"Write the {mechanism.label} document of one person."
            )
            document.add_argument("--person", type=int, required=True, help="The person's id.")
            document.add_argument("--as", dest="username", required=True, help="The user.")
            document.add_argument(
                "--language",
                choices=Language.values,
                help="en, fr or es; the submission's chosen language if not given.",
            )
            document.add_argument("out", help="Where to write it: a .docx or .pdf file.")
        batch = sub.add_parser(
            "batch", help="Write one WGEID document per relative of a person, and a summary."
        )
        batch.add_argument("--relatives-of", type=int, required=True, help="The person's id.")
        batch.add_argument("--as", dest="username", required=True, help="The user.")
        batch.add_argument("--format", choices=documents.FORMATS, default=documents.DOCX)
        batch.add_argument("--language", choices=Language.values, default=Language.ENGLISH)
        batch.add_argument("out", help="Where to write the ZIP file.")
        due = sub.add_parser(
            "reminders",
            help="List deadlines: government replies to answer, urgent cases not sent "
            "(exit 1 if any is overdue).",
        )
        due.add_argument(
            "--days", type=int, default=30, help="Also list deadlines within N days (30)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check":
            self._check(self._person(options["person"]))
        elif action == "batch":
            self._batch(options)
        elif action == "reminders":
            self._reminders(options["days"])
        else:
            self._document(action, options)

    def _person(self, pk: int) -> Person:
        person = Person.objects.filter(pk=pk).prefetch_related("names", "events").first()
        if person is None:
            raise CommandError(f"no person {pk}")
        return person

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username}")
        return user

    def _check(self, person: Person) -> None:
        missing = checks.missing_wgeid_elements(person)
        for item in missing:
            self.stdout.write(f"MISSING {item.element}: {item.message} ({item.url})")
        for warning in checks.consent_warnings(person):
            self.stdout.write(f"WARNING: {warning}")
        if missing:
            raise CommandError(f"{len(missing)} required element(s) missing", returncode=1)
        self.stdout.write("Every required element is present.")

    def _document(self, mechanism: str, options: dict[str, Any]) -> None:
        person, user = self._person(options["person"]), self._user(options["username"])
        file_format = _format_of(options["out"])
        try:
            content = documents.submission_document(
                user, person, mechanism, file_format, timezone.localdate(), options["language"]
            )
        except documents.SubmissionRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        Path(options["out"]).write_bytes(content)
        for item in checks.missing_wgeid_elements(person):
            self.stderr.write(f"DRAFT, missing {item.element}: {item.message}")
        self.stdout.write(f"Wrote {options['out']}")

    def _batch(self, options: dict[str, Any]) -> None:
        witness, user = self._person(options["relatives_of"]), self._user(options["username"])
        persons = documents.relatives_of(user, witness)
        with open(options["out"], "wb") as out:
            entries = documents.write_batch(
                user,
                persons,
                out,
                file_format=options["format"],
                today=timezone.localdate(),
                language=options["language"],
            )
        written = [entry for entry in entries if entry.file]
        for entry in entries:
            if entry.refusal:
                self.stderr.write(f"person {entry.person.pk} left out: {entry.refusal}")
        self.stdout.write(f"Wrote {options['out']}: {len(written)} of {len(entries)} relatives")

    def _reminders(self, days: int) -> None:
        if days < 0:
            raise CommandError("--days must be 0 or more")
        today = timezone.localdate()
        submissions = Submission.objects.select_related("person").prefetch_related(
            "person__names", "person__events"
        )
        due = reminders.reminders(submissions, today, days)
        overdue = [reminder for reminder in due if reminder.overdue(today)]
        for reminder in due:
            submission = reminder.submission
            state = "OVERDUE" if reminder.overdue(today) else "DUE"
            self.stdout.write(
                f"{state} {reminder.due.isoformat()} {submission.mechanism.upper()} "
                f"person {submission.person.pk} ({submission.person}): {reminder.what}"
            )
        if overdue:
            raise CommandError(f"{len(overdue)} deadline(s) overdue", returncode=1)
        self.stdout.write(f"{len(due)} deadline(s) within {days} days, none overdue.")
