"""When two people edit one record at once, the second to save is told what the first changed,
and keeps what they typed, instead of silently overwriting it."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


def signed_in(username: str, password: str) -> Client:
    client = Client()
    client.login(username=username, password=password)
    return client


def version_in(page: str) -> str:
    found = re.search(r'name="expected_version" value="(\d+)"', page)
    assert found is not None, "the edit form carries the record's version"
    return found.group(1)


PERSON_FIELDS = {
    "sex": "m",
    "birth_date": "1956",
    "ethnicity": "Uyghur",
    "visibility": "restricted",
}


def test_every_save_counts_a_new_version(owner, reviewer, aynurs_father):
    assert aynurs_father.version == 1
    services.update_person(owner, aynurs_father, occupation="دېھقان")
    services.set_consent(owner, aynurs_father, publish=True)
    aynurs_father.refresh_from_db()
    assert aynurs_father.version == 3


def test_the_second_editor_is_refused_and_told_what_changed(owner, colleague, aynurs_father):
    opened_at = aynurs_father.version
    services.update_person(owner, aynurs_father, expected_version=opened_at, occupation="دېھقان")
    late = Person.objects.get(pk=aynurs_father.pk)
    with pytest.raises(ValidationError) as told:
        services.update_person(
            colleague, late, expected_version=opened_at, occupation="teacher", notes="Arrested"
        )
    message = told.value.messages[0]
    assert "Someone else changed this record while you were editing it" in message
    assert "Occupation is now “دېھقان”" in message
    aynurs_father.refresh_from_db()
    assert aynurs_father.occupation == "دېھقان"
    assert aynurs_father.notes == ""


def test_a_visibility_change_meanwhile_is_not_overwritten_by_an_old_form(
    owner, colleague, aynurs_father
):
    opened_at = aynurs_father.version
    services.set_visibility(owner, aynurs_father, "internal")
    with pytest.raises(ValidationError):
        services.update_person(
            colleague, aynurs_father, expected_version=opened_at, visibility="restricted"
        )
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == "internal"


def test_two_editors_of_one_person_page(owner, colleague, password, aynurs_father):
    url = reverse("registry:person_edit", args=[aynurs_father.pk])
    aynur, dilnur = signed_in("aynur", password), signed_in("dilnur", password)
    aynurs_version = version_in(aynur.get(url).content.decode())
    dilnurs_version = version_in(dilnur.get(url).content.decode())

    saved = aynur.post(
        url, {**PERSON_FIELDS, "occupation": "دېھقان", "expected_version": aynurs_version}
    )
    assert saved.status_code == 302

    told = dilnur.post(
        url,
        {**PERSON_FIELDS, "notes": "Taken at night", "expected_version": dilnurs_version},
    )
    assert told.status_code == 200
    page = told.content.decode()
    assert "Someone else changed this record while you were editing it" in page
    assert "دېھقان" in page  # what changed
    assert "Taken at night" in page  # what Dilnur typed, kept
    aynurs_father.refresh_from_db()
    assert aynurs_father.occupation == "دېھقان" and aynurs_father.notes == ""

    # Her form now carries the version she has been told about: saving again is her choice.
    again = dilnur.post(
        url,
        {
            **PERSON_FIELDS,
            "occupation": "دېھقان",
            "notes": "Taken at night",
            "expected_version": version_in(page),
        },
    )
    assert again.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.notes == "Taken at night"
    assert aynurs_father.occupation == "دېھقان"


def test_two_editors_of_one_event(owner, colleague, password, aynurs_father):
    event = services.add_event(owner, aynurs_father, kind="camp", date="2017")
    url = reverse("registry:event_edit", args=[event.pk])
    dilnur = signed_in("dilnur", password)
    opened_at = version_in(dilnur.get(url).content.decode())
    services.update_event(owner, event, date="2017-04")

    told = dilnur.post(url, {"kind": "prison", "date": "2018", "expected_version": opened_at})
    assert told.status_code == 200
    assert "Someone else changed this record" in told.content.decode()
    event.refresh_from_db()
    assert (event.kind, event.date) == ("camp", "2017-04")


def test_two_editors_of_one_testimony(owner, colleague, aynurs_father):
    testimony = services.add_testimony(owner, [aynurs_father], witness_name="Aynur")
    opened_at = testimony.version
    services.update_testimony(owner, testimony, text="He was taken in April.")
    with pytest.raises(ValidationError):
        services.update_testimony(
            colleague, testimony, expected_version=opened_at, text="He was taken in May."
        )
    testimony.refresh_from_db()
    assert testimony.text == "He was taken in April."


def test_a_restored_version_gets_a_new_number(owner, reviewer, aynurs_father):
    first = aynurs_father.history.earliest()
    services.update_person(owner, aynurs_father, occupation="دېھقان")
    services.restore_version(reviewer, aynurs_father, first.history_id)
    aynurs_father.refresh_from_db()
    # An editor who opened the form at version 2 must still be told of the restore.
    assert aynurs_father.version == 3
    assert aynurs_father.occupation == ""
