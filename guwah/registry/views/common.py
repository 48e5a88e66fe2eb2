"""What every registry page asks first: which person, and may this user see or change it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
)
from django.shortcuts import get_object_or_404

from guwah.registry import access
from guwah.registry.models import (
    Person,
)


def visible_person(request: HttpRequest, pk: int) -> Person:
    # Another family's record answers "not found", not "forbidden": even its existence is
    # not theirs to learn.
    return get_object_or_404(access.persons_visible_to(request.user), pk=pk)


def editable_person(request: HttpRequest, pk: int) -> Person:
    person = visible_person(request, pk)
    if not access.can_edit_person(request.user, person):
        raise PermissionDenied
    return person
