"""Compartments, the read audit and export approvals: the pages that decide who reads what."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guwah.registry import access
from guwah.registry.models import CaseAccess, ExportRequest, RecordRead, Team
from guwah.registry.services import audit, compartments, exports
from guwah.registry.views.common import visible_person

AUDIT_ROWS = 200


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 19 else None


def _say(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@access.requires(access.can_grant_case_access)
@require_http_methods(["GET", "POST"])
def case_access(request: HttpRequest, pk: int) -> HttpResponse:
    """A case's team and the people let into it; reviewers and administrators change them."""
    person = visible_person(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "assign":
                team_pk = _number(request.POST.get("team"))
                team = get_object_or_404(Team, pk=team_pk) if team_pk else None
                compartments.assign_case(request.user, person, team)
            elif action == "grant":
                user = get_object_or_404(
                    get_user_model(), pk=_number(request.POST.get("user")) or 0
                )
                compartments.grant_case_access(
                    request.user, person, user, request.POST.get("reason", "")
                )
            elif action == "revoke":
                grant = get_object_or_404(
                    CaseAccess, pk=_number(request.POST.get("grant")) or 0, person=person
                )
                compartments.revoke_case_access(request.user, grant)
            else:
                raise ValidationError(_("Choose what to change."))
        except ValidationError as error:
            _say(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("registry:case_access", pk=person.pk)
    current = getattr(person, "case_team", None)
    return render(
        request,
        "registry/case_access.html",
        {
            "person": person,
            "teams": Team.objects.all(),
            "current_team": current.team if current else None,
            "grants": person.access_grants.select_related("user", "granted_by"),
            "staff": compartments.staff_accounts(),
        },
    )


@access.requires(access.can_manage_teams)
@require_http_methods(["GET", "POST"])
def team_list(request: HttpRequest) -> HttpResponse:
    staff = compartments.staff_accounts()
    if request.method == "POST":
        chosen = {_number(value) for value in request.POST.getlist("members")}
        members = [user for user in staff if user.pk in chosen]
        try:
            team_pk = _number(request.POST.get("team"))
            if team_pk:
                compartments.set_team_members(
                    request.user, get_object_or_404(Team, pk=team_pk), members
                )
            else:
                compartments.create_team(request.user, request.POST.get("name", ""), members)
        except ValidationError as error:
            _say(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("registry:team_list")
    teams = Team.objects.prefetch_related(Prefetch("members"))
    return render(request, "registry/team_list.html", {"teams": teams, "staff": staff})


@access.requires(access.can_view_read_audit)
@require_http_methods(["GET"])
def read_audit(request: HttpRequest) -> HttpResponse:
    reads = RecordRead.objects.select_related("reader")
    reader = request.GET.get("reader", "")[:150]
    if reader:
        reads = reads.filter(reader__username=reader)
    users = {user.pk: user for user in get_user_model().objects.all()}
    alerts: list[Any] = [
        {"reader": users.get(alert.reader_id, alert.reader_id), "cases": alert.cases}
        for alert in audit.unusual_readers()
    ]
    return render(
        request,
        "registry/read_audit.html",
        {
            "reads": reads[:AUDIT_ROWS],
            "alerts": alerts,
            "reader": reader,
            "threshold": settings.GUWAH_READ_ALERT_CASES,
            "hours": settings.GUWAH_READ_ALERT_HOURS,
        },
    )


@access.requires(access.can_request_export)
@require_http_methods(["GET"])
def export_list(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = exports.requests_for(request.user)
    context["hours"] = settings.GUWAH_EXPORT_APPROVAL_HOURS
    return render(request, "registry/export_list.html", context)


@access.requires(access.can_request_export)
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    try:
        exports.request_export(
            request.user,
            request.POST.get("kind", ""),
            request.POST.get("target", ""),
            request.POST.get("reason", ""),
            address=request.POST.get("address", ""),
        )
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(request, _("Your request is waiting for a second person's approval."))
    return redirect("registry:export_list")


@access.requires(access.can_approve_exports)
@require_POST
def export_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ExportRequest, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            exports.approve_export(request.user, found)
        elif request.POST.get("decision") == "refuse":
            exports.refuse_export(request.user, found)
        else:
            raise ValidationError(_("Approve or refuse."))
    except ValidationError as error:
        _say(request, error)
    return redirect("registry:export_list")
