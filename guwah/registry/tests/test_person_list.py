"""The person list searches names and filters by status, sex, place, facility, visibility and
the synthetic marker."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Facility, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(colleague):
    hotan = Place.objects.create(level="prefecture", name_en="Hotan")
    karakax = Place.objects.create(level="county", name_en="Karakax", parent=hotan)
    kashgar = Place.objects.create(level="prefecture", name_en="Kashgar")
    camp = Facility.objects.create(kind="camp", name_en="Karakax No. 3")
    held = services.create_person(
        colleague,
        names=[{"text": "Memet Tursun", "script": "ug-Latn"}],
        sex="m",
        hometown=karakax,
    )
    services.add_event(colleague, held, kind="camp", date="2017", facility=camp)
    freed = services.create_person(
        colleague,
        names=[{"text": "Gulnar Hoshur", "script": "ug-Latn"}],
        sex="f",
        hometown=kashgar,
        synthetic=True,
    )
    services.add_event(colleague, freed, kind="camp", date="2017")
    services.add_event(colleague, freed, kind="release", date="2019")
    return {"held": held, "freed": freed, "hotan": hotan, "camp": camp}


def listed(client, **params):
    response = client.get(reverse("registry:person_list"), params)
    assert response.status_code == 200
    return {person.pk for person in response.context["page"]}


@pytest.fixture
def signed_in(client, colleague, password):
    client.login(username="dilnur", password=password)
    return client


def test_filters_narrow_the_list(signed_in, registry):
    held, freed = registry["held"].pk, registry["freed"].pk
    assert listed(signed_in) == {held, freed}
    assert listed(signed_in, status="released") == {freed}
    assert listed(signed_in, status="detained") == {held}
    assert listed(signed_in, sex="f") == {freed}
    assert listed(signed_in, place=registry["hotan"].pk) == {held}
    assert listed(signed_in, facility=registry["camp"].pk) == {held}
    assert listed(signed_in, synthetic="yes") == {freed}
    assert listed(signed_in, synthetic="no") == {held}
    assert listed(signed_in, visibility="public") == set()


def test_search_finds_a_name(signed_in, registry):
    assert listed(signed_in, q="Gulnar") == {registry["freed"].pk}


def test_htmx_requests_get_only_the_results(signed_in, registry):
    response = signed_in.get(
        reverse("registry:person_list"),
        {"sex": "m"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    page = response.content.decode()
    assert "Memet Tursun" in page
    assert "<html" not in page


def test_the_dashboard_counts_by_status_and_prefecture(signed_in, registry):
    response = signed_in.get(reverse("registry:dashboard"))
    counts = {row["status"]: row["count"] for row in response.context["statuses"]}
    assert counts["detained"] == 1
    assert counts["released"] == 1
    regions = {str(place): count for place, count in response.context["regions"]}
    assert regions == {"Hotan": 1, "Kashgar": 1}


def test_the_dashboard_finds_the_prefecture_of_a_village_and_admits_what_it_does_not_know(
    signed_in, colleague, registry
):
    county = registry["held"].hometown
    village = Place.objects.create(
        level="village",
        name_en="Bostan",
        parent=Place.objects.create(level="township", name_en="Yengi", parent=county),
    )
    services.create_person(colleague, names=[{"text": "A", "script": "und-Latn"}], hometown=village)
    services.create_person(colleague, names=[{"text": "B", "script": "und-Latn"}])
    response = signed_in.get(reverse("registry:dashboard"))
    regions = {str(place): count for place, count in response.context["regions"]}
    assert regions == {"Hotan": 2, "Kashgar": 1, "None": 1}
