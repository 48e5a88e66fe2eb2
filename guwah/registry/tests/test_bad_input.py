"""Bad input gets a clear message on the form, everything typed is shown again, and nothing is
half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guwah.registry import models, services

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            models.Person,
            models.Name,
            models.Event,
            models.FamilyTie,
            models.Testimony,
            models.Evidence,
        )
    }


@pytest.fixture
def documenter_client(client, colleague, password):
    client.login(username="dilnur", password=password)
    return client


def new_person(**overrides: str) -> dict[str, str]:
    data = {
        "names-TOTAL_FORMS": "2",
        "names-INITIAL_FORMS": "0",
        "names-0-text": "ئالىم ئەخمەت",
        "names-0-script": "ug-Arab",
        "names-0-kind": "primary",
        "names-1-text": "阿力木·艾合买提",
        "names-1-script": "zh-Hans",
        "names-1-kind": "official_zh",
        "sex": "m",
        "birth_date": "1985",
        "ethnicity": "Uyghur",
        "occupation": "مۇئەللىم",
        "visibility": "restricted",
    }
    data.update(overrides)
    return data


def test_a_malformed_birth_date_is_explained_and_nothing_is_lost(documenter_client):
    before = counts()
    response = documenter_client.post(
        reverse("registry:person_create"), new_person(birth_date="spring of 85")
    )
    assert response.status_code == 200
    assert "is not a date" in response.context["form"].errors["birth_date"][0]
    page = response.content.decode()
    assert 'value="spring of 85"' in page
    assert "ئالىم ئەخمەت" in page
    assert "阿力木·艾合买提" in page
    assert "مۇئەللىم" in page
    assert counts() == before


def test_an_unknown_script_tag_is_explained_and_nothing_is_lost(documenter_client):
    before = counts()
    response = documenter_client.post(
        reverse("registry:person_create"), new_person(**{"names-1-script": "zh-Klingon"})
    )
    assert response.status_code == 200
    error = response.context["names"].forms[1].errors["script"][0]
    assert "zh-Klingon" in error and "not a script" in error
    assert "阿力木·艾合买提" in response.content.decode()
    assert counts() == before


def test_the_service_refuses_an_unknown_script_tag(colleague):
    before = counts()
    with pytest.raises(ValidationError, match="not a script"):
        services.create_person(colleague, names=[{"text": "Alim", "script": "ug-Latin"}])
    assert counts() == before


def test_an_impossible_timeline_is_explained_and_nothing_is_lost(
    documenter_client, colleague, aynurs_father
):
    services.add_event(colleague, aynurs_father, kind="camp", date="2018-03")
    before = counts()
    response = documenter_client.post(
        reverse("registry:event_add", args=[aynurs_father.pk]),
        {"kind": "release", "date": "2017", "stated_reason": "ئۆگىنىش تاماملاندى"},
    )
    assert response.status_code == 200
    message = response.context["form"].errors["date"][0]
    assert "cannot come before the first detention" in message
    page = response.content.decode()
    assert 'value="2017"' in page
    assert "ئۆگىنىش تاماملاندى" in page
    assert counts() == before


def test_a_birth_after_an_arrest_is_refused_on_the_person_form(
    documenter_client, colleague, aynurs_father
):
    services.add_event(colleague, aynurs_father, kind="arrest", date="2017")
    response = documenter_client.post(
        reverse("registry:person_edit", args=[aynurs_father.pk]),
        {"birth_date": "2019", "sex": "m", "ethnicity": "Uyghur", "visibility": "restricted"},
    )
    assert response.status_code == 200
    assert "before the birth" in response.context["form"].errors["birth_date"][0]
    assert 'value="2019"' in response.content.decode()
    aynurs_father.refresh_from_db()
    assert aynurs_father.birth_date == "1956"


def test_events_after_a_confirmed_death_are_refused(documenter_client, colleague, aynurs_father):
    services.add_event(colleague, aynurs_father, kind="death", date="2019-02")
    before = counts()
    response = documenter_client.post(
        reverse("registry:event_add", args=[aynurs_father.pk]), {"kind": "transfer", "date": "2020"}
    )
    assert "after the death" in response.context["form"].errors["date"][0]
    assert counts() == before


def test_an_oversized_upload_is_refused_with_its_size(documenter_client, settings, aynurs_father):
    settings.GUWAH_MAX_UPLOAD_BYTES = 1024
    before = counts()
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 " + b"x" * 4096, "application/pdf")
    response = documenter_client.post(
        reverse("registry:evidence_add", args=[aynurs_father.pk]),
        {
            "kind": "official_document",
            "title": "سوت ھۆكۈمى",
            "reliability": "B",
            "visibility": "restricted",
            "file": upload,
        },
    )
    assert response.status_code == 200
    assert "largest accepted" in response.context["form"].errors["file"][0]
    assert "سوت ھۆكۈمى" in response.content.decode()
    assert counts() == before


def test_an_oversized_testimony_recording_is_refused(documenter_client, settings, aynurs_father):
    settings.GUWAH_MAX_UPLOAD_BYTES = 1024
    before = counts()
    upload = SimpleUploadedFile("voice.ogg", b"O" * 4096, "audio/ogg")
    response = documenter_client.post(
        reverse("registry:testimony_add", args=[aynurs_father.pk]),
        {
            "witness_name": "Aynur",
            "text": "ئۇ 2017-يىلى ئېلىپ كېتىلدى",
            "visibility": "restricted",
            "media": upload,
        },
    )
    assert response.status_code == 200
    assert "largest accepted" in response.context["form"].errors["media"][0]
    assert "ئۇ 2017-يىلى ئېلىپ كېتىلدى" in response.content.decode()
    assert counts() == before


def test_one_bad_row_of_relatives_saves_none_of_them(client, owner, password, aynurs_father):
    client.login(username="aynur", password=password)
    before = counts()
    response = client.post(
        reverse("registry:relatives_add", args=[aynurs_father.pk]),
        {
            "relatives-TOTAL_FORMS": "2",
            "relatives-INITIAL_FORMS": "0",
            "relatives-0-name": "ئالىم",
            "relatives-0-relation": "child",
            "relatives-0-birth_date": "1985",
            "relatives-0-lost_contact": "2017",
            "relatives-1-name": "گۈلنار",
            "relatives-1-relation": "child",
            "relatives-1-birth_date": "1950",
            "relatives-1-lost_contact": "1940",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "before the birth" in page
    assert "ئالىم" in page and "گۈلنار" in page and 'value="1940"' in page
    assert counts() == before
