"""Every positions page wears the access policy's one decorator, with the permission it needs."""

from __future__ import annotations

from django.urls import URLPattern

from guwah.positions import urls
from guwah.registry import access

EDITORS_PAGES = {
    "instrument_add",
    "instrument_edit",
    "position_add",
    "position_edit",
    "position_delete",
}


def test_the_public_pages_are_open_to_anyone_and_the_forms_to_editors_only() -> None:
    patterns = [pattern for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)]

    permissions = {
        pattern.name: getattr(pattern.callback, access.PERMISSION_ATTRIBUTE, None)
        for pattern in patterns
    }

    assert len(permissions) == len(patterns)
    for name, permission in permissions.items():
        expected = access.can_edit_positions if name in EDITORS_PAGES else access.anyone
        assert permission is expected, name
