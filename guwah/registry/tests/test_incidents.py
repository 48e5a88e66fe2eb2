"""Incidents group the events of many people; each reader sees only the events they may."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Incident

pytestmark = pytest.mark.django_db


def test_a_documenter_records_an_incident_and_links_events(
    client, colleague, password, aynurs_father, murats_brother
):
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:incident_create"),
        {"title": "Night raid, Yengisheher village", "date": "2017-04"},
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.created_by == colleague
    services.add_event(colleague, aynurs_father, kind="arrest", date="2017-04", incident=incident)
    services.add_event(colleague, murats_brother, kind="arrest", date="2017-04", incident=incident)
    page = client.get(reverse("registry:incident_detail", args=[incident.pk])).content.decode()
    assert "ئەخمەت تۇرسۇن" in page and "Abdulla Qadir" in page


def test_a_family_member_sees_only_her_relatives_in_an_incident(
    client, owner, colleague, password, aynurs_father, murats_brother
):
    incident = services.add_incident(colleague, title="Night raid")
    services.add_event(colleague, aynurs_father, kind="arrest", date="2017", incident=incident)
    services.add_event(colleague, murats_brother, kind="arrest", date="2017", incident=incident)
    client.login(username="aynur", password=password)
    page = client.get(reverse("registry:incident_detail", args=[incident.pk])).content.decode()
    assert "ئەخمەت تۇرسۇن" in page
    assert "Abdulla Qadir" not in page


def test_families_do_not_create_incidents(client, owner, password):
    with pytest.raises(PermissionDenied):
        services.add_incident(owner, title="x")
    client.login(username="aynur", password=password)
    assert client.get(reverse("registry:incident_create")).status_code == 403
