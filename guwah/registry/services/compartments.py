"""Teams, the cases assigned to them, and who else is let into a case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.models import CaseAccess, CaseTeam, Person, Team, validate_short_text
from guwah.registry.roles import Role
from guwah.registry.services.checks import require


def _staff(users: Iterable[Any]) -> list[Any]:
    users = list(users)
    outside = [str(user) for user in users if not access.is_staff_member(user)]
    if outside:
        raise ValidationError(
            _("Only documenters, reviewers and administrators join a team or a case: %(users)s.")
            % {"users": ", ".join(outside)}
        )
    return users


def create_team(actor: Any, name: str, members: Iterable[Any] = ()) -> Team:
    """A new team of staff; administrators keep the teams."""
    require(access.can_manage_teams(actor), _("Only administrators manage teams."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("A team needs a name."))
    validate_short_text(name)
    if Team.objects.filter(name=name).exists():
        raise ValidationError(_("A team named “%(name)s” exists already.") % {"name": name})
    people = _staff(members)
    with transaction.atomic(), acting_as(actor):
        team = Team.objects.create(name=name)
        team.members.set(people)
    return team


def set_team_members(actor: Any, team: Team, members: Iterable[Any]) -> Team:
    """Replace who is in ``team``."""
    require(access.can_manage_teams(actor), _("Only administrators manage teams."))
    people = _staff(members)
    with transaction.atomic(), acting_as(actor):
        team.members.set(people)
    return team


def assign_case(actor: Any, person: Person, team: Team | None) -> Person:
    """Give the case to ``team`` (or take it from any team, to fall back to its creator's)."""
    require(
        access.can_grant_case_access(actor) and access.can_view_person(actor, person),
        _("You may not assign this case."),
    )
    with transaction.atomic(), acting_as(actor):
        if team is None:
            CaseTeam.objects.filter(person=person).delete()
        else:
            CaseTeam.objects.update_or_create(
                person=person, defaults={"team": team, "assigned_by": actor}
            )
    return person


def grant_case_access(actor: Any, person: Person, user: Any, reason: str) -> CaseAccess:
    """Let ``user`` (a documenter named on the case, or anyone of staff who needs it) read
    the case's restricted records; a reviewer or administrator who reads the case decides."""
    require(
        access.can_grant_case_access(actor) and access.can_view_person(actor, person),
        _("You may not grant access to this case."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this person needs the case."))
    validate_short_text(reason)
    _staff([user])
    if CaseAccess.objects.filter(person=person, user=user).exists():
        raise ValidationError(_("%(user)s has access to this case already.") % {"user": user})
    with transaction.atomic(), acting_as(actor):
        return CaseAccess.objects.create(
            person=person, user=user, reason=reason[:300], granted_by=actor
        )


def revoke_case_access(actor: Any, grant: CaseAccess) -> None:
    require(
        access.can_grant_case_access(actor) and access.can_view_person(actor, grant.person),
        _("You may not change access to this case."),
    )
    with transaction.atomic(), acting_as(actor):
        grant.delete()


def staff_accounts() -> list[Any]:
    """Accounts that may be let into a case, for choosing one on a page."""
    staff_roles = [Role.DOCUMENTER.value, Role.REVIEWER.value, Role.ADMINISTRATOR.value]
    accounts = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=staff_roles))
        .distinct()
        .order_by("username")
    )
    return list(accounts)
