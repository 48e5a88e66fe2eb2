"""``--as USERNAME``: the account a command's changes are recorded under.

A command changes the record as a person would through the site, so it names that person: the
history and the transparency log attribute every change to them, and the access policy is asked
about them as about any user.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _


def add_actor_argument(parser: CommandParser, help: str) -> None:
    """Add the required ``--as USERNAME`` option, read back as ``options["actor"]``."""
    parser.add_argument("--as", dest="actor", required=True, metavar="USERNAME", help=help)


def account(username: str) -> Any:
    """The account called ``username``, or a ``CommandError`` that says there is none."""
    user_model = get_user_model()
    try:
        return user_model._default_manager.get_by_natural_key(username)
    except user_model.DoesNotExist:
        raise CommandError(
            _("There is no account %(username)r (--as).") % {"username": username}
        ) from None
