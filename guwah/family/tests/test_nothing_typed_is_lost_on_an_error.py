"""A mistake is told plainly and loses nothing: the row comes back with what she typed, and a
submission that cannot be recorded whole records nothing and keeps every draft."""

import pytest

from guwah.family.models import DraftRelative
from guwah.family.tests.helpers import add
from guwah.registry.models import FamilyTie, Person

pytestmark = pytest.mark.django_db


def test_a_relative_without_a_name_is_refused_and_nothing_else_is_needed(aynur_client):
    answer = add(aynur_client, name="  ", birth_date="1980")
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["name"]
    assert answer.json()["values"]["birth_date"] == "1980"
    assert add(aynur_client, name="Memet").status_code == 200


def test_a_date_that_cannot_be_read_is_explained_and_the_row_kept(aynur_client):
    answer = add(aynur_client, name="Memet", lost_contact="the year the river froze")
    assert answer.status_code == 400
    assert "is not a date" in " ".join(answer.json()["errors"]["lost_contact"])
    assert answer.json()["values"]["name"] == "Memet"
    assert not DraftRelative.objects.exists()


def test_without_the_script_the_form_comes_back_filled_in(aynur_client):
    response = aynur_client.post(
        "/family/relatives/",
        {"anchor": "me", "edge": "child", "name": "Memet", "birth_date": "in the year of the dog"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Memet"' in page and 'value="in the year of the dog"' in page


def test_dates_as_families_say_them_are_accepted(aynur_client):
    for said in ("summer 2017", "before Ramadan 2017", "2017–2018", "about 1985"):
        assert add(aynur_client, name="Memet", lost_contact=said).status_code == 200


def test_a_submission_that_fails_on_one_relative_records_none(aynur_client, owner, monkeypatch):
    son = add(aynur_client, name="Memet", sex="m").json()
    add(aynur_client, anchor=son["key"], name="Aygul", sex="f")
    add(aynur_client, name="Ehmet", sex="m")
    from guwah.family import services

    real = services._record

    def record(actor, me, draft, made):
        if draft.name == "Ehmet":
            from django.core.exceptions import ValidationError

            raise ValidationError({"birth_date": "The year 1776 is outside 1900–2100."})
        return real(actor, me, draft, made)

    monkeypatch.setattr(services, "_record", record)
    response = aynur_client.post("/family/send/", follow=True)
    assert "“Ehmet” could not be recorded, so nothing was sent" in response.content.decode()
    assert Person.objects.count() == 0
    assert FamilyTie.objects.count() == 0
    assert DraftRelative.objects.count() == 3


def test_sending_with_nothing_added_says_so(aynur_client):
    response = aynur_client.post("/family/send/", follow=True)
    assert "There is no new relative to send." in response.content.decode()
