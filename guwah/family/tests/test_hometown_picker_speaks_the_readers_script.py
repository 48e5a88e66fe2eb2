"""The hometown is asked once, offered for every relative, and picked from every county in the
reader's script: Ghulja for a Uyghur reader, not Yining."""

import pytest
from django.utils import translation

from guwah.family.places import county_choices
from guwah.family.tests.helpers import add
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


def test_counties_are_named_in_the_readers_script_under_their_prefecture(ghulja):
    uyghur = county_choices("ug")
    assert [(group.name, group.places) for group in uyghur] == [("ئىلى", [(ghulja.pk, "غۇلجا")])]
    assert county_choices("zh-hans")[0].places == [(ghulja.pk, "伊宁市")]
    assert county_choices("tr")[0].places == [(ghulja.pk, "Ghulja")]
    assert county_choices("en")[0].places == [(ghulja.pk, "Yining City")]


def test_the_hometown_said_once_is_offered_for_every_new_relative(aynur_client, ghulja):
    aynur_client.post(
        "/family/settings/",
        {"hometown": ghulja.pk, "hometown_text": "Bayandai", "lost_contact": "2017"},
    )
    aynur_client.cookies["django_language"] = "ug"
    with translation.override("ug"):
        page = aynur_client.get("/family/").content.decode()
    assert f'<option value="{ghulja.pk}" selected>غۇلجا</option>' in page
    assert 'name="hometown_text" value="Bayandai"' in page
    assert 'name="lost_contact" value="2017"' in page


def test_a_village_is_kept_as_typed_for_a_documenter_to_place(aynur_client, ghulja):
    add(aynur_client, name="Memet", hometown=ghulja.pk, hometown_text="ئۈچ ئۆي كەنتى")
    aynur_client.post("/family/send/")
    memet = Person.objects.get(names__text="Memet")
    assert (memet.hometown, memet.hometown_text) == (ghulja, "ئۈچ ئۆي كەنتى")
    aynur_client.cookies["django_language"] = "ug"
    page = aynur_client.get("/family/").content.decode()
    assert '<bdi dir="auto">غۇلجا، ئۈچ ئۆي كەنتى</bdi>' in page


def test_a_hometown_that_is_not_in_the_list_is_refused(aynur_client):
    answer = add(aynur_client, name="Memet", hometown="99999")
    assert answer.status_code == 400
    assert "hometown" in answer.json()["errors"]
