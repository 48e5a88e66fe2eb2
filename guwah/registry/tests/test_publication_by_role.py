"""Only a reviewer or an administrator can make a record public through the forms."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Visibility

pytestmark = pytest.mark.django_db

PUBLISH = {"visibility": "public", "consent_publish": "on"}


@pytest.mark.parametrize("user", ["owner", "colleague"])
def test_the_public_choice_is_refused_to_families_and_documenters(
    request, client, user, password, aynurs_father
):
    account = request.getfixturevalue(user)
    client.login(username=account.username, password=password)
    url = reverse("registry:person_visibility", args=[aynurs_father.pk])
    assert 'value="public"' not in client.get(url).content.decode()
    response = client.post(url, PUBLISH)
    assert response.status_code == 200
    assert "public" in response.context["form"].errors["visibility"][0]
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.RESTRICTED


@pytest.mark.parametrize("user", ["reviewer", "administrator"])
def test_a_reviewer_or_administrator_publishes(request, client, user, password, aynurs_father):
    account = request.getfixturevalue(user)
    client.login(username=account.username, password=password)
    response = client.post(reverse("registry:person_visibility", args=[aynurs_father.pk]), PUBLISH)
    assert response.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.PUBLIC
    assert aynurs_father.consent_publish


def test_a_reviewer_cannot_publish_without_consent(client, reviewer, password, aynurs_father):
    client.login(username="rahile", password=password)
    response = client.post(
        reverse("registry:person_visibility", args=[aynurs_father.pk]), {"visibility": "public"}
    )
    assert response.status_code == 200
    assert "agreed" in str(response.context["form"].errors)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.RESTRICTED
    assert not aynurs_father.consent_publish


def test_a_documenter_cannot_publish_by_editing_the_person(
    client, colleague, password, aynurs_father
):
    services.set_consent(colleague, aynurs_father, publish=True)
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:person_edit", args=[aynurs_father.pk]),
        {"visibility": "public", "consent_publish": "on", "ethnicity": "Uyghur", "sex": "m"},
    )
    assert response.status_code == 200
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.RESTRICTED
