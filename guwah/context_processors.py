"""What the site-wide navigation needs to know about the signed-in user."""

from __future__ import annotations

from django.http import HttpRequest

from guwah.registry import access
from guwah.registry.roles import Role


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    return {
        "nav_staff": access.is_staff_member(user),
        "nav_administrator": access.has_role(user, Role.ADMINISTRATOR),
    }
