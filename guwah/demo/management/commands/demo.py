"""``guwah demo``: a working installation with synthetic data, in one command.

Migrates, loads the places, creates one demo account per role, generates synthetic persons
(once: a second run finds them and leaves them alone unless ``--reset``), collects the static
files and serves on 127.0.0.1:8000 unless ``--no-serve``.

Every change it makes is recorded under a named account, as a person's would be: the families
under the demo accounts that submit them, and what no role does by hand (places, facilities,
the accounts and their roles) under :data:`SYSTEM_ACCOUNT`, which cannot sign in.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.demo import bulk, records
from guwah.registry.acting import acting_as
from guwah.registry.models import Person
from guwah.registry.places import GazetteerError, load_gazetteer
from guwah.registry.roles import Role
from guwah.registry.services.checks import as_history_of
from guwah.registry.synthetic import SyntheticRegistry

# Printed for everyone to use: these accounts exist only in a demonstration installation.
DEMO_PASSWORD = "guwah-demo"  # noqa: S105  (the synthetic demo's published password)

# (username, role, is_staff); the family member's account submits some of the families.
DEMO_ACCOUNTS = (
    ("demo", Role.DOCUMENTER, False),
    ("demo-reviewer", Role.REVIEWER, False),
    ("demo-admin", Role.ADMINISTRATOR, True),
    ("demo-family", Role.FAMILY, False),
)

# The account the demonstration's own set-up is recorded under. It has no role and no usable
# password: it is a name in the history and the log, not a way in.
SYSTEM_ACCOUNT = "demo-system"

# Up to this many persons the data go through the registry's services, so that every record
# has its history like a documenter's; beyond it the bulk path takes minutes, not hours.
SERVICE_PATH_LIMIT = 2000

# One family in this many is submitted by the family member's account.
FAMILY_SHARE = 10


def system_account() -> Any:
    """The demonstration's own account (see :data:`SYSTEM_ACCOUNT`), made on first use."""
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.filter(username=SYSTEM_ACCOUNT).first()
        if user is None:
            user = user_model(username=SYSTEM_ACCOUNT, first_name="Guwah demo set-up")
            user.set_unusable_password()
            # Its own creation is the first thing it does.
            as_history_of(user, user)
            user.save()
    return user


def ensure_demo_accounts() -> dict[str, Any]:
    """Create (or reset the password of) one account per role; return them by username.

    Run inside ``acting_as``: the accounts and their roles are changes to the record too.
    """
    user_model = get_user_model()
    accounts: dict[str, Any] = {}
    with transaction.atomic():
        for username, role, is_staff in DEMO_ACCOUNTS:
            user, _created = user_model.objects.get_or_create(username=username)
            user.is_staff = is_staff
            user.set_password(DEMO_PASSWORD)
            user.save()
            group, _created = Group.objects.get_or_create(name=role.value)
            user.groups.add(group)
            accounts[username] = user
    return accounts


