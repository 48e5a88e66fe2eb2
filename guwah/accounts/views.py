"""Administrators' pages for accounts, and the page an invitation link opens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guwah.accounts import services
from guwah.accounts.forms import AcceptForm, AccountActionForm, InviteForm
from guwah.accounts.models import AccountChange, Invitation
from guwah.registry import access
from guwah.registry.roles import Role

RECENT_CHANGES = 50


def _roles(user: Any) -> list[str]:
    return sorted(group.name for group in user.groups.all() if group.name in set(Role))


@access.requires(access.can_manage_accounts)
@require_http_methods(["GET"])
def account_list(request: HttpRequest) -> HttpResponse:
    users = list(get_user_model().objects.order_by("username").prefetch_related("groups"))
    factors = services.second_factors(users)
    rows = [
        {"user": user, "roles": _roles(user), "factors": factors.get(user.pk, [])} for user in users
    ]
    invitations = Invitation.objects.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("invited_by")
    changes = AccountChange.objects.select_related("actor", "account")[:RECENT_CHANGES]
    return render(
        request,
        "accounts/account_list.html",
        {"rows": rows, "invitations": invitations, "changes": changes},
    )


@access.requires(access.can_manage_accounts)
@require_http_methods(["GET", "POST"])
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(get_user_model(), pk=pk)
    error = ""
    if request.method == "POST":
        form = AccountActionForm(request.POST)
        if form.is_valid():
            try:
                _act(request, account, form.cleaned_data)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect("accounts:account", pk=account.pk)
        else:
            error = _("Choose what to do, and a role where one is asked for.")
    factors = services.second_factors([account]).get(account.pk, [])
    held = _roles(account)
    return render(
        request,
        "accounts/account_detail.html",
        {
            "account": account,
            "roles": held,
            "grantable": [role.value for role in Role if role.value not in held],
            "factors": factors,
            "changes": AccountChange.objects.filter(account=account).select_related("actor"),
            "error": error,
        },
        status=400 if error else 200,
    )


def _act(request: HttpRequest, account: Any, data: dict[str, Any]) -> None:
    actor = request.user
    action = data["action"]
    name = account.get_username()
    if action in ("grant", "revoke"):
        if not data.get("role"):
            raise ValidationError(_("Choose a role."))
        role = services.change_role(actor, account, data["role"], grant=action == "grant")
        text = (
            _("%(name)s is now a %(role)s.")
            if action == "grant"
            else _("%(name)s is no longer a %(role)s.")
        )
        messages.success(request, text % {"name": name, "role": role.value})
    elif action in ("deactivate", "reactivate"):
        services.set_active(actor, account, active=action == "reactivate")
        text = (
            _("%(name)s can sign in again.")
            if action == "reactivate"
            else _("%(name)s can no longer sign in.")
        )
        messages.success(request, text % {"name": name})
    else:
        services.reset_second_factor(actor, account)
        messages.success(
            request,
            _("%(name)s's second factor was removed; they enrol a new one at their next sign-in.")
            % {"name": name},
        )


@access.requires(access.can_manage_accounts)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invite(request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, problems in exc.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            link = request.build_absolute_uri(
                reverse("accounts:accept", kwargs={"token": issued.token})
            )
            return render(
                request,
                "accounts/invitation_link.html",
                {"invitation": issued.invitation, "link": link},
            )
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "days": services.invitation_days()},
        status=400 if form.errors else 200,
    )


@access.requires(access.can_manage_accounts)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.withdraw_invitation(request.user, invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The invitation for %(name)s was withdrawn.") % {"name": invitation.username}
        )
    return redirect("accounts:list")


@access.requires(access.anyone)
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.open_invitation(token)
    except services.InvitationRefused as refused:
        return _refused(request, refused)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(
                token,
                password=form.cleaned_data["password"],
                password_again=form.cleaned_data["password_again"],
            )
        except services.InvitationRefused as refused:
            return _refused(request, refused)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, problems in exc.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else "password", problem)
            else:
                form.add_error("password", exc)
        else:
            messages.success(
                request,
                _("Your account %(name)s is ready. Sign in with the password you chose.")
                % {"name": invitation.username},
            )
            return redirect("login")
    return render(
        request,
        "accounts/accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


def _refused(request: HttpRequest, refused: services.InvitationRefused) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_refused.html",
        {"message": str(refused)},
        status=410 if refused.gone else 404,
    )
