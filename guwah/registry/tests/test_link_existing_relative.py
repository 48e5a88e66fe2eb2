"""A relative already in the registry is found by name and linked, never picked from a list
of everyone."""

import pytest
from django.urls import reverse

from guwah.registry import services

pytestmark = pytest.mark.django_db


def test_a_documenter_finds_and_links_a_relative(client, colleague, password, aynurs_father):
    brother = services.create_person(
        colleague, names=[{"text": "Abdulla Tursun", "script": "ug-Latn"}]
    )
    client.login(username="dilnur", password=password)
    url = reverse("registry:tie_add", args=[aynurs_father.pk])
    page = client.get(url, {"q": "Abdulla"}).content.decode()
    assert f'value="{brother.pk}"' in page
    response = client.post(f"{url}?q=Abdulla", {"relative": brother.pk, "relation": "sibling"})
    assert response.status_code == 302
    assert aynurs_father.ties.get().relative == brother
    assert brother.ties.get().relation == "sibling"


def test_a_family_member_cannot_link_another_familys_person(
    client, owner, password, aynurs_father, murats_brother
):
    client.login(username="aynur", password=password)
    url = reverse("registry:tie_add", args=[aynurs_father.pk])
    assert "Abdulla Qadir" not in client.get(url, {"q": "Abdulla"}).content.decode()
    response = client.post(url, {"relative": murats_brother.pk, "relation": "sibling"})
    assert response.status_code == 200
    assert "relative" in response.context["form"].errors
    assert not aynurs_father.ties.exists()
