"""Granting and taking back the four roles: the one place an account's role changes.

A role decides what an account sees of every family, so each change asks
:func:`guwah.registry.access.can_grant_roles` and is made under :func:`acting_as` the
administrator, which puts it in the transparency log (accounts and their groups are logged
records) with its actor. The ``grant_role`` command and the accounts pages both call here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.roles import Role


def _check(actor: Any, user: Any, role: Any) -> Role:
    if not access.can_grant_roles(actor):
        raise PermissionDenied(
            _("%(user)s may not grant or take back roles.") % {"user": actor.get_username()}
        )
    try:
        return Role(role)
    except ValueError as exc:
        raise ValidationError(_("“%(role)s” is not a role.") % {"role": role}) from exc


def grant_role(actor: Any, user: Any, role: Role | str, *, only: bool = False) -> Role:
    """Give ``user`` the role; with ``only``, take every other role away in the same change."""
    granted = _check(actor, user, role)
    with transaction.atomic(), acting_as(actor):
        if only:
            user.groups.remove(
                *Group.objects.filter(name__in=[r.value for r in Role if r is not granted])
            )
        group, _created = Group.objects.get_or_create(name=granted.value)
        user.groups.add(group)
        if granted is Role.ADMINISTRATOR and not user.is_staff:
            # Administrators also watch failed sign-ins in the admin site.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    _forget_cached_roles(user)
    return granted


def revoke_role(actor: Any, user: Any, role: Role | str) -> Role:
    """Take the role from ``user``. An administrator cannot take their own administrator role:
    the installation must never be left without anyone who can grant roles."""
    revoked = _check(actor, user, role)
    if revoked is Role.ADMINISTRATOR and user.pk == actor.pk:
        raise ValidationError(_("You cannot take your own administrator role away."))
    with transaction.atomic(), acting_as(actor):
        user.groups.remove(*Group.objects.filter(name=revoked.value))
        if revoked is Role.ADMINISTRATOR and user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    _forget_cached_roles(user)
    return revoked


def _forget_cached_roles(user: Any) -> None:
    # ``access`` keeps the roles it read on the user object for the rest of the request.
    user.__dict__.pop("_guwah_roles", None)
