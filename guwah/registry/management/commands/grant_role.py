"""Give an account one of the four roles: ``guwah grant_role aynur "family member" --as kamil``.

A role decides what an account may see and change, so a grant is recorded like any change to
the record: in the transparency log, under the administrator named with ``--as``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.management.actor import account, add_actor_argument
from guwah.registry.roles import Role
from guwah.registry.services.roles import grant_role


class Command(BaseCommand):
    help = "Give an account a role: family member, documenter, reviewer or administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=[role.value for role in Role])
        parser.add_argument(
            "--only", action="store_true", help="Remove the account's other registry roles."
        )
        add_actor_argument(parser, _("the administrator the grant is recorded under"))

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: options["username"]})
        except user_model.DoesNotExist as exc:
            raise CommandError(
                _("No account is called “%(name)s”.") % {"name": options["username"]}
            ) from exc
        actor = account(options["actor"])
        if not access.can_grant_roles(actor):
            raise CommandError(
                _("%(user)s may not grant roles: name an administrator with --as.")
                % {"user": actor.get_username()}
            )
        role = grant_role(actor, user, options["role"], only=options["only"])
        self.stdout.write(
            _("%(name)s is now a %(role)s.") % {"name": user.get_username(), "role": role.value}
        )
