"""A family member's home is her family: the registry's dashboard (counts, tables by prefecture)
is the organisation's view, so an account that is only a family's is sent to her tree instead.

A middleware of the family app rather than a branch in the registry's view, so that the registry
never learns of the family space above it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from guwah.registry import access
from guwah.registry.views.persons import dashboard


class FamilyLandsOnHerFamilyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if (
            view_func is dashboard
            and request.method in ("GET", "HEAD")
            and access.is_family_member(request.user)
        ):
            return redirect("family:home")
        return None
