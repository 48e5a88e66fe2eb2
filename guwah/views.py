from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from guwah.registry import access


@access.requires(access.anyone)
def home(request: HttpRequest) -> HttpResponse:
    """The organisation's people start at their dashboard, a family member at her family's
    tree; everyone else at the memorial."""
    if access.is_family_member(request.user):
        return redirect("family:home")
    if access.can_use_registry(request.user):
        return redirect("registry:dashboard")
    return redirect("memorial:person_list")


@access.requires(access.anyone)
def health(request: HttpRequest) -> JsonResponse:
    """Answer a load balancer or a cron check: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": connection.vendor})
