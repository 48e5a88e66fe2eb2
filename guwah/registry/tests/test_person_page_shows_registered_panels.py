"""The person page shows every panel an app above the registry registered, for the user who
asks, and nothing of a panel that declines."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from django.urls import reverse

from guwah.registry import panels

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_panels(monkeypatch) -> None:
    monkeypatch.setattr(panels, "_person_panels", [])


@pytest.fixture
def panel_template(settings, tmp_path: Path) -> str:
    (tmp_path / "greeting_panel.html").write_text("<p>panel for {{ who }}</p>")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0].get("DIRS", []), tmp_path]
    settings.TEMPLATES = templates
    return "greeting_panel.html"


def test_a_registered_panel_is_rendered_on_the_person_page(
    no_panels, panel_template, client, owner, aynurs_father
) -> None:
    def greeting(request, person):
        return panels.Panel(panel_template, {"who": request.user.username})

    panels.register_person_panel(greeting)
    panels.register_person_panel(greeting)
    client.force_login(owner)

    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk]))

    assert page.content.decode().count("panel for aynur") == 1


def test_a_panel_that_declines_shows_nothing(no_panels, client, owner, aynurs_father) -> None:
    seen = []

    def declining(request, person):
        seen.append(person.pk)
        return None

    panels.register_person_panel(declining)
    client.force_login(owner)

    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk]))

    assert page.status_code == 200
    assert seen == [aynurs_father.pk]
