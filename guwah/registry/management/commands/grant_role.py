"""Give an account one of the four roles: ``guwah grant_role aynur "family member" --as kamil``.

A role decides what an account may see and change, so a grant is recorded like any change to
the record: in the transparency log, under the administrator named with ``--as``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.management.actor import account, add_actor_argument
from guwah.registry.roles import Role


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
        role = Role(options["role"])
        with transaction.atomic(), acting_as(actor):
            if options["only"]:
                user.groups.remove(*Group.objects.filter(name__in=[r.value for r in Role]))
            group, _created = Group.objects.get_or_create(name=role.value)
            user.groups.add(group)
            if role is Role.ADMINISTRATOR and not user.is_staff:
                # Administrators also manage accounts in the admin site.
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        self.stdout.write(
            _("%(name)s is now a %(role)s.") % {"name": user.get_username(), "role": role.value}
        )
