"""Panels that the apps above the registry add to its pages, without the registry knowing them.

An app registers a function when it starts (``AppConfig.ready``); the person page calls every
registered function with the request and the person and shows what each returns, in the order
they were registered. A function returns ``None`` to show nothing, and is free to record that it
was shown (the evidence panel records who viewed restricted items).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from guwah.registry.models import Person


@dataclass(frozen=True)
class Panel:
    """A template and the context it is rendered with."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


PersonPanel = Callable[[HttpRequest, Person], Panel | None]

_person_panels: list[PersonPanel] = []


def register_person_panel(build: PersonPanel) -> PersonPanel:
    """Show the panel ``build`` returns on every person page; registering twice adds it once."""
    if build not in _person_panels:
        _person_panels.append(build)
    return build


def render_person_panels(request: HttpRequest, person: Person) -> list[SafeString]:
    """Every registered panel for ``person``, rendered for ``request``'s user."""
    rendered = []
    for build in _person_panels:
        panel = build(request, person)
        if panel is not None:
            # A rendered template is escaped already; the page shows it as it is.
            html = render_to_string(panel.template, panel.context, request=request)
            rendered.append(SafeString(html))
    return rendered
