"""After signing in, a family member lands on her family's tree; the organisation's people on
their dashboard."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_family_member_signing_in_lands_on_her_family(owner, password):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": owner.username, "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/family/"
    assert "Your family" in response.content.decode()


def test_a_documenter_signing_in_lands_on_the_dashboard(colleague, password):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": colleague.username, "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/registry/"


def test_a_family_member_opening_the_dashboard_is_sent_to_her_family(owner):
    client = Client()
    client.force_login(owner)
    response = client.get("/registry/")
    assert response.status_code == 302 and response["Location"] == "/family/"
    # Nothing is written or lost: the registry's own pages still answer her.
    assert client.get("/registry/people/").status_code == 200


def test_a_family_member_who_is_also_staff_keeps_the_dashboard(owner):
    from django.contrib.auth.models import Group

    from guwah.registry.roles import Role

    owner.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    client = Client()
    client.force_login(owner)
    assert client.get("/registry/").status_code == 200
