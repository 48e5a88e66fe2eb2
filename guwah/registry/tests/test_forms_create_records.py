"""The forms create persons with several names, events, testimonies, evidence and relatives."""

import pytest
from django.urls import reverse

from guwah.registry import models, services
from guwah.registry.status import derive_status

pytestmark = pytest.mark.django_db


def test_a_person_is_created_with_names_in_three_scripts(client, colleague, password):
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:person_create"),
        {
            "names-TOTAL_FORMS": "3",
            "names-INITIAL_FORMS": "0",
            "names-0-text": "گۈلنار ئابدۇللا",
            "names-0-script": "ug-Arab",
            "names-0-kind": "primary",
            "names-1-text": "古丽娜尔·阿不都拉",
            "names-1-script": "",
            "names-1-kind": "official_zh",
            "names-2-text": "Gulnar Abdulla",
            "names-2-script": "ug-Latn",
            "names-2-kind": "alias",
            "sex": "f",
            "birth_date": "about 1979",
            "ethnicity": "Uyghur",
            "visibility": "internal",
        },
    )
    person = models.Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:person_detail", args=[person.pk])
    assert person.birth_date == "1979~"
    scripts = dict(person.names.values_list("text", "script"))
    assert scripts["古丽娜尔·阿不都拉"] == "zh-Hans"  # recognised from the text
    assert person.created_by == colleague


def test_a_person_needs_at_least_one_name(client, colleague, password):
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:person_create"),
        {
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-kind": "primary",
            "ethnicity": "Uyghur",
            "visibility": "restricted",
        },
    )
    assert response.status_code == 200
    assert "at least one name" in str(response.context["names"].non_form_errors())
    assert not models.Person.objects.exists()


def test_an_event_is_added_citing_a_testimony(client, colleague, password, aynurs_father):
    testimony = services.add_testimony(colleague, [aynurs_father], witness_name="Aynur")
    client.login(username="dilnur", password=password)
    response = client.post(
        reverse("registry:event_add", args=[aynurs_father.pk]),
        {
            "kind": "sentence",
            "date": "2019-06",
            "sentence_months": "180",
            "testimonies": [testimony.pk],
            "basis": "first_hand",
        },
    )
    assert response.status_code == 302
    event = aynurs_father.events.get()
    assert event.sentence_months == 180
    assert list(event.testimonies.all()) == [testimony]
    assert derive_status(aynurs_father).sentence_ends == 2034


def test_a_testimony_is_added_for_chosen_events(client, owner, password, aynurs_father):
    event = services.add_event(owner, aynurs_father, kind="lost_contact", date="2017")
    client.login(username="aynur", password=password)
    response = client.post(
        reverse("registry:testimony_add", args=[aynurs_father.pk]),
        {
            "witness_name": "ئاينۇر",
            "witness_relationship": "قىزى",
            "given_on": "2024-03",
            "language": "ug",
            "text": "...",
            "visibility": "restricted",
            "events": [event.pk],
        },
    )
    assert response.status_code == 302
    testimony = models.Testimony.objects.get()
    assert testimony.created_by == owner
    assert list(event.testimonies.all()) == [testimony]


def test_a_grandmother_adds_many_relatives_on_one_screen(client, owner, password, aynurs_father):
    client.login(username="aynur", password=password)
    form_page = client.get(reverse("registry:relatives_add", args=[aynurs_father.pk]))
    assert form_page.status_code == 200
    response = client.post(
        reverse("registry:relatives_add", args=[aynurs_father.pk]),
        {
            "relatives-TOTAL_FORMS": "3",
            "relatives-INITIAL_FORMS": "0",
            "relatives-0-name": "ئالىم",
            "relatives-0-relation": "child",
            "relatives-0-birth_date": "1985",
            "relatives-0-lost_contact": "2017",
            "relatives-1-name": "مەرىيەم",
            "relatives-1-relation": "spouse",
            "relatives-1-sex": "f",
            "relatives-1-what_is_known": "ئۇنىڭغا 15 يىل كېسىلگەن دەپ ئاڭلىدىم",
            "relatives-2-relation": "parent",
        },
    )
    assert response.status_code == 302
    relatives = {tie.relative.names.get().text: tie.relation for tie in aynurs_father.ties.all()}
    assert relatives == {"ئالىم": "child", "مەرىيەم": "spouse"}
    alim = models.Person.objects.get(names__text="ئالىم")
    assert alim.created_by == owner
    assert alim.names.get().script == "ug-Arab"
    assert derive_status(alim).status == "lost_contact"
    meryem = models.Person.objects.get(names__text="مەرىيەم")
    assert meryem.notes == "ئۇنىڭغا 15 يىل كېسىلگەن دەپ ئاڭلىدىم"
