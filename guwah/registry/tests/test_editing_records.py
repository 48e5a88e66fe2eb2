"""Editing keeps what it does not touch: a published record stays public when a documenter
corrects it, and an edit is recorded under the editor's name."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Visibility

pytestmark = pytest.mark.django_db


def test_a_documenter_corrects_a_published_record_without_unpublishing_it(
    client, owner, colleague, reviewer, password, aynurs_father
):
    services.set_consent(owner, aynurs_father, publish=True)
    services.set_visibility(reviewer, aynurs_father, Visibility.PUBLIC)
    client.login(username="dilnur", password=password)
    form_page = client.get(reverse("registry:person_edit", args=[aynurs_father.pk]))
    assert 'value="public" selected' in form_page.content.decode()
    response = client.post(
        reverse("registry:person_edit", args=[aynurs_father.pk]),
        {
            "sex": "m",
            "birth_date": "about 1956",
            "ethnicity": "Uyghur",
            "occupation": "دېھقان",
            "visibility": "public",
            "consent_publish": "on",
        },
    )
    assert response.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.PUBLIC
    assert aynurs_father.birth_date == "1956~"
    assert aynurs_father.occupation == "دېھقان"
    assert aynurs_father.history.latest().history_user == colleague


def test_a_family_member_corrects_a_name_she_entered(client, owner, password, aynurs_father):
    name = aynurs_father.names.get(script="ug-Arab")
    client.login(username="aynur", password=password)
    response = client.post(
        reverse("registry:name_edit", args=[name.pk]),
        {"text": "ئەخمەت تۇرسۇن ھاجى", "script": "ug-Arab", "kind": "primary"},
    )
    assert response.status_code == 302
    name.refresh_from_db()
    assert name.text == "ئەخمەت تۇرسۇن ھاجى"


def test_an_event_is_corrected_and_its_sources_replaced(client, colleague, password, aynurs_father):
    testimony = services.add_testimony(colleague, [aynurs_father], witness_name="Aynur")
    event = services.add_event(colleague, aynurs_father, kind="camp", date="2017")
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:event_edit", args=[event.pk]),
        {"kind": "prison", "date": "2018-03", "testimonies": [testimony.pk]},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.kind, event.date) == ("prison", "2018-03")
    assert list(event.testimonies.all()) == [testimony]
