"""What administrators do to accounts, and an invitee's acceptance, as actor-first functions.

Each asks the access policy, validates everything before writing, writes inside one
transaction under :func:`acting_as` the administrator (so the transparency log names them),
and leaves an :class:`AccountChange` that says in words what was done.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guwah.accounts.models import AccountChange, Invitation
from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.roles import Role
from guwah.registry.services.roles import grant_role, revoke_role

_TOKEN_SALT = "guwah.accounts.invitation"  # noqa: S105  (a signing namespace, not a secret)


class InvitationRefused(Exception):
    """An invitation link that cannot be used, with the reason said to whoever opened it."""

    def __init__(self, message: str, *, gone: bool) -> None:
        super().__init__(message)
        # ``gone``: the link was real once (expired, used, withdrawn); otherwise it never was.
        self.gone = gone


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def invitation_days() -> int:
    return int(getattr(settings, "GUWAH_INVITATION_DAYS", 7))


def invite(actor: Any, *, username: str, role: Role | str, note: str = "") -> IssuedInvitation:
    """Offer an account called ``username`` with ``role``; returns the invitation and the
    token of its link, which is shown to the administrator once and stored nowhere."""
    _require(access.can_manage_accounts(actor), _("Only administrators invite people."))
    username = (username or "").strip()
    user_model = get_user_model()
    errors: dict[str, list[str]] = {}
    try:
        user_model.username_validator(username)
    except ValidationError as exc:
        errors["username"] = list(exc.messages)
    if not username:
        errors["username"] = [_("Give the account a username.")]
    elif len(username) > 150:
        errors["username"] = [_("A username has at most 150 characters.")]
    elif user_model.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("An account with this username exists already.")]
    elif Invitation.objects.filter(
        username__iexact=username,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        errors["username"] = [_("An open invitation for this username exists already.")]
    try:
        role = Role(role)
    except ValueError:
        errors["role"] = [_("Choose one of the four roles.")]
    if len(note) > 200:
        errors["note"] = [_("A note has at most 200 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(actor):
        invitation = Invitation.objects.create(
            username=username,
            role=Role(role).value,
            note=note.strip(),
            nonce=secrets.token_urlsafe(24),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=invitation_days()),
        )
        AccountChange.objects.create(
            actor=actor,
            invitation=invitation,
            action=AccountChange.Action.INVITED,
            detail=f"{username} ({invitation.role})",
        )
    token = signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=_TOKEN_SALT)
    return IssuedInvitation(invitation, token)


def open_invitation(token: str) -> Invitation:
    """The invitation a link names, if it can still be accepted; otherwise the reason why not."""
    try:
        claim = signing.loads(
            token, salt=_TOKEN_SALT, max_age=timedelta(days=invitation_days() + 1)
        )
        invitation = Invitation.objects.get(pk=int(claim["i"]), nonce=str(claim["n"]))
    except signing.SignatureExpired as exc:
        raise InvitationRefused(_expired_message(), gone=True) from exc
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError) as exc:
        raise InvitationRefused(
            _(
                "This invitation link is not valid. Check that it was copied whole, or ask "
                "the person who gave it to you for a new one."
            ),
            gone=False,
        ) from exc
    if invitation.accepted_at is not None:
        raise InvitationRefused(
            _(
                "This invitation has been used already. Sign in with the account it opened, "
                "or ask your administrator for a new invitation."
            ),
            gone=True,
        )
    if invitation.withdrawn_at is not None:
        raise InvitationRefused(
            _("This invitation has been withdrawn. Ask your administrator for a new one."),
            gone=True,
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationRefused(_expired_message(), gone=True)
    return invitation


def _expired_message() -> str:
    return _(
        "This invitation has expired: invitations last %(days)s days. Ask your administrator "
        "for a new one."
    ) % {"days": invitation_days()}


def accept_invitation(token: str, *, password: str, password_again: str) -> Any:
    """Open the invited account with the password its owner chose, and grant its role in
    the name of the administrator who invited them."""
    invitation = open_invitation(token)
    user_model = get_user_model()
    if password != password_again:
        raise ValidationError({"password_again": [_("The two passwords differ.")]})
    validate_password(password, user_model(username=invitation.username))
    with transaction.atomic(), acting_as(invitation.invited_by):
        # Locked, then read again: two tabs accepting the same link open one account.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None or not invitation.is_open:
            raise InvitationRefused(_("This invitation has been used already."), gone=True)
        if user_model.objects.filter(username__iexact=invitation.username).exists():
            raise InvitationRefused(
                _(
                    "An account with this username exists already. Ask your administrator "
                    "for a new invitation."
                ),
                gone=True,
            )
        if not access.can_grant_roles(invitation.invited_by):
            raise InvitationRefused(
                _(
                    "The person who invited you may no longer grant roles, so this invitation "
                    "no longer holds. Ask an administrator for a new one."
                ),
                gone=True,
            )
        user = user_model.objects.create_user(username=invitation.username, password=password)
        grant_role(invitation.invited_by, user, invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.account = user
        invitation.save(update_fields=["accepted_at", "account"])
        AccountChange.objects.create(
            actor=invitation.invited_by,
            account=user,
            invitation=invitation,
            action=AccountChange.Action.ACCEPTED,
            detail=f"{user.get_username()} ({invitation.role})",
        )
    return user


def withdraw_invitation(actor: Any, invitation: Invitation) -> None:
    _require(access.can_manage_accounts(actor), _("Only administrators withdraw invitations."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted already."))
    with transaction.atomic(), acting_as(actor):
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        AccountChange.objects.create(
            actor=actor,
            invitation=invitation,
            action=AccountChange.Action.WITHDRAWN,
            detail=invitation.username,
        )


def change_role(actor: Any, account: Any, role: Role | str, *, grant: bool) -> Role:
    """Grant or take back one role, through the registry's role service, and say so."""
    with transaction.atomic():
        if grant:
            changed = grant_role(actor, account, role)
        else:
            changed = revoke_role(actor, account, role)
        with acting_as(actor):
            AccountChange.objects.create(
                actor=actor,
                account=account,
                action=AccountChange.Action.GRANTED if grant else AccountChange.Action.REVOKED,
                detail=changed.value,
            )
    return changed


