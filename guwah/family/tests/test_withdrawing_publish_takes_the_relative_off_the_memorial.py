"""Each use is chosen separately and can be withdrawn at any time; withdrawing "publish" takes
her relative off the memorial in the very next request."""

import pytest
from django.test import Client

from guwah.family.tests.helpers import add
from guwah.registry import models as registry_models
from guwah.registry import services
from guwah.registry.models import Person, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def memet(aynur_client):
    add(aynur_client, name="Memet", sex="m")
    add(aynur_client, name="Ehmet", sex="m")
    aynur_client.post("/family/send/")
    return Person.objects.get(names__text="Memet")


def test_each_use_is_set_separately_for_every_relative(aynur_client, memet):
    aynur_client.post(
        "/family/consent/", {"publish": "no", "share_un": "yes", "name_witness": "no"}
    )
    relatives = Person.objects.filter(names__text__in=["Memet", "Ehmet"])
    assert all(p.consent_share_un and not p.consent_publish for p in relatives)
    assert not any(p.consent_name_witness for p in relatives)
    page = aynur_client.get("/family/consent/").content.decode()
    assert 'name="share_un" value="yes" checked' in page
    assert 'name="publish" value="no" checked' in page


def test_her_own_record_is_never_offered_for_publication(aynur_client, memet, owner):
    aynur_client.post(
        "/family/consent/", {"publish": "yes", "share_un": "yes", "name_witness": "yes"}
    )
    me = owner.family_space.me
    me.refresh_from_db()
    assert not me.consent_publish


def test_the_testimony_follows_what_she_agreed_to(aynur_client, memet):
    aynur_client.post("/family/testimony/", {"text": "They took him at night."})
    aynur_client.post(
        "/family/consent/", {"publish": "no", "share_un": "no", "name_witness": "yes"}
    )
    assert registry_models.Testimony.objects.get().consent_name_witness


def test_after_withdrawing_publish_the_memorial_page_is_gone(aynur_client, memet, reviewer):
    aynur_client.post(
        "/family/consent/", {"publish": "yes", "share_un": "no", "name_witness": "no"}
    )
    memet.refresh_from_db()
    services.set_visibility(reviewer, memet, Visibility.PUBLIC)
    visitor = Client()
    assert visitor.get(f"/memorial/{memet.pk}/").status_code == 200
    assert visitor.get(f"/memorial/api/persons/{memet.pk}.json").status_code == 200
    card = aynur_client.get("/family/").content.decode()
    assert "Published on the memorial" in card

    aynur_client.post("/family/consent/", {"publish": "no", "share_un": "no", "name_witness": "no"})

    assert visitor.get(f"/memorial/{memet.pk}/").status_code == 404
    assert visitor.get(f"/memorial/api/persons/{memet.pk}.json").status_code == 404
    assert "Memet" not in visitor.get("/memorial/").content.decode()