class Command(BaseCommand):
    help = _(
        "Set up a demonstration: migrate, load places, create demo accounts, generate "
        "synthetic persons, and serve on 127.0.0.1:8000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--persons", type=int, default=1000, help=_("How many synthetic persons to make.")
        )
        parser.add_argument(
            "--places",
            type=Path,
            default=None,
            help=_(
                "The places gazetteer CSV; without it the gazetteer shipped with Guwah is used."
            ),
        )
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Stop after loading; do not serve.")
        )
        parser.add_argument("--addr", default="127.0.0.1:8000", help=_("Address to serve on."))
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Delete the synthetic data already present and generate it again."),
        )
        parser.add_argument("--seed", type=int, default=2017, help=_("Random seed."))
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=_("Write with the bulk path (no history rows) whatever the number of persons."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        persons: int = options["persons"]
        if persons < 0:
            raise CommandError(_("--persons cannot be negative."))
        self.verbosity = verbosity = int(options["verbosity"])

        self._say(_("Migrating the database…"))
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        # Demo accounts have a published password: they must never appear beside real records.
        if Person.objects.filter(synthetic=False).exists():
            raise CommandError(
                _(
                    "This database holds real records; a demonstration would add accounts "
                    "with a published password to it. Point GUWAH_DATA_DIR or DATABASE_URL "
                    "at a database of its own."
                )
            )

        with acting_as(system_account()):
            self._load_places(options["places"])
            accounts = ensure_demo_accounts()
            # The state-positions record is public fact, shipped with the package, not demo
            # data; the documenter's account loads it, as a documenter would.
            self._say(_("Loading the record of state positions…"))
            call_command("positions", "load", "--as", "demo", verbosity=max(0, verbosity - 1))
            call_command("positions", "groups", "--as", "demo", verbosity=max(0, verbosity - 1))
            self._generate(persons, accounts, options)

        self._say(_("Collecting static files…"))
        call_command("collectstatic", interactive=False, verbosity=0)

        url = f"http://{options['addr']}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Guwah demo is ready at %(url)s") % {"url": url}))
        self.stdout.write(
            _("Sign in as %(user)s / %(password)s (documenter).")
            % {"user": "demo", "password": DEMO_PASSWORD}
        )
        self.stdout.write(
            _("Other roles, same password: %(accounts)s.")
            % {
                "accounts": ", ".join(
                    f"{name} ({role.value})" for name, role, _staff in DEMO_ACCOUNTS[1:]
                )
            }
        )
        self.stdout.write(_("All demo records are synthetic: no person in them exists."))
        if options["no_serve"]:
            return
        self.stdout.write(_("Serving; press Ctrl-C to stop."))
        call_command("runserver", options["addr"], use_reloader=False, use_threading=True)

    def _say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)

    def _load_places(self, path: Path | None) -> None:
        try:
            report = load_gazetteer(path)
        except GazetteerError as exc:
            raise CommandError(str(exc)) from exc
        if report.note:
            self.stdout.write(self.style.WARNING(report.note))
        self._say(
            _("Places: %(added)d added, %(updated)d updated, %(unchanged)d unchanged.")
            % {"added": report.added, "updated": report.updated, "unchanged": report.unchanged}
        )

    def _generate(self, persons: int, accounts: dict[str, Any], options: dict[str, Any]) -> None:
        if records.synthetic_data_exists():
            if not options["reset"]:
                self._say(
                    _("Synthetic data is already present; leaving it as it is (use --reset).")
                )
                return
            self._say(_("Deleting the synthetic data already present…"))
            bulk.delete_synthetic_data()
        if persons == 0:
            return
        generator = SyntheticRegistry(records.places_for_synthetic_data(), seed=options["seed"])
        family, documenter = accounts["demo-family"], accounts["demo"]
        owners = [family] + [documenter] * (FAMILY_SHARE - 1)
        started = time.monotonic()
        step = max(100, persons // 10)
        shown = [0]

        def progress(done: int) -> None:
            if done - shown[0] >= step or done == persons:
                shown[0] = done
                self._say(_("  %(done)d of %(total)d persons") % {"done": done, "total": persons})

        self._say(
            _("Generating %(count)d synthetic persons (seed %(seed)d)…")
            % {"count": persons, "seed": options["seed"]}
        )
        if persons <= SERVICE_PATH_LIMIT and not options["bulk"]:
            report = records.write_with_services(
                generator,
                persons,
                owners=owners,
                documenter=documenter,
                reviewer=accounts["demo-reviewer"],
                progress=progress,
            )
        else:
            report = bulk.write_bulk(generator, persons, owners=owners, progress=progress)
        counts = report.as_dict()
        self._say(
            _("Made %(summary)s in %(seconds).1f s.")
            % {
                "summary": ", ".join(f"{value} {key}" for key, value in counts.items()),
                "seconds": time.monotonic() - started,
            }
        )