def set_active(actor: Any, account: Any, *, active: bool) -> None:
    """Close an account (it can no longer sign in, and its open sessions stop working) or
    reopen it. Nobody closes their own: the last administrator would lock everyone out."""
    _require(access.can_manage_accounts(actor), _("Only administrators close accounts."))
    if account.pk == actor.pk and not active:
        raise ValidationError(_("You cannot close your own account."))
    if account.is_active == active:
        return
    with transaction.atomic(), acting_as(actor):
        account.is_active = active
        account.save(update_fields=["is_active"])
        AccountChange.objects.create(
            actor=actor,
            account=account,
            action=(
                AccountChange.Action.REACTIVATED if active else AccountChange.Action.DEACTIVATED
            ),
            detail=account.get_username(),
        )


def reset_second_factor(actor: Any, account: Any) -> list[str]:
    """Remove every second factor of ``account`` (authenticator app, security keys, recovery
    codes), for a phone that was lost or taken. A member of staff then enrols again at the
    next sign-in, before opening any page. Returns the kinds removed."""
    _require(access.can_manage_accounts(actor), _("Only administrators reset a second factor."))
    with transaction.atomic(), acting_as(actor):
        factors = Authenticator.objects.filter(user=account)
        kinds = sorted({factor.type for factor in factors})
        if not kinds:
            raise ValidationError(_("This account has no second factor to reset."))
        factors.delete()
        AccountChange.objects.create(
            actor=actor,
            account=account,
            action=AccountChange.Action.FACTORS_RESET,
            detail=", ".join(kinds),
        )
    return kinds


def second_factors(users: Any) -> dict[int, list[str]]:
    """The kinds of second factor each of ``users`` has enrolled, by user id."""
    found: dict[int, list[str]] = {}
    for user_id, kind in Authenticator.objects.filter(user__in=users).values_list(
        "user_id", "type"
    ):
        found.setdefault(user_id, []).append(kind)
    return {user_id: sorted(kinds) for user_id, kinds in found.items()}
