"""The person page shows names in every script, the family, the timeline with its sources,
testimony, evidence, and the status with what it rests on."""

import pytest
from django.urls import reverse

from guwah.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def documented(colleague, aynurs_father):
    testimony = services.add_testimony(
        colleague,
        [aynurs_father],
        witness_name="Aynur",
        text="دادام 2017-يىلى لاگېرغا ئېلىپ كېتىلدى",
    )
    evidence = services.add_evidence(
        colleague,
        [aynurs_father],
        kind="leaked_record",
        title="Karakax list, row 112",
        reference="https://example.org/karakax",
        reliability="B",
    )
    event = services.add_event(
        colleague,
        aynurs_father,
        kind="camp",
        date="2017",
        testimonies=[testimony],
        evidence=[evidence],
    )
    son = services.add_relative(
        colleague,
        aynurs_father,
        name="Alim Ahmet",
        script="ug-Latn",
        relation="child",
        lost_contact="2018",
    )
    return {"testimony": testimony, "evidence": evidence, "event": event, "son": son}


def test_the_page_shows_names_timeline_sources_and_family(
    client, colleague, password, aynurs_father, documented
):
    client.login(username="dilnur", password=password)
    response = client.get(reverse("registry:person_detail", args=[aynurs_father.pk]))
    page = response.content.decode()
    assert "ئەخمەت تۇرسۇن" in page
    assert "艾合买提·吐尔逊" in page
    assert "Detention in a camp" in page
    assert "Karakax list, row 112" in page
    assert "Testimony of Aynur" in page
    assert "Alim Ahmet" in page
    assert response.context["derived"].status == "detained"
    assert response.context["status_event"] == documented["event"]
    assert 'dir="auto"' in page
    assert "person_panels" not in page


def test_a_uyghur_name_is_shown_in_all_three_scripts(client, colleague, password, aynurs_father):
    client.login(username="dilnur", password=password)
    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk])).content.decode()
    # The Arabic-script name converted exactly to the Latin and Cyrillic scripts.
    assert "Exmet Tursun" in page
    assert "Әхмәт Турсун" in page


def test_the_family_is_drawn_without_javascript(
    client, colleague, password, aynurs_father, documented
):
    client.login(username="dilnur", password=password)
    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk])).content.decode()
    son_url = reverse("registry:person_detail", args=[documented["son"].pk])
    assert "<svg" in page
    assert f'<a href="{son_url}">' in page


def test_a_family_member_does_not_see_sources_filed_by_the_organisation(
    client, owner, password, aynurs_father, documented
):
    client.login(username="aynur", password=password)
    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk])).content.decode()
    assert "Detention in a camp" in page
    assert "Karakax list, row 112" not in page
    assert "Testimony of Aynur" not in page


def test_the_json_view_answers_with_the_derived_status(
    client, colleague, password, aynurs_father, documented
):
    client.login(username="dilnur", password=password)
    data = client.get(reverse("registry:person_json", args=[aynurs_father.pk])).json()
    assert data["status"] == "detained"
    assert data["status_since"] == "2017"
    assert {"text": "ئەخمەت تۇرسۇن", "script": "ug-Arab", "kind": "primary"} in data["names"]
    assert data["events"][0]["testimonies"] == [documented["testimony"].pk]
