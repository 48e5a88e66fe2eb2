"""``guwah erase --person ID --as USERNAME [--confirm WORD]``: erase a withdrawn case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.registry.management.actor import account, add_actor_argument
from guwah.registry.models import Person
from guwah.safekeeping import erasure


class Command(BaseCommand):
    help = (
        "Erase a person whose family withdrew: the record, what is only about them, every "
        "earlier version and their files. Without --confirm, show what would go."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--person", type=int, required=True, help="The person's id.")
        add_actor_argument(parser, "The administrator erasing the record.")
        parser.add_argument(
            "--confirm", default="", metavar="WORD", help="The word shown without --confirm."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = account(options["actor"])
        person = Person._base_manager.filter(pk=options["person"]).first()
        if person is None:
            raise CommandError(_("There is no person %(id)s.") % {"id": options["person"]})
        if not options["confirm"]:
            shown = erasure.preview(person)
            self.stdout.write(
                _(
                    "Erasing person %(id)s removes %(names)s names, %(documents)s identity "
                    "documents, %(events)s events, %(ties)s family ties, and the testimony "
                    "(%(testimonies)s) and evidence (%(evidence)s) about them alone, with "
                    "every earlier version and their files. It cannot be undone. To erase, "
                    "run again with --confirm %(token)s"
                )
                % {"id": person.pk, **shown}
            )
            return
        try:
            done = erasure.erase(actor, person, confirm=options["confirm"])
        except (PermissionDenied, ValidationError) as exc:
            messages = getattr(exc, "messages", [str(exc)])
            raise CommandError(" ".join(messages)) from exc
        counts = ", ".join(f"{label} {n}" for label, n in sorted(erasure.summary(done).items()))
        self.stdout.write(
            _("Person %(id)s erased: %(counts)s; %(history)s history rows.")
            % {"id": done.person_id, "counts": counts, "history": done.history_rows}
        )
